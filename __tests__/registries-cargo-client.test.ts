/**
 * The cargo format's plan against the real cargo: the variables it plans (the key put in where the
 * plan says), and cargo fetching and publishing through a fake Cloudsmith sparse registry on
 * loopback that refuses anything but `Token <key>`. Also what cargo does with a plan gone wrong,
 * so the end-to-end test's passing means something.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { cargo } from '../src/registries/cargo.js'
import { KEY, type PlanContext, type RegistryRequest } from '../src/registries/plan.js'
import { runProgram } from './e2e/harness.js'
import { type CargoProject, cargoEnv, cargoProject, requireCargo } from './support/cargo-client.js'
import { type FakeCargoRegistry, startFakeCargoRegistry } from './support/fake-cargo-registry.js'

requireCargo()
const TIMEOUT = 120_000
const KEY_VALUE = 'eyJhbGciOiJIUzI1NiJ9.test-key.signature'
const DEPENDENCY = { name: 'acme-util', version: '1.2.0' }

function request(options: Record<string, string>): RegistryRequest {
  return {
    line: 1,
    text: 'cargo crates',
    format: 'cargo',
    owner: 'acme',
    repository: 'crates',
    options: new Map(Object.entries(options))
  }
}

const context: PlanContext = {
  platform: process.platform,
  tempDir: '/tmp',
  homeDir: '/home/runner',
  env: {},
  exportEnv: true,
  readFile: () => undefined
}

/** What a later step sees once the plan is applied: its variables, the key filled in. */
function planned(options: Record<string, string>): Record<string, string> {
  const plan = cargo.plan(request(options), context)
  if ('problems' in plan) throw new Error(plan.problems.join('\n'))
  const env: Record<string, string> = {}
  for (const step of plan.steps) {
    if (step.kind === 'env')
      env[step.name] = step.value.map((part) => (part === KEY ? KEY_VALUE : part)).join('')
  }
  return env
}

async function cargoRun(
  project: CargoProject,
  args: string[],
  env: Record<string, string | undefined>,
  caFile: string = registry.caFile
): Promise<{ status: number | null; output: string }> {
  const run = await runProgram('cargo', args, {
    env: cargoEnv(project, env, caFile),
    cwd: project.dir,
    timeoutMs: 60_000
  })
  return { status: run.status, output: run.stdout + run.stderr }
}

/** The machine's environment without any Cargo registry settings of its own. */
function baseEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CARGO_'))
  )
}

let registry: FakeCargoRegistry

describe('the cargo plan with the real cargo', () => {
  beforeAll(async () => {
    registry = await startFakeCargoRegistry({
      prefix: '/crates/',
      keys: () => [KEY_VALUE],
      crates: [DEPENDENCY]
    })
  })
  afterAll(async () => {
    await registry.close()
  })

  test(
    'cargo fetches a dependency and publishes a crate with the planned variables',
    async () => {
      const project = cargoProject('acme-crates', DEPENDENCY)
      try {
        const env = { ...baseEnv(), ...planned({ name: 'acme-crates', host: registry.host }) }
        registry.requests.length = 0
        const fetch = await cargoRun(project, ['fetch'], env)
        expect(fetch).toEqual({
          status: 0,
          output: expect.stringContaining(`Downloaded ${DEPENDENCY.name} v${DEPENDENCY.version}`)
        })
        // refused without the token first (auth-required is learned from that 401), then the
        // config, the index file and the .crate, each with the key
        // cargo unpacked the .crate the fake made (checksum and archive both good)
        const sources = join(project.cargoHome, 'registry', 'src')
        const unpacked = readdirSync(sources).map((dir) =>
          join(sources, dir, `${DEPENDENCY.name}-${DEPENDENCY.version}`, 'src', 'lib.rs')
        )
        expect(unpacked.filter((file) => existsSync(file))).toHaveLength(1)
        expect(registry.requests).toEqual([
          { method: 'GET', path: 'config.json', authorization: 'none' },
          { method: 'GET', path: 'config.json', authorization: 'accepted' },
          { method: 'GET', path: 'ac/me/acme-util', authorization: 'accepted' },
          {
            method: 'GET',
            path: 'api/v1/crates/acme-util/1.2.0/download',
            authorization: 'accepted'
          }
        ])

        const publish = await cargoRun(
          project,
          ['publish', '--registry', 'acme-crates', '--no-verify', '--allow-dirty'],
          env
        )
        expect(publish).toEqual({
          status: 0,
          output: expect.stringContaining('Published app v0.1.0')
        })
        expect(registry.published).toEqual(['app@0.1.0'])
      } finally {
        project.remove()
      }
    },
    TIMEOUT
  )

  test.each([
    [
      'the key without the Token scheme',
      { CARGO_REGISTRIES_ACME_CRATES_TOKEN: KEY_VALUE },
      /token rejected for `acme-crates`/
    ],
    [
      'Bearer instead of Token',
      { CARGO_REGISTRIES_ACME_CRATES_TOKEN: `Bearer ${KEY_VALUE}` },
      /token rejected for `acme-crates`/
    ],
    [
      'no credential provider',
      { CARGO_REGISTRIES_ACME_CRATES_CREDENTIAL_PROVIDER: undefined },
      /authenticated registries require a credential-provider to be configured/
    ],
    [
      'no token',
      { CARGO_REGISTRIES_ACME_CRATES_TOKEN: undefined },
      /no token found for `acme-crates`/
    ]
  ])(
    'cargo fails with %s',
    async (_what, change, message) => {
      const project = cargoProject('acme-crates', DEPENDENCY)
      try {
        const env: Record<string, string | undefined> = {
          ...baseEnv(),
          ...planned({ name: 'acme-crates', host: registry.host }),
          ...change
        }
        for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name]
        const fetch = await cargoRun(project, ['fetch'], env)
        expect(fetch.status).not.toBe(0)
        expect(fetch.output).toMatch(message)
      } finally {
        project.remove()
      }
    },
    TIMEOUT
  )

  test(
    'cargo finds nothing at an index path the custom domain does not serve',
    async () => {
      const project = cargoProject('acme-crates', DEPENDENCY)
      try {
        // a domain=cloudsmith index is /acme/crates/, where this organization-wide domain has nothing
        const env = {
          ...baseEnv(),
          ...planned({ name: 'acme-crates', host: registry.host, domain: 'cloudsmith' })
        }
        const fetch = await cargoRun(project, ['fetch'], env)
        expect(fetch.status).not.toBe(0)
        expect(fetch.output).toContain('config.json not found in registry')
      } finally {
        project.remove()
      }
    },
    TIMEOUT
  )
})

describe('a per-repository custom domain with the real cargo', () => {
  let own: FakeCargoRegistry
  beforeAll(async () => {
    // a per-repository domain serves the one repository at its root
    own = await startFakeCargoRegistry({
      prefix: '/',
      keys: () => [KEY_VALUE],
      crates: [DEPENDENCY]
    })
  })
  afterAll(async () => {
    await own.close()
  })

  test(
    'domain=repository: cargo fetches from the index at the root of the host',
    async () => {
      const project = cargoProject('acme-crates', DEPENDENCY)
      try {
        const env = {
          ...baseEnv(),
          ...planned({ name: 'acme-crates', host: own.host, domain: 'repository' })
        }
        const fetch = await cargoRun(project, ['fetch'], env, own.caFile)
        expect(fetch).toEqual({
          status: 0,
          output: expect.stringContaining(`Downloaded ${DEPENDENCY.name} v${DEPENDENCY.version}`)
        })
        expect(
          own.requests.filter((r) => r.authorization === 'accepted').map((r) => r.path)
        ).toEqual(expect.arrayContaining(['config.json', 'ac/me/acme-util']))
      } finally {
        project.remove()
      }
    },
    TIMEOUT
  )
})
