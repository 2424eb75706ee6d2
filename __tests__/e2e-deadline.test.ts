/**
 * One deadline over everything the step runs, end to end (the committed dist/ under the runner
 * emulator): a docker, a credential helper or a docker logout that hangs, several lines of them,
 * and a named pipe where the step reads a file. With total-timeout-seconds 3 and programs that
 * would take 30 s, each step ends within the budget plus a margin for a loaded machine (5 s),
 * which one more timeout-seconds (3 s per line, four lines) would overrun; and what a hanging
 * program started (a child that writes a file 4 s later) is stopped with it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { requireBundle, runStep, startStage, type Stage } from './e2e/harness.js'
import type { RunResult } from './support/runner.js'

requireBundle()
const BUDGET_SECONDS = 3
const MARGIN_MS = 5_000
const TIMEOUT = 120_000
/** Four docker lines: four whole timeout-seconds would be 12 s. */
const HOSTS = ['127.0.0.1:5001', '127.0.0.1:5002', '127.0.0.1:5003', '127.0.0.1:5004']
const FOUR_LINES = HOSTS.map((host) => `docker host=${host}`).join('\n')
const BUDGET = { 'timeout-seconds': BUDGET_SECONDS, 'total-timeout-seconds': BUDGET_SECONDS }

/**
 * A docker on PATH: `login` stores base64(token:KEY) in DOCKER_CONFIG/config.json as docker does,
 * unless FAKE_DOCKER says to hang; a hanging command first starts a child that appends to MARKER
 * 4 s later, then waits 30 s.
 */
const FAKE_DOCKER = `#!${process.execPath}
const { readFileSync, writeFileSync } = require('node:fs')
const { spawn } = require('node:child_process')
const [command, host] = process.argv.slice(2)
const mode = process.env.FAKE_DOCKER ?? ''
const file = process.env.DOCKER_CONFIG + '/config.json'
function hang() {
  spawn('/bin/sh', ['-c', 'sleep 4; echo late >> "$MARKER"'], { stdio: 'ignore' })
  setTimeout(() => {}, 30000)
}
function store(change) {
  let config = {}
  try { config = JSON.parse(readFileSync(file, 'utf8')) } catch {}
  config.auths = config.auths ?? {}
  change(config.auths)
  writeFileSync(file, JSON.stringify(config))
}
if (mode === 'hang-' + command || process.argv[1].endsWith('docker-credential-hang')) {
  hang()
} else if (command === 'login') {
  const key = readFileSync(0, 'utf8')
  setTimeout(() => {
    store((auths) => (auths[host] = { auth: Buffer.from('token:' + key).toString('base64') }))
    console.log('Login Succeeded')
  }, mode === 'slow-login' ? 2500 : 0)
} else if (command === 'logout') {
  store((auths) => delete auths[host])
}
`

describe('one deadline over every program and file read', () => {
  let stage: Stage
  let root: string
  let bin: string

  beforeAll(async () => {
    stage = await startStage()
    root = mkdtempSync(join(tmpdir(), 'e2e-deadline-'))
    bin = join(root, 'bin')
    mkdirSync(bin)
    for (const name of ['docker', 'docker-credential-hang']) {
      writeFileSync(join(bin, name), FAKE_DOCKER)
      chmodSync(join(bin, name), 0o755)
    }
  })
  afterAll(async () => {
    await stage.close()
    rmSync(root, { recursive: true, force: true })
  })

  function folder(name: string, config?: object): string {
    const dir = mkdtempSync(join(root, `${name}-`))
    if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 })
    return dir
  }

  async function run(
    registries: string,
    env: Record<string, string>,
    fakePrograms = true
  ): Promise<RunResult> {
    const path = fakePrograms ? `${bin}${delimiter}${process.env.PATH}` : (process.env.PATH ?? '')
    return runStep(stage, {
      with: { registries, ...BUDGET },
      env: { PATH: path, ...env },
      timeoutMs: 60_000
    })
  }

  /** What the annotation of a failed main step says. */
  function failure(result: RunResult): string {
    return result.main.annotations.map((annotation) => annotation.message).join('\n')
  }

  const later = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

  test(
    'four docker logins that hang: main ends within total-timeout-seconds, and what docker started is stopped with it',
    async () => {
      const marker = join(root, 'login-marker')
      const configDir = folder('login', {})
      const result = await run(FOUR_LINES, {
        DOCKER_CONFIG: configDir,
        FAKE_DOCKER: 'hang-login',
        MARKER: marker
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
        expect(failure(result)).toMatch(/docker login 127\.0\.0\.1:5001 .*failed \(did not finish/)
        await later(6_000) // the child would have written by now
        expect(existsSync(marker)).toBe(false)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'four logins that each take 2.5 s: main ends within total-timeout-seconds, and post leaves no key',
    async () => {
      const configDir = folder('slow', {})
      const result = await run(FOUR_LINES, { DOCKER_CONFIG: configDir, FAKE_DOCKER: 'slow-login' })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
        expect(failure(result)).toMatch(
          /docker login 127\.0\.0\.1:500\d .*failed \((did not finish|not started)/
        )
        expect(result.post?.exitCode).toBe(0)
        // whichever logins completed were logged out
        const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
          auths?: object
        }
        expect(config.auths ?? {}).toEqual({})
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a credential helper that hangs at planning, on four lines: main ends within total-timeout-seconds',
    async () => {
      const marker = join(root, 'helper-marker')
      const configDir = folder('helper', { credsStore: 'hang' })
      const result = await run(FOUR_LINES, { DOCKER_CONFIG: configDir, MARKER: marker })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
        expect(failure(result)).toContain('docker-credential-hang get failed')
        await later(6_000)
        expect(existsSync(marker)).toBe(false)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'four docker logouts that hang: post ends within its own budget, and stops what they started',
    async () => {
      const marker = join(root, 'logout-marker')
      const configDir = folder('logout', {})
      const result = await run(FOUR_LINES, {
        DOCKER_CONFIG: configDir,
        FAKE_DOCKER: 'hang-logout',
        MARKER: marker
      })
      try {
        expect(result.main.exitCode).toBe(0)
        expect(result.post?.exitCode).toBe(0)
        expect(result.post!.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
        expect(result.post!.annotations.map((a) => a.message).join('\n')).toMatch(
          /docker logout 127\.0\.0\.1:5004 failed \(did not finish within/
        )
        await later(6_000)
        expect(existsSync(marker)).toBe(false)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  describe('a named pipe where the step reads a file: refused, within the budget', () => {
    function fifo(path: string): string {
      expect(spawnSync('mkfifo', [path]).status).toBe(0)
      return path
    }

    test(
      'at NPM_CONFIG_USERCONFIG',
      async () => {
        const pipe = fifo(join(folder('npm'), 'user.npmrc'))
        const result = await run('npm npm-private', { NPM_CONFIG_USERCONFIG: pipe }, false)
        try {
          expect(result.main.exitCode).toBe(1)
          expect(result.main.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
          expect(failure(result)).toContain(`${pipe} is a named pipe (FIFO), not a regular file`)
          expect(result.post?.exitCode).toBe(0)
        } finally {
          result.cleanup()
        }
      },
      TIMEOUT
    )

    test(
      "at docker's config.json",
      async () => {
        const configDir = folder('docker')
        fifo(join(configDir, 'config.json'))
        const result = await run('docker host=127.0.0.1:5001', { DOCKER_CONFIG: configDir }, false)
        try {
          expect(result.main.exitCode).toBe(1)
          expect(result.main.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
          expect(failure(result)).toContain('is a named pipe (FIFO), not a regular file')
        } finally {
          result.cleanup()
        }
      },
      TIMEOUT
    )

    test(
      'at the name the npm line probes under RUNNER_TEMP',
      async () => {
        const temp = folder('runner-temp')
        fifo(join(temp, 'cloudsmith-oidc-npmrc-__cloudsmith-oidc.npmrc'))
        const result = await run('npm npm-private', { RUNNER_TEMP: temp }, false)
        try {
          expect(result.main.exitCode).toBe(1)
          expect(result.main.durationMs).toBeLessThan(BUDGET_SECONDS * 1000 + MARGIN_MS)
          expect(failure(result)).toContain('is a named pipe (FIFO), not a regular file')
        } finally {
          result.cleanup()
        }
      },
      TIMEOUT
    )
  })
})
