/**
 * What the real npm and pnpm do with the planned user config when a later step runs them with
 * CLOUDSMITH_API_KEY unset (after the post step, or in a step whose `env` cleared it): neither
 * stops reading the config (no "Failed to replace env"); npm sends the literal
 * `${CLOUDSMITH_API_KEY}` as its bearer token, pnpm an empty one, and the registry answers 401.
 * What docs/formats/npm.md says.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planNpm } from '../src/registries/npm.js'
import type { RegistryRequest } from '../src/registries/plan.js'
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
      }
    ],
    ca
  )
  root = mkdtempSync(join(tmpdir(), 'npm-unset-key-'))
})

afterAll(async () => {
  await registry.close()
  ca.remove()
  rmSync(root, { recursive: true, force: true })
})

/** What each client sends as its bearer token when the variable is unset. */
const SENT: Record<NpmClient, string> = {
  // npm 11's config reader leaves an unset ${NAME} in place
  npm: '${CLOUDSMITH_API_KEY}',
  // pnpm 12 expands it to nothing
  pnpm: ''
}

describe.each<NpmClient>(['npm', 'pnpm'])('the real %s, CLOUDSMITH_API_KEY unset', (client) => {
  it('goes on with a bearer token that is no key, and fails with a 401', async () => {
    const dir = mkdtempSync(join(root, `${client}-`))
    const [home, project, temp] = ['home', 'project', 'runner-temp'].map((name) => join(dir, name))
    for (const folder of [home, project, temp] as string[]) mkdirSync(folder)
    writeFileSync(join(home as string, '.npmrc'), `cafile=${ca.caFile}\nupdate-notifier=false\n`)
    const request: RegistryRequest = {
      line: 1,
      text: 'npm npm-private scope=@acme',
      format: 'npm',
      owner: 'acme',
      repository: 'npm-private',
      options: new Map([
        ['scope', '@acme'],
        ['host', registry.host]
      ])
    }
    const plans = planNpm([request], {
      platform: process.platform,
      tempDir: temp as string,
      homeDir: home as string,
      env: { HOME: home as string },
      exportEnv: true,
      readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined)
    })
    if ('problems' in plans) throw new Error(plans.problems.join('\n'))
    const env: Record<string, string> = {}
    for (const step of plans.flatMap((plan) => plan.steps)) {
      if (step.kind === 'file') writeFileSync(step.path, step.content, { mode: 0o600 })
      if (step.kind === 'env') env[step.name] = step.value.join('')
    }
    writeProject(project as string, { '@acme/widget': '1.2.3' })
    const before = registry.requests.length

    // no CLOUDSMITH_API_KEY in the client's environment
    const result = await install(
      client,
      project as string,
      cleanEnv(home as string, env),
      join(home as string, 'store')
    )

    expect(result.status).not.toBe(0)
    expect(installed(project as string, '@acme/widget')).toBeUndefined()
    expect(result.output).not.toContain('Failed to replace env')
    expect(result.output).toMatch(/401|E401|Unauthorized/)
    const seen = registry.requests.slice(before)
    expect(seen.length).toBeGreaterThan(0)
    for (const record of seen) {
      expect(record).toMatchObject({
        repository: 'npm-private',
        status: 401,
        scheme: 'bearer',
        refused: SENT[client]
      })
    }
  }, 90_000)
})
