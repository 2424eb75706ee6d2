/**
 * `refresh: true`, end to end: the committed dist/ under the runner emulator with a fake
 * Cloudsmith whose keys live 30 seconds. After the first key expired, a later step's real
 * clients get a fresh one through the helper: docker's credential helper for the host (run as the
 * docker client runs it: no daemon here) answers a key the loopback registry accepts, the real
 * cargo fetches from the loopback sparse registry, the real pnpm installs from the loopback npm
 * registry. The registries accept only keys that have not expired. No file under RUNNER_TEMP,
 * HOME, DOCKER_CONFIG or the workspace holds the request token or an ID token, during the job or
 * after; after post nothing of the helper is left.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { decodeJwt } from 'jose'
import {
  renderLog,
  requireBundle,
  runProgram,
  runStep,
  secretsOf,
  startStage,
  type ProgramRun,
  type Stage
} from './e2e/harness.js'
import { cargoEnv, cargoProject, requireCargo } from './support/cargo-client.js'
import { startFakeCargoRegistry, type FakeCargoRegistry } from './support/fake-cargo-registry.js'
import { startFakeDockerRegistry, type FakeDockerRegistry } from './support/fake-docker-registry.js'
import { startFakeNpmRegistry, type FakeNpmRegistry } from './support/fake-npm-registry.js'
import { install, installed, writeProject } from './support/npm-project.js'
import { makeTestCa, type TestCa } from './support/proxy.js'
import { filesUnder } from './support/refresh-helper.js'
import { findLeaks } from './support/runner.js'

requireBundle()
requireCargo()
const TIMEOUT = 180_000
/**
 * The keys' life. The helper renews a key at half its life, so every key it answers has at least
 * 15 s left: more than five times what a cargo fetch or pnpm install here takes on a loaded
 * machine (the registries take live keys only). Short enough to wait out once.
 */
const KEY_SECONDS = 30
const CRATE = { name: 'acme-util', version: '1.2.0' }

describe('refresh: true, with the real docker credential protocol, cargo and pnpm', () => {
  let stage: Stage
  let docker: FakeDockerRegistry
  let cargo: FakeCargoRegistry
  let npm: FakeNpmRegistry
  let ca: TestCa
  let root: string

  /** The keys Cloudsmith handed out that have not expired: all a registry takes. */
  const liveKeys = (): string[] =>
    stage.cloudsmith.issuedTokens().filter((key) => (decodeJwt(key).exp ?? 0) * 1000 > Date.now())

  beforeAll(async () => {
    stage = await startStage({ cloudsmith: { tokenLifetimeSeconds: KEY_SECONDS } })
    docker = await startFakeDockerRegistry(liveKeys)
    cargo = await startFakeCargoRegistry({ prefix: '/crates/', keys: liveKeys, crates: [CRATE] })
    ca = makeTestCa(['127.0.0.1'])
    npm = await startFakeNpmRegistry(
      [
        {
          path: 'npm-private',
          tokens: liveKeys,
          packages: [{ name: '@acme/widget', version: '1.2.3', main: 'module.exports = 1\n' }]
        }
      ],
      ca
    )
    root = mkdtempSync(join(tmpdir(), 'e2e-refresh-'))
  })
  afterAll(async () => {
    await docker?.close()
    await cargo?.close()
    await npm?.close()
    ca?.remove()
    await stage?.close()
    rmSync(root, { recursive: true, force: true })
  })

  test(
    'after the first key expired, docker, cargo and pnpm get a fresh one; post leaves nothing',
    async () => {
      const dockerConfig = join(root, 'docker-config')
      mkdirSync(dockerConfig)
      writeFileSync(
        join(dockerConfig, 'config.json'),
        JSON.stringify({ auths: { 'other.example': { auth: 'YTpi' } } })
      )
      const userNpmrc = join(root, 'user.npmrc')
      writeFileSync(userNpmrc, `cafile=${ca.caFile}\n`)
      const project = cargoProject('acme-crates', CRATE)
      const pnpmProject = join(root, 'pnpm-project')
      mkdirSync(pnpmProject)
      writeProject(pnpmProject, { '@acme/widget': '1.2.3' })
      const runs: Record<string, ProgramRun> = {}
      let helperName = ''
      let firstKey = ''
      let dockerAnswer: { Username?: string; Secret?: string } = {}
      let registryStatus = 0
      const scanned: string[] = []
      const jobTokens = (): string[] => [stage.issuer.requestToken, ...stage.issuer.issued]
      const scan = (dirs: string[]): void => {
        for (const dir of dirs) {
          for (const file of filesUnder(dir)) {
            scanned.push(file.path)
            for (const token of jobTokens())
              expect({ file: file.path, holds: file.text.includes(token) }).toEqual({
                file: file.path,
                holds: false
              })
          }
        }
      }
      const result = await runStep(stage, {
        with: {
          refresh: true,
          registries: [
            `docker host=${docker.host}`,
            `cargo crates name=acme-crates host=${cargo.host}`,
            `npm npm-private scope=@acme host=${npm.host}`
          ].join('\n')
        },
        env: { DOCKER_CONFIG: dockerConfig, NPM_CONFIG_USERCONFIG: userNpmrc },
        timeoutMs: TIMEOUT / 4,
        between: async (env) => {
          firstKey = env.CLOUDSMITH_API_KEY ?? ''
          // wait the first key out
          const exp = (decodeJwt(firstKey).exp ?? 0) * 1000
          await new Promise((done) => setTimeout(done, Math.max(0, exp - Date.now()) + 1500))
          expect(liveKeys()).toEqual([])

          // docker: the helper config.json names, looked up on PATH, asked as docker asks it
          const config = JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8'))
          helperName = config.credHelpers?.[docker.host] ?? ''
          const program = (env.PATH ?? '')
            .split(delimiter)
            .map((dir) => join(dir, `docker-credential-${helperName}`))
            .find((path) => existsSync(path))
          expect(program).toBeDefined()
          runs.docker = await runProgram(program!, ['get'], { env, input: docker.host })
          dockerAnswer = JSON.parse(runs.docker.stdout || '{}')
          const response = await fetch(`http://${docker.host}/v2/`, {
            headers: {
              Authorization: `Basic ${Buffer.from(`token:${dockerAnswer.Secret}`).toString('base64')}`
            }
          })
          registryStatus = response.status

          runs.cargo = await runProgram('cargo', ['fetch'], {
            env: cargoEnv(project, env, cargo.caFile),
            cwd: project.dir,
            timeoutMs: TIMEOUT / 4
          })
          const pnpm = await install('pnpm', pnpmProject, env, join(root, 'pnpm-store'))
          runs.pnpm = { status: pnpm.status, stdout: pnpm.output, stderr: '', timedOut: false }
          scan([env.RUNNER_TEMP ?? '', env.HOME ?? '', dockerConfig, env.GITHUB_WORKSPACE ?? ''])
        }
      })
      try {
        expect(result.main.exitCode).toBe(0)
        expect(helperName).toMatch(/^cloudsmith-oidc-[0-9a-f]+$/)
        expect({ status: runs.docker?.status, stderr: runs.docker?.stderr }).toEqual({
          status: 0,
          stderr: ''
        })
        expect(dockerAnswer.Username).toBe('token')
        expect(dockerAnswer.Secret).not.toBe(firstKey)
        expect(registryStatus).toBe(200)
        expect({ status: runs.cargo?.status, stderr: runs.cargo?.stderr }).toEqual({
          status: 0,
          stderr: expect.stringContaining(`Downloaded ${CRATE.name} v${CRATE.version}`)
        })
        expect(runs.pnpm?.status).toBe(0)
        expect(installed(pnpmProject, '@acme/widget')).toBe('module.exports = 1\n')
        // every registry took a fresh key: the first had expired
        expect(cargo.requests.filter((r) => r.authorization === 'refused')).toEqual([])
        expect(npm.requests.filter((r) => r.status === 200).every((r) => r.authorized)).toBe(true)
        // one exchange by main, then the helper's: a key is renewed after half its life, so the
        // three clients, seconds apart on a loaded machine, may need more than one
        const exchanges = stage.cloudsmith.exchanges().length
        expect(exchanges).toBeGreaterThanOrEqual(2)
        expect(scanned.length).toBeGreaterThan(0)

        // post: the helper entry, launchers, cache and folder gone, the other login kept
        const after = JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8'))
        expect(after).toEqual({ auths: { 'other.example': { auth: 'YTpi' } } })
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^Removed the refresh helper's folder /)])
        )
        scan([result.runnerTemp, result.home, dockerConfig, result.workspace])
        expect(
          filesUnder(result.runnerTemp).filter((file) =>
            file.path.includes('cloudsmith-oidc-refresh')
          )
        ).toEqual([])
        expect(findLeaks(result, secretsOf(stage), { allowOutputs: ['token'] })).toEqual([])
        expect(result.main.summary).toContain('Refresh: on.')
        expect(result.post?.summary).toContain(`the job minted \`${exchanges}\` key(s)`)
      } finally {
        result.cleanup()
        project.remove()
      }
    },
    TIMEOUT
  )
})
