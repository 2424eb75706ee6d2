/**
 * A throw-away npm project and the real clients that install it: `npm` from the PATH and `pnpm`
 * from this repository's devDependency. Each runs with exactly the environment it is given (a
 * later step's, or cleanEnv's: a temp HOME with its own caches and ~/.npmrc, CI=true, and none of
 * the `npm_config_*` variables that `npm test` hands to jest), so only the configuration under
 * test reaches the client. Clients run asynchronously: a fake registry in the same process must
 * keep answering.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type NpmClient = 'npm' | 'pnpm'

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const PNPM = join(REPOSITORY_ROOT, 'node_modules', '.bin', 'pnpm')

/** A project in `dir` depending on `dependencies` (name to exact version). */
export function writeProject(dir: string, dependencies: Record<string, string>): void {
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'registries-test', version: '1.0.0', private: true, dependencies })
  )
}

export interface InstallResult {
  readonly status: number | null
  readonly output: string
}

/**
 * `npm install` or `pnpm install` in `dir` with exactly `env` (nothing inherited), pnpm's store
 * in `storeDir`.
 */
export function install(
  client: NpmClient,
  dir: string,
  env: Record<string, string>,
  storeDir: string,
  timeoutMs = 60_000
): Promise<InstallResult> {
  const command = client === 'npm' ? 'npm' : PNPM
  const args =
    client === 'npm'
      ? ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock']
      : ['install', '--ignore-scripts', `--store-dir=${storeDir}`]
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      env
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', (error) => (output += `\n${String(error)}`))
    child.on('close', (status) => done({ status, output }))
  })
}

/** A clean environment for a client: PATH, a HOME of its own, CI=true, then `env`. */
export function cleanEnv(home: string, env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, USERPROFILE: home, CI: 'true', ...env }
}

/** The text of an installed package's index.js, or undefined when it is not installed. */
export function installed(dir: string, name: string): string | undefined {
  const file = join(dir, 'node_modules', ...name.split('/'), 'index.js')
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}
