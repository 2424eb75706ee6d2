/**
 * `registries: docker`, end to end: the committed dist/ under the runner emulator, the real docker
 * CLI logging in (client side, no daemon) to a fake registry on loopback that refuses anything but
 * Basic token:<the key the exchange handed out>, a later step reading docker's config, then the
 * post step logging out. DOCKER_CONFIG holds another registry's entry before the action runs; it
 * must come through untouched.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EMPTY_RECORD_STATE, expectCleanRun, lastKey } from './e2e/expectations.js'
import { expectNoInjection } from './e2e/injection.js'
import { expectLogSnapshot } from './e2e/log-snapshot.js'
import { findLeaks } from './support/runner.js'
import {
  renderLog,
  requireBundle,
  runProgram,
  runStep,
  secretsOf,
  startStage,
  type Stage
} from './e2e/harness.js'
import { type FakeDockerRegistry, startFakeDockerRegistry } from './support/fake-docker-registry.js'
import type { RunResult } from './support/runner.js'

requireBundle()
const TIMEOUT = 60_000
const DOCKER = spawnSync('docker', ['--version'], { encoding: 'utf8' })
if (DOCKER.status !== 0) {
  throw new Error(
    'the docker client is needed on PATH for this test (scripts/provision-clients.sh installs it)'
  )
}

const OTHER_HOST = 'other-registry.example.com'
const OTHER_AUTH = Buffer.from('alice:not-a-cloudsmith-key').toString('base64')
const basic = (key: string): string => Buffer.from(`token:${key}`).toString('base64')

interface DockerConfig {
  auths?: Record<string, { auth?: string }>
}

/** A DOCKER_CONFIG folder that already knows another registry. */
function dockerConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'))
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ auths: { [OTHER_HOST]: { auth: OTHER_AUTH } } }, null, 2),
    { mode: 0o600 }
  )
  return dir
}

function readConfig(dir: string): DockerConfig {
  return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as DockerConfig
}

/** A GET /v2/ with the credential docker stored, as a client that has no daemon can check it. */
async function registryAccepts(host: string, auth: string | undefined): Promise<number> {
  const response = await fetch(`http://${host}/v2/`, {
    headers: auth ? { Authorization: `Basic ${auth}` } : {}
  })
  return response.status
}

describe('registries: docker, with the real docker CLI', () => {
  let stage: Stage
  let registry: FakeDockerRegistry
  /** Keys the fake registry takes besides the one the exchange handed out (a user's own login). */
  const alsoAccepted: string[] = []

  beforeAll(async () => {
    stage = await startStage()
    registry = await startFakeDockerRegistry(() => [
      ...stage.cloudsmith.issuedTokens(),
      ...alsoAccepted
    ])
  })
  afterAll(async () => {
    await registry.close()
    await stage.close()
  })

  async function run(
    configDir: string,
    between: (env: Record<string, string>, key: () => string) => Promise<void> | void,
    extra: Record<string, string> = {}
  ): Promise<RunResult> {
    return runStep(stage, {
      with: { registries: `docker host=${registry.host}`, ...extra },
      env: { DOCKER_CONFIG: configDir },
      between: (env) => between(env, () => lastKey(stage)),
      timeoutMs: TIMEOUT / 2
    })
  }

  test(
    'main logs docker in, a later step can use the credential, post logs out and leaves the other registry',
    async () => {
      const configDir = dockerConfigDir()
      let seenByLaterStep: DockerConfig = {}
      let statusWithStoredCredential = 0
      let acceptedLogins = 0
      const result = await run(configDir, async (env, key) => {
        expect(env.DOCKER_CONFIG).toBe(configDir)
        seenByLaterStep = readConfig(configDir)
        const stored = seenByLaterStep.auths?.[registry.host]?.auth
        expect(stored).toBe(basic(key()))
        acceptedLogins = registry.requests.filter((r) => r.accepted).length
        statusWithStoredCredential = await registryAccepts(registry.host, stored)
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        expect(result.main.exitCode).toBe(0)
        expect(statusWithStoredCredential).toBe(200)
        // docker itself was refused without the credential, then accepted with it
        expect(acceptedLogins).toBe(1)
        expect(seenByLaterStep.auths?.[OTHER_HOST]).toEqual({ auth: OTHER_AUTH })
        // the form docker stores is masked before docker runs
        expect(result.main.masks).toEqual(expect.arrayContaining([key, basic(key)]))
        const mainLog = renderLog(result.main)
        expect(mainLog).toEqual(
          expect.arrayContaining([
            `docker: log in to ${registry.host} as token`,
            `  Logged docker in to ${registry.host} as token.`
          ])
        )
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([`Logged docker out of ${registry.host}.`])
        )
        const after = readConfig(configDir)
        expect(after.auths?.[registry.host]).toBeUndefined()
        expect(after.auths?.[OTHER_HOST]).toEqual({ auth: OTHER_AUTH })
        const text = readFileSync(join(configDir, 'config.json'), 'utf8')
        expect(text).not.toContain(basic(key))
        expect(result.main.summary).toContain(registry.host)
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'a login made later by the user is left alone by post',
    async () => {
      const configDir = dockerConfigDir()
      alsoAccepted.push('the-users-own-key')
      const result = await run(configDir, async (env) => {
        const login = await runProgram(
          'docker',
          ['login', registry.host, '--username', 'token', '--password-stdin'],
          { env, input: 'the-users-own-key' }
        )
        expect(login.stdout).toContain('Login Succeeded')
        expect(login.status).toBe(0)
      })
      try {
        expectCleanRun(result, stage)
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([
            `docker's credential for ${registry.host} is no longer this step's (a later login replaced it); left as it is.`
          ])
        )
        expect(readConfig(configDir).auths?.[registry.host]).toEqual({
          auth: basic('the-users-own-key')
        })
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'without DOCKER_CONFIG: ~/.docker of the runner; after post no file under HOME or RUNNER_TEMP holds the key or the form docker stores',
    async () => {
      let stored: string | undefined
      const result = await runStep(stage, {
        with: { registries: `docker host=${registry.host}` },
        between: (env) => {
          expect(env.DOCKER_CONFIG).toBeUndefined()
          stored = readConfig(join(env.HOME!, '.docker')).auths?.[registry.host]?.auth
        }
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        expect(stored).toBe(basic(key))
        expect(readConfig(join(result.home, '.docker')).auths).toEqual({})
        expect(
          findLeaks(result, [...secretsOf(stage), basic(key)], { allowOutputs: ['token'] })
        ).toEqual([])
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'cleanup false: post leaves docker logged in; export-env false does not stop the login',
    async () => {
      const configDir = dockerConfigDir()
      const result = await run(configDir, () => undefined, {
        cleanup: 'false',
        'export-env': 'false'
      })
      try {
        expect(result.main.exitCode).toBe(0)
        expect(result.main.env).toEqual({})
        expect(renderLog(result.post!)).toEqual([
          'cleanup is false: the package manager configuration of the registries input is left as it is.',
          'Nothing to clean up: CLOUDSMITH_API_KEY was not exported.'
        ])
        expect(readConfig(configDir).auths?.[registry.host]).toEqual({
          auth: basic(lastKey(stage))
        })
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'dry run: the plan is printed, docker is not run, its config is untouched',
    async () => {
      const configDir = dockerConfigDir()
      const before = readFileSync(join(configDir, 'config.json'), 'utf8')
      const exchanges = stage.cloudsmith.exchanges().length
      const result = await run(configDir, () => undefined, { 'dry-run': 'true' })
      try {
        expect(result.main.exitCode).toBe(0)
        expect(stage.cloudsmith.exchanges().length).toBe(exchanges)
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `  Line 1 (docker host=${registry.host}): docker: log in to ${registry.host} as token`,
            `    run docker login ${registry.host} --username token --password-stdin (the key on standard input; DOCKER_CONFIG=${configDir})`
          ])
        )
        expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe(before)
        expect(result.main.state).toEqual(EMPTY_RECORD_STATE)
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'docker not on PATH: refused naming the line and the fix, nothing sent',
    async () => {
      const requests = stage.cloudsmith.requests.length
      const idTokens = stage.issuer.counters.idToken
      const result = await runStep(stage, {
        with: { registries: 'docker' },
        env: { PATH: '/nonexistent' }
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.annotations.map((a) => a.title)).toEqual([
          'Package manager not configured'
        ])
        expect(result.main.annotations[0]?.message).toContain(
          "Input 'registries' line 1 (docker): docker signs in by running 'docker', and no 'docker' is on PATH"
        )
        expect(stage.cloudsmith.requests.length).toBe(requests)
        expect(stage.issuer.counters.idToken).toBe(idTokens)
        expectLogSnapshot(result)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a login for the same host made before the step: refused before any request, the login kept',
    async () => {
      const configDir = dockerConfigDir()
      const standing = basic('a-long-lived-key')
      writeFileSync(
        join(configDir, 'config.json'),
        JSON.stringify({
          auths: { [OTHER_HOST]: { auth: OTHER_AUTH }, [registry.host]: { auth: standing } }
        })
      )
      const before = readFileSync(join(configDir, 'config.json'), 'utf8')
      const requests = stage.cloudsmith.requests.length
      const idTokens = stage.issuer.counters.idToken
      const result = await run(configDir, () => undefined)
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.annotations.map((a) => a.title)).toEqual([
          'Package manager not configured'
        ])
        const message = result.main.annotations[0]?.message ?? ''
        expect(message).toContain(
          `Input 'registries' line 1 (docker host=${registry.host}): docker already holds a login for ${registry.host}`
        )
        expect(message).toContain('DOCKER_CONFIG=$RUNNER_TEMP/docker')
        expect(message).not.toContain('a typo')
        expect(JSON.stringify(result)).not.toContain(standing)
        expect(stage.cloudsmith.requests.length).toBe(requests)
        expect(stage.issuer.counters.idToken).toBe(idTokens)
        expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe(before)
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test.each<[string, () => Record<string, string>, string]>([
    ['a relative DOCKER_CONFIG', () => ({ DOCKER_CONFIG: '.docker' }), 'is not a full path'],
    [
      'a DOCKER_CONFIG inside GITHUB_WORKSPACE',
      () => {
        const workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
        return { GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: join(workspace, 'docker') }
      },
      'lies inside the workspace'
    ],
    [
      'a DOCKER_CONFIG that is a symbolic link into GITHUB_WORKSPACE',
      () => {
        const workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
        const link = join(mkdtempSync(join(tmpdir(), 'temp-')), 'docker')
        symlinkSync(workspace, link)
        return { GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: link }
      },
      `(really `
    ]
  ])(
    '%s: refused before any request, nothing written in the workspace',
    async (_name, env, why) => {
      const requests = stage.cloudsmith.requests.length
      const idTokens = stage.issuer.counters.idToken
      const vars = env()
      const result = await runStep(stage, {
        with: { registries: `docker host=${registry.host}` },
        env: vars
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.annotations.map((a) => a.title)).toEqual([
          'Package manager not configured'
        ])
        const message = result.main.annotations[0]?.message ?? ''
        expect(message).toContain(`Input 'registries' line 1 (docker host=${registry.host}):`)
        expect(message).toContain(why)
        expect(message).not.toContain('a typo')
        expect(message).toContain('upload-artifact or cache step')
        expect(message).toContain('RUNNER_TEMP')
        expectLogSnapshot(result)
        expect(stage.cloudsmith.requests.length).toBe(requests)
        expect(stage.issuer.counters.idToken).toBe(idTokens)
        const workspace = vars.GITHUB_WORKSPACE ?? result.workspace
        expect(readdirSync(workspace)).toEqual([])
      } finally {
        result.cleanup()
        if (vars.GITHUB_WORKSPACE) rmSync(vars.GITHUB_WORKSPACE, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'a docker login that hangs after storing the key: killed at its time limit, logged out by post',
    async () => {
      const configDir = dockerConfigDir()
      const bin = mkdtempSync(join(tmpdir(), 'hanging-docker-'))
      const real = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).stdout.trim()
      writeFileSync(
        join(bin, 'docker'),
        [
          `#!${process.execPath}`,
          "const { spawnSync } = require('child_process')",
          "const input = require('fs').readFileSync(0, 'utf8')",
          `const run = spawnSync(${JSON.stringify(real)}, process.argv.slice(2), { input, stdio: ['pipe', 'inherit', 'inherit'] })`,
          "if (process.argv[2] === 'login') setTimeout(() => {}, 120000)",
          'else process.exit(run.status ?? 1)'
        ].join('\n'),
        { mode: 0o755 }
      )
      let storedWhileMainRan: string | undefined
      const result = await runStep(stage, {
        with: {
          registries: `docker host=${registry.host}`,
          'timeout-seconds': 4,
          'total-timeout-seconds': 8
        },
        env: { DOCKER_CONFIG: configDir, PATH: `${bin}:${process.env.PATH ?? ''}` },
        between: () => {
          storedWhileMainRan = readConfig(configDir).auths?.[registry.host]?.auth
        },
        timeoutMs: TIMEOUT / 2
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.durationMs).toBeLessThan(20_000)
        expect(storedWhileMainRan).toBe(basic(lastKey(stage)))
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([`Logged docker out of ${registry.host}.`])
        )
        expect(readConfig(configDir).auths).toEqual({ [OTHER_HOST]: { auth: OTHER_AUTH } })
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
        rmSync(bin, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'a config.json others can read (mode 0644): refused, its mode and bytes kept',
    async () => {
      const configDir = dockerConfigDir()
      const file = join(configDir, 'config.json')
      chmodSync(file, 0o644)
      const before = readFileSync(file)
      const result = await run(configDir, () => undefined)
      try {
        expect(result.main.exitCode).toBe(1)
        const message = result.main.annotations[0]?.message ?? ''
        expect(message).toContain(`${file} has mode 0644: other users of this machine can read it`)
        expect(message).toContain(`Fix: run chmod 600 ${file} before this step`)
        expect(statSync(file).mode & 0o777).toBe(0o644)
        expect(readFileSync(file).equals(before)).toBe(true)
      } finally {
        result.cleanup()
        rmSync(configDir, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test.each([
    ['a leading ::', '::stop-commands::x'],
    ['a legacy command in a value', 'docker username=a##[add-mask]e'],
    ['a line break inside a line', 'docker host=a.example.com\r::add-mask::e'],
    ['a Unicode line separator', 'docker host=a.example.com\u2028::add-mask::e']
  ])(
    'a registries line with %s is refused as text before anything is sent',
    async (_name, line) => {
      const requests = stage.cloudsmith.requests.length
      const result = await runStep(stage, { with: { registries: line } })
      try {
        expectNoInjection(result, stage, [line])
        expect(result.main.exitCode).toBe(1)
        expect(result.main.annotations.map((a) => a.title)).toEqual(['Invalid input'])
        expect(result.main.annotations[0]?.message).toContain("Input 'registries' line")
        expect(stage.cloudsmith.requests.length).toBe(requests)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )
})
