/**
 * This step's state is the only state, end to end (the committed dist/ under the runner emulator,
 * which gives post the job's environment first and then only the state keys main saved, as the
 * runner does): an injected STATE_registries changes nothing; a dangling symbolic link at a name
 * the step probes survives main and post; a variable post puts back comes back exactly, line
 * breaks and all, without defining another; and a huge `registries` line gives a bounded log and
 * summary, quickly.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireBundle, runStep, startStage, type Stage } from './e2e/harness.js'

requireBundle()
const TIMEOUT = 120_000
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

describe("this step's state is the only state", () => {
  let stage: Stage
  let root: string

  beforeAll(async () => {
    stage = await startStage()
    root = mkdtempSync(join(tmpdir(), 'e2e-state-'))
  })
  afterAll(async () => {
    await stage.close()
    rmSync(root, { recursive: true, force: true })
  })

  test(
    "a STATE_registries an earlier step put in the job's environment changes nothing",
    async () => {
      const temp = mkdtempSync(join(root, 'runner-temp-'))
      const victim = join(temp, 'another-actions-file')
      writeFileSync(victim, 'kept\n')
      const stat = statSync(victim, { bigint: true })
      const injected = JSON.stringify({
        version: 1,
        cleanup: true,
        steps: [
          {
            kind: 'file',
            line: 1,
            path: victim,
            id: `${stat.dev}:${stat.ino}:${stat.birthtimeNs}`,
            sha256: sha256('kept\n')
          },
          { kind: 'env', line: 1, name: 'VICTIM', sha256: sha256('mine'), restore: 'attacker' }
        ]
      })
      const result = await runStep(stage, {
        env: { RUNNER_TEMP: temp, VICTIM: 'mine', STATE_registries: injected },
        timeoutMs: 30_000
      })
      try {
        expect(result.main.exitCode).toBe(0)
        expect(result.post?.exitCode).toBe(0)
        expect(readFileSync(victim, 'utf8')).toBe('kept\n')
        expect(result.finalEnv['VICTIM']).toBeUndefined()
        expect(result.post!.log.join('\n')).not.toContain('VICTIM')
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a dangling symbolic link at the name the npm line probes survives main and post',
    async () => {
      const temp = mkdtempSync(join(root, 'runner-temp-'))
      const link = join(temp, 'cloudsmith-oidc-npmrc-__cloudsmith-oidc.npmrc')
      symlinkSync(join(root, 'nowhere'), link)
      const result = await runStep(stage, {
        with: { registries: 'npm npm-private' },
        env: { RUNNER_TEMP: temp },
        timeoutMs: 30_000
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.post?.exitCode).toBe(0)
        expect(lstatSync(link).isSymbolicLink()).toBe(true)
        expect(existsSync(join(root, 'nowhere'))).toBe(false)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a value post puts back comes back exactly, line breaks and all, and defines no other variable',
    async () => {
      const index = 'sparse+https://cargo.cloudsmith.io/acme/crates/'
      const earlier = 'cargo:token\nINJECTED=1\nghadelimiter_x\nEOF'
      const result = await runStep(stage, {
        with: { registries: 'cargo crates' },
        env: {
          CARGO_REGISTRIES_CRATES_INDEX: index,
          CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER: earlier
        },
        timeoutMs: 30_000
      })
      try {
        expect(result.main.exitCode).toBe(0)
        expect(result.main.env['CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER']).toBe('cargo:token')
        expect(result.post?.exitCode).toBe(0)
        expect(result.post!.fileCommandErrors).toEqual([])
        expect(result.post!.env['CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER']).toBe(earlier)
        expect(result.finalEnv['CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER']).toBe(earlier)
        expect(Object.keys(result.post!.env).sort()).toEqual([
          'CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER',
          'CARGO_REGISTRIES_CRATES_INDEX',
          'CARGO_REGISTRIES_CRATES_TOKEN',
          'CLOUDSMITH_API_HOST',
          'CLOUDSMITH_API_KEY'
        ])
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a 50 KB registries line: a log under 256 KiB and a summary under 64 KiB, quickly',
    async () => {
      const line = `docker ${'a=b '.repeat(12_500)}`.trim()
      expect(line.length).toBeGreaterThan(50_000)
      const started = Date.now()
      const result = await runStep(stage, {
        with: { registries: `${line}\nnpm ${'x'.repeat(50_000)}` },
        timeoutMs: 60_000
      })
      try {
        expect(result.main.timedOut).toBe(false)
        expect(result.main.exitCode).toBe(1)
        expect(Date.now() - started).toBeLessThan(20_000)
        const logBytes = result.main.lines.reduce((sum, l) => sum + Buffer.byteLength(l.text), 0)
        expect(logBytes).toBeLessThan(256 * 1024)
        expect(Buffer.byteLength(result.main.summary)).toBeLessThan(64 * 1024)
        expect(result.main.annotations[0]?.message).toContain("Input 'registries' line 1")
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )
})
