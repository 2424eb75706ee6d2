/**
 * Runs the committed refresh helper (dist/refresh.js) as a launcher would, against a stage's
 * issuer and fake Cloudsmith, and reads its folder (the key cache).
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ACTION_DIR,
  actionNode,
  ORG,
  runProgram,
  SERVICE_SLUG,
  type ProgramRun,
  type Stage
} from '../e2e/harness.js'

export const HELPER_SCRIPT = join(ACTION_DIR, 'dist', 'refresh.js')

/** A new folder like the one the main step makes (mode 0700). */
export function helperDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'refresh-helper-'))
  chmodSync(dir, 0o700)
  return dir
}

export interface HelperRunOptions {
  protocol?: 'docker' | 'cargo' | 'pnpm'
  /** The tool's own arguments (docker: get). */
  args?: string[]
  input?: string
  /** The job's request variables (default: the stage's); null leaves them out. */
  requestEnv?: Record<string, string> | null
  totalTimeoutSeconds?: number
  maxAttempts?: number
  timeoutMs?: number
}

/** One helper call, as docker, cargo or pnpm makes it. */
export function runHelper(
  stage: Stage,
  dir: string,
  options: HelperRunOptions = {}
): Promise<ProgramRun> {
  const protocol = options.protocol ?? 'docker'
  const args = options.args ?? (protocol === 'docker' ? ['get'] : [])
  const requestEnv = options.requestEnv === null ? {} : (options.requestEnv ?? stage.issuer.env())
  return runProgram(
    actionNode().path,
    [
      HELPER_SCRIPT,
      protocol,
      '--org',
      ORG,
      '--service-slug',
      SERVICE_SLUG,
      '--api-url',
      stage.cloudsmith.url,
      '--dir',
      dir,
      '--max-attempts',
      String(options.maxAttempts ?? 5),
      '--timeout-seconds',
      '30',
      '--total-timeout-seconds',
      String(options.totalTimeoutSeconds ?? 60),
      '--',
      ...args
    ],
    {
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...requestEnv },
      input: options.input ?? (protocol === 'docker' ? 'docker.cloudsmith.io\n' : ''),
      timeoutMs: options.timeoutMs ?? 60_000
    }
  )
}

export interface CachedKey {
  key: string
  expiresAt: string
  renewAtMs: number
  minted: number
}

export function readCache(dir: string): CachedKey {
  return JSON.parse(readFileSync(join(dir, 'key.json'), 'utf8')) as CachedKey
}

/** Every file under `dir` with its text, for leak scans. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path, text: readFileSync(path, 'latin1') }
    })
}
