/**
 * `registries: npm`, end to end: the committed dist/ under the runner emulator, then the real npm
 * and the real pnpm as later steps of the job, installing scoped packages from a fake HTTPS
 * registry on loopback that refuses anything but `Bearer <the key the exchange handed out>`, then
 * the post step. The job already had a user config (as setup-node leaves one, through
 * NPM_CONFIG_USERCONFIG) with a CA file, another registry and its own token: the installs need all
 * of it, and post points npm back at it, untouched.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EMPTY_RECORD_STATE, expectCleanRun, lastKey } from './e2e/expectations.js'
import { renderLog, requireBundle, runStep, startStage, type Stage } from './e2e/harness.js'
import { type FakeNpmRegistry, startFakeNpmRegistry } from './support/fake-npm-registry.js'
import { install, installed, type NpmClient, writeProject } from './support/npm-project.js'
import { makeTestCa, type TestCa } from './support/proxy.js'

requireBundle()
const TIMEOUT = 120_000
const OTHER_TOKEN = 'other-registry-token-e2e'

describe('registries: npm, with the real npm and pnpm', () => {
  let stage: Stage
  let ca: TestCa
  let registry: FakeNpmRegistry
  let root: string

  beforeAll(async () => {
    stage = await startStage()
    ca = makeTestCa(['127.0.0.1'])
    const issued = (): readonly string[] => stage.cloudsmith.issuedTokens()
    registry = await startFakeNpmRegistry(
      [
        {
          path: 'npm-private',
          tokens: issued,
          packages: [{ name: '@acme/widget', version: '1.2.3', main: 'module.exports = 1\n' }]
        },
        {
          path: 'tools',
          tokens: issued,
          packages: [{ name: '@tools/kit', version: '0.1.0', main: 'module.exports = 2\n' }]
        },
        {
          path: 'other',
          tokens: () => [OTHER_TOKEN],
          packages: [{ name: '@other/thing', version: '2.0.0', main: 'module.exports = 3\n' }]
        }
      ],
      ca
    )
    root = mkdtempSync(join(tmpdir(), 'e2e-npm-'))
  })
  afterAll(async () => {
    await registry.close()
    await stage.close()
    ca.remove()
    rmSync(root, { recursive: true, force: true })
  })

  /** The job's user config before the action: a CA file, another registry and its token. */
  function userConfig(): { path: string; text: string } {
    const dir = mkdtempSync(join(root, 'user-'))
    const path = join(dir, 'user.npmrc')
    const text = [
      `cafile=${ca.caFile}`,
      `@other:registry=${registry.origin}/other/`,
      `//${registry.host}/other/:_authToken=${OTHER_TOKEN}`,
      'update-notifier=false',
      ''
    ].join('\n')
    writeFileSync(path, text)
    return { path, text }
  }

  const lines = (): string =>
    [
      `npm npm-private scope=@acme host=${registry.host}`,
      `npm tools scope=@tools host=${registry.host}`
    ].join('\n')

  test(
    'npm and pnpm install with the key; post removes the file and points npm back at the user config',
    async () => {
      const user = userConfig()
      const seen: Record<string, { status: number | null; output: string }> = {}
      let file = ''
      const result = await runStep(stage, {
        with: { registries: lines() },
        env: { NPM_CONFIG_USERCONFIG: user.path },
        timeoutMs: TIMEOUT / 4,
        between: async (env) => {
          file = env.NPM_CONFIG_USERCONFIG ?? ''
          expect(statSync(file).mode & 0o777).toBe(0o600)
          expect(readFileSync(file, 'utf8')).not.toContain(env.CLOUDSMITH_API_KEY)
          for (const client of ['npm', 'pnpm'] as NpmClient[]) {
            const project = mkdtempSync(join(root, `${client}-`))
            writeProject(project, {
              '@acme/widget': '1.2.3',
              '@tools/kit': '0.1.0',
              '@other/thing': '2.0.0'
            })
            seen[client] = await install(client, project, env, join(project, '.store'))
            seen[`${client} files`] = {
              status: 0,
              output: ['@acme/widget', '@tools/kit', '@other/thing']
                .map((name) => installed(project, name) ?? 'missing')
                .join('')
            }
          }
        }
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        for (const client of ['npm', 'pnpm']) {
          expect(seen[client]?.output).not.toContain(key)
          expect({ client, ...seen[client] }).toMatchObject({ client, status: 0 })
          expect(seen[`${client} files`]?.output).toBe(
            'module.exports = 1\nmodule.exports = 2\nmodule.exports = 3\n'
          )
        }
        expect(file.startsWith(result.runnerTemp)).toBe(true)
        const accepted = registry.requests.filter((r) => r.status === 200)
        expect(accepted.every((r) => r.authorized)).toBe(true)
        expect(new Set(accepted.map((r) => r.repository))).toEqual(
          new Set(['npm-private', 'tools', 'other'])
        )
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `npm: @acme from https://${registry.host}/npm-private/`,
            `  Wrote ${file} (mode 0600).`,
            '  Exported NPM_CONFIG_USERCONFIG.',
            `npm: @tools from https://${registry.host}/tools/`,
            '  Written into the same user config as line 1.'
          ])
        )
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([
            'Put NPM_CONFIG_USERCONFIG back to its value before the action.',
            `Removed ${file}.`
          ])
        )
        expect(result.finalEnv.NPM_CONFIG_USERCONFIG).toBe(user.path)
        expect(existsSync(file)).toBe(false)
        expect(readFileSync(user.path, 'utf8')).toBe(user.text)
        expect(result.main.summary).toContain(`${registry.host}/npm-private/`)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'export-env false: invalid input naming the line, nothing sent, nothing written',
    async () => {
      const requests = stage.cloudsmith.requests.length
      const result = await runStep(stage, {
        with: { registries: lines(), 'export-env': 'false' }
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.annotations.map((a) => a.title)).toEqual([
          'Package manager not configured'
        ])
        expect(result.main.annotations[0]?.message).toContain(
          `Input 'registries' line 1 (npm npm-private scope=@acme host=${registry.host}): npm needs export-env: true.`
        )
        expect(stage.cloudsmith.requests.length).toBe(requests)
        expect(result.main.env).toEqual({})
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a user config that already signs in to the registry: refused with its line number, never its value',
    async () => {
      const user = userConfig()
      const secret = 'users-own-token-value-9c2e'
      writeFileSync(user.path, `${user.text}//${registry.host}/tools/:_authToken=${secret}\n`)
      const requests = stage.cloudsmith.requests.length
      const result = await runStep(stage, {
        with: { registries: lines() },
        env: { NPM_CONFIG_USERCONFIG: user.path }
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(result.main.annotations[0]?.message).toContain(
          `Input 'registries' line 2 (npm tools scope=@tools host=${registry.host}): line 5 of the existing npm user config ${user.path} already holds a credential (_authToken) for //${registry.host}/tools/`
        )
        expect([...result.main.stdout, ...result.main.stderr].join('\n')).not.toContain(secret)
        expect(stage.cloudsmith.requests.length).toBe(requests)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'dry run: the plan is printed, no file is written, nothing is exported',
    async () => {
      const result = await runStep(stage, {
        with: { registries: lines(), 'dry-run': 'true' }
      })
      try {
        expect(result.main.exitCode).toBe(0)
        const log = renderLog(result.main)
        expect(log).toEqual(
          expect.arrayContaining([
            `  Line 1 (npm npm-private scope=@acme host=${registry.host}): npm: @acme from https://${registry.host}/npm-private/`,
            expect.stringMatching(/^ {4}export NPM_CONFIG_USERCONFIG=.*cloudsmith-oidc-npmrc/)
          ])
        )
        expect(result.main.env).toEqual({})
        expect(result.main.state).toEqual(EMPTY_RECORD_STATE)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )
})
