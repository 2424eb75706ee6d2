/**
 * The npm planner's user config, applied as the runner-side module applies a plan (the file with
 * mode 0600, the variables exported, the key only in CLOUDSMITH_API_KEY), then used by the real
 * npm and the real pnpm to install scoped packages from a fake registry that demands the key as a
 * bearer token. The user's own config (a CA file, another registry with its own token, a harmless
 * setting) must survive: the install needs all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planNpm } from '../src/registries/npm.js'
import { KEY, type Plan, type RegistryRequest } from '../src/registries/plan.js'
import { type TestCa, makeTestCa } from './support/proxy.js'
import { type FakeNpmRegistry, startFakeNpmRegistry } from './support/fake-npm-registry.js'
import {
  type NpmClient,
  cleanEnv,
  install,
  installed,
  writeProject
} from './support/npm-project.js'

const KEY_VALUE = 'csk_test_0123456789abcdef0123456789abcdef'
const OTHER_TOKEN = 'other-registry-token-5f1c'

let registry: FakeNpmRegistry
let root: string
let ca: TestCa

beforeAll(async () => {
  ca = makeTestCa(['127.0.0.1'])
  registry = await startFakeNpmRegistry(
    [
      {
        path: 'npm-private',
        tokens: () => [KEY_VALUE],
        packages: [{ name: '@acme/widget', version: '1.2.3', main: 'module.exports = "widget"\n' }]
      },
      {
        path: 'tools',
        tokens: () => [KEY_VALUE],
        packages: [{ name: '@tools/kit', version: '0.1.0', main: 'module.exports = "kit"\n' }]
      },
      {
        path: 'other',
        tokens: () => [OTHER_TOKEN],
        packages: [{ name: '@other/thing', version: '2.0.0', main: 'module.exports = "thing"\n' }]
      }
    ],
    ca
  )
  root = mkdtempSync(join(tmpdir(), 'npm-clients-'))
})

afterAll(async () => {
  await registry.close()
  ca.remove()
  rmSync(root, { recursive: true, force: true })
})

function request(line: number, text: string, options: Record<string, string>): RegistryRequest {
  const [, repository] = text.split(' ')
  return {
    line,
    text,
    format: 'npm',
    owner: 'acme',
    repository,
    options: new Map(Object.entries(options))
  }
}

/** A user's ~/.npmrc: a CA file, another registry and its token, a harmless setting, a section. */
function userConfig(home: string): string {
  const caFile = join(home, 'registry-ca.pem')
  writeFileSync(caFile, readFileSync(ca.caFile))
  return [
    '# the developer’s own settings',
    `cafile=${caFile}`,
    `@other:registry=${registry.origin}/other/`,
    `//${registry.host}/other/:_authToken=${OTHER_TOKEN}`,
    'update-notifier=false',
    // npm reads no key after a section header: lines appended below it would be lost
    '[section]',
    'note=keys here are not top-level',
    ''
  ].join('\n')
}

/** What the runner-side module does with a plan: files (0600), then variables with the key in. */
function apply(plans: readonly Plan[], key: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const step of plans.flatMap((plan) => plan.steps)) {
    if (step.kind === 'file') writeFileSync(step.path, step.content, { mode: 0o600 })
    if (step.kind === 'env') {
      env[step.name] = step.value.map((part) => (part === KEY ? key : part)).join('')
    }
  }
  return { ...env, CLOUDSMITH_API_KEY: key }
}

function scenario(client: NpmClient, name: string) {
  const dir = mkdtempSync(join(root, `${client}-${name}-`))
  const home = join(dir, 'home')
  const project = join(dir, 'project')
  const temp = join(dir, 'runner-temp')
  for (const folder of [home, project, temp]) mkdirSync(folder)
  return { home, project, temp }
}

describe.each<NpmClient>(['npm', 'pnpm'])('the real %s with the planned user config', (client) => {
  function plan(home: string, temp: string): readonly Plan[] {
    writeFileSync(join(home, '.npmrc'), userConfig(home))
    const plans = planNpm(
      [
        request(1, 'npm npm-private scope=@acme', { scope: '@acme', host: registry.host }),
        request(2, 'npm tools scope=@tools', { scope: '@tools', host: registry.host })
      ],
      {
        platform: process.platform,
        tempDir: temp,
        homeDir: home,
        env: { HOME: home, GITHUB_ACTION: '__cloudsmith-io_cloudsmith-oidc-action' },
        exportEnv: true,
        readFile: (path) => {
          try {
            return readFileSync(path, 'utf8')
          } catch {
            return undefined
          }
        }
      }
    )
    if ('problems' in plans) throw new Error(plans.problems.join('\n'))
    return plans
  }

  it('installs both scopes with the key and the other registry with the carried-over settings', async () => {
    const { home, project, temp } = scenario(client, 'ok')
    const plans = plan(home, temp)
    const env = apply(plans, KEY_VALUE)
    const file = env.NPM_CONFIG_USERCONFIG as string
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).not.toContain(KEY_VALUE)
    writeProject(project, {
      '@acme/widget': '1.2.3',
      '@tools/kit': '0.1.0',
      '@other/thing': '2.0.0'
    })
    const before = registry.requests.length

    const result = await install(client, project, cleanEnv(home, env), join(home, 'store'))

    expect(result.output).not.toContain(KEY_VALUE)
    expect({ status: result.status, output: result.output }).toMatchObject({ status: 0 })
    expect(installed(project, '@acme/widget')).toBe('module.exports = "widget"\n')
    expect(installed(project, '@tools/kit')).toBe('module.exports = "kit"\n')
    expect(installed(project, '@other/thing')).toBe('module.exports = "thing"\n')
    const seen = registry.requests.slice(before)
    for (const repository of ['npm-private', 'tools', 'other']) {
      expect(
        seen.filter((r) => r.repository === repository && r.status === 200).length
      ).toBeGreaterThanOrEqual(2)
    }
    expect(seen.filter((r) => r.status === 200).every((r) => r.authorized)).toBe(true)
  }, 90_000)

  it('cannot install when the key in the environment is not the one the registry wants', async () => {
    const { home, project, temp } = scenario(client, 'wrong-key')
    const env = apply(plan(home, temp), 'csk_test_not_the_key')
    writeProject(project, { '@acme/widget': '1.2.3' })

    const result = await install(client, project, cleanEnv(home, env), join(home, 'store'))

    expect(result.status).not.toBe(0)
    expect(installed(project, '@acme/widget')).toBeUndefined()
  }, 90_000)
})

describe('the real npm and a user config path from outside', () => {
  it('a path with line breaks and settings in it adds no setting to the config it writes (issue 18, L3)', () => {
    const { home, temp } = scenario('npm', 'path-injection')
    const injected = `//${registry.host}/evil/:_authToken=\${CLOUDSMITH_API_KEY}`
    const registrySetting = `registry=http://${registry.host}/evil/`
    // a real folder whose name holds the settings (concatenated: join would fold the '//'); the
    // user config must exist to be carried over
    const folder = `${home}/a\n${injected}\n${registrySetting}\n`
    mkdirSync(folder, { recursive: true })
    const userconfig = `${folder}/user.npmrc`
    writeFileSync(userconfig, 'update-notifier=false\n')
    const plans = planNpm([request(1, 'npm npm-private', { host: registry.host })], {
      platform: process.platform,
      tempDir: temp,
      homeDir: home,
      env: { HOME: home, NPM_CONFIG_USERCONFIG: userconfig },
      exportEnv: true,
      readFile: (path) => {
        try {
          return readFileSync(path, 'utf8')
        } catch {
          return undefined
        }
      }
    })
    if ('problems' in plans) throw new Error(plans.problems.join('\n'))
    const env = cleanEnv(home, apply(plans, KEY_VALUE))
    const written = readFileSync(env.NPM_CONFIG_USERCONFIG as string, 'utf8')
    expect(written).toContain('; carried over from ')

    const get = (key: string): string =>
      spawnSync('npm', ['config', 'get', key], { env, encoding: 'utf8', cwd: home }).stdout.trim()
    expect(get('registry')).toBe(`https://${registry.host}/npm-private/`)
    expect(get(`//${registry.host}/evil/:_authToken`)).toBe('')
    expect(get('update-notifier')).toBe('false')
    // the path stands in one comment line, its line breaks escaped
    expect(written.split('\n').filter((line) => line.includes('evil'))).toEqual([
      `; carried over from ${userconfig.replace(/\n/g, '\\u000a')}:`
    ])
  }, 60_000)
})
