/**
 * `registries: cargo`, end to end: the committed dist/ under the runner emulator, then the real
 * cargo as a later step of the job, fetching a dependency from and publishing a crate to a fake
 * Cloudsmith sparse registry on loopback (TLS, `auth-required`) that refuses anything but
 * `Token <the key the exchange handed out>`, then the post step clearing the variables.
 * cargo runs with its own CARGO_HOME and nothing from crates.io.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import {
  type ProgramRun,
  renderLog,
  requireBundle,
  runProgram,
  runStep,
  type Stage,
  startStage
} from './e2e/harness.js'
import { cargoEnv, cargoProject, requireCargo } from './support/cargo-client.js'
import { type FakeCargoRegistry, startFakeCargoRegistry } from './support/fake-cargo-registry.js'

requireBundle()
requireCargo()
const TIMEOUT = 120_000
const DEPENDENCY = { name: 'acme-util', version: '1.2.0' }
const NAME = 'acme-crates'
const VARIABLES = {
  index: 'CARGO_REGISTRIES_ACME_CRATES_INDEX',
  provider: 'CARGO_REGISTRIES_ACME_CRATES_CREDENTIAL_PROVIDER',
  token: 'CARGO_REGISTRIES_ACME_CRATES_TOKEN'
}

describe('registries: cargo, with the real cargo', () => {
  let stage: Stage
  let registry: FakeCargoRegistry

  beforeAll(async () => {
    stage = await startStage()
    // an organization-wide custom domain: the index is at /REPO/
    registry = await startFakeCargoRegistry({
      prefix: '/crates/',
      keys: () => stage.cloudsmith.issuedTokens(),
      crates: [DEPENDENCY]
    })
  })
  afterAll(async () => {
    await registry?.close()
    await stage?.close()
  })

  test(
    'main sets cargo up, a later step fetches and publishes with it, post clears the variables',
    async () => {
      const project = cargoProject(NAME, DEPENDENCY)
      let seen: Record<string, string | undefined> = {}
      let afterMain: Record<string, string | undefined> = {}
      let fetch: ProgramRun | undefined
      let publish: ProgramRun | undefined
      const result = await runStep(stage, {
        with: { registries: `cargo crates name=${NAME} host=${registry.host}` },
        timeoutMs: TIMEOUT / 4,
        between: async (env) => {
          afterMain = { ...env }
          seen = {
            index: env[VARIABLES.index],
            provider: env[VARIABLES.provider],
            token: env[VARIABLES.token]
          }
          const options = {
            env: cargoEnv(project, env, registry.caFile),
            cwd: project.dir,
            timeoutMs: TIMEOUT / 4
          }
          fetch = await runProgram('cargo', ['fetch'], options)
          publish = await runProgram(
            'cargo',
            ['publish', '--registry', NAME, '--no-verify', '--allow-dirty'],
            options
          )
        }
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        expect(seen).toEqual({
          index: `sparse+https://${registry.host}/crates/`,
          provider: 'cargo:token',
          token: `Token ${key}`
        })
        expect({ status: fetch?.status, stderr: fetch?.stderr }).toEqual({
          status: 0,
          stderr: expect.stringContaining(
            `Downloaded ${DEPENDENCY.name} v${DEPENDENCY.version} (registry \`${NAME}\`)`
          )
        })
        expect({ status: publish?.status, stderr: publish?.stderr }).toEqual({
          status: 0,
          stderr: expect.stringContaining('Published app v0.1.0')
        })
        expect(registry.published).toEqual(['app@0.1.0'])
        // cargo sent the key on every request but its first probe (which tells it auth-required)
        expect(registry.requests.filter((request) => request.authorization !== 'accepted')).toEqual(
          [{ method: 'GET', path: 'config.json', authorization: 'none' }]
        )
        expect(registry.requests.map((request) => request.path)).toEqual(
          expect.arrayContaining([
            'ac/me/acme-util',
            'api/v1/crates/acme-util/1.2.0/download',
            'api/v1/crates/new'
          ])
        )
        // the header form is masked too, before it is exported
        expect(result.main.masks).toEqual(expect.arrayContaining([key, `Token ${key}`]))
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `cargo: registry '${NAME}' at sparse+https://${registry.host}/crates/`,
            `  Exported ${VARIABLES.token}.`
          ])
        )
        // a later post step (rust-cache runs cargo metadata) still reads the manifest
        const afterPost = { ...afterMain, ...result.post?.env }
        const metadata = await runProgram(
          'cargo',
          ['metadata', '--format-version', '1', '--no-deps', '--offline'],
          {
            env: cargoEnv(project, afterPost, registry.caFile),
            cwd: project.dir,
            timeoutMs: TIMEOUT / 4
          }
        )
        expect({ status: metadata.status, stderr: metadata.stderr }).toEqual({
          status: 0,
          stderr: ''
        })
        expect(metadata.stdout).toContain(`"registry":"sparse+https://${registry.host}/crates/"`)
        // post clears the token; the index and provider (nothing secret, none before) stay set,
        // since cargo refuses an empty index in later post steps (rust-cache's cargo metadata)
        expect(result.post?.env[VARIABLES.token]).toBe('')
        expect(result.post?.env).not.toHaveProperty(VARIABLES.index)
        expect(result.post?.env).not.toHaveProperty(VARIABLES.provider)
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([
            `Cleared ${VARIABLES.token} for the rest of the job.`,
            `Left ${VARIABLES.index} as it is: it holds nothing secret and had no value before the action (a variable cannot be unset, and tools refuse it empty).`
          ])
        )
        expect(result.main.summary).toContain(VARIABLES.token)
        // cargo:token read the key from the variable: nothing was stored in CARGO_HOME
        expect(existsSync(join(project.cargoHome, 'credentials.toml'))).toBe(false)
        expect(readdirSync(project.cargoHome)).not.toContain('credentials')
      } finally {
        result.cleanup()
        project.remove()
      }
    },
    TIMEOUT
  )

  test(
    'with export-env: false cargo still gets its variables, and CLOUDSMITH_API_KEY is not exported',
    async () => {
      let seen: Record<string, string | undefined> = {}
      const result = await runStep(stage, {
        with: {
          registries: `cargo crates name=${NAME} host=${registry.host}`,
          'export-env': false
        },
        timeoutMs: TIMEOUT / 4,
        between: (env) => {
          seen = { apiKey: env.CLOUDSMITH_API_KEY, token: env[VARIABLES.token] }
        }
      })
      try {
        expectCleanRun(result, stage)
        expect(seen).toEqual({ apiKey: undefined, token: `Token ${lastKey(stage)}` })
        expect(result.post?.env[VARIABLES.token]).toBe('')
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a dry run prints the variables, the key as ***, and sets nothing',
    async () => {
      const result = await runStep(stage, {
        with: { registries: `cargo crates name=${NAME} host=${registry.host}`, 'dry-run': true },
        timeoutMs: TIMEOUT / 4
      })
      try {
        expectCleanRun(result, stage)
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `    export ${VARIABLES.index}=sparse+https://${registry.host}/crates/`,
            `    export ${VARIABLES.provider}=cargo:token`,
            `    export ${VARIABLES.token}=Token ***`
          ])
        )
        expect(result.main.env).toEqual({})
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'the crates.io name is refused before any request, naming the line',
    async () => {
      const before = stage.cloudsmith.exchanges().length
      const result = await runStep(stage, {
        with: { registries: 'cargo crates-io' },
        timeoutMs: TIMEOUT / 4
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(stage.cloudsmith.exchanges()).toHaveLength(before)
        expect(renderLog(result.main).join('\n')).toContain(
          "Input 'registries' line 1 (cargo crates-io): the repository slug 'crates-io' is Cargo's name for crates.io"
        )
        expect(result.main.env).toEqual({})
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )
})
