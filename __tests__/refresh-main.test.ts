/**
 * `refresh: true` in the main step's flow (in process, real HTTP to a scripted Cloudsmith) and in
 * the post step: the formats name the helper instead of holding the key, the helper is set up
 * after the exchange and told in the log and the summary, the dry run prints the plan with it, a
 * user's own helper entry is refused, and post takes it all down again.
 */
import { describe, expect, test } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { post } from '../src/post.js'
import { createRefreshMachine } from '../src/refresh/machine.js'
import { REFRESH_STATE } from '../src/refresh/record.js'
import type { RefreshDeps } from '../src/refresh/step.js'
import { createSystem } from '../src/system.js'
import { recorder } from './lib/recorder.js'
import { tempDirs } from './lib/temp-dirs.js'
import { cloudsmith, cloudsmithKey, expectNoLeak, run } from './lib/run-main.js'
import { json } from './lib/scripted-server.js'

const temp = tempDirs()
const ID = '00112233aabb'

function machine(options: { runnerTemp?: string; path?: string } = {}) {
  const configDir = temp('docker-config')
  const env = {
    PATH: options.path ?? process.env.PATH ?? '',
    HOME: temp('home'),
    RUNNER_TEMP: options.runnerTemp ?? temp('temp'),
    DOCKER_CONFIG: configDir
  }
  const refresh: RefreshDeps = {
    nodePath: '/runner/node',
    helperScript: '/action/dist/refresh.js',
    newId: () => ID,
    machine: (tempDir) => createRefreshMachine(tempDir, 'linux')
  }
  return { env, configDir, system: createSystem({ env, platform: 'linux' }), refresh }
}

const failureOf = (events: ReturnType<typeof recorder>['events']) =>
  events.find((e) => e.kind === 'fail')

const LINES = 'docker host=127.0.0.1:9\ncargo crates name=acme-crates\nnpm npm-private scope=@acme'

describe('main with refresh: true', () => {
  test('docker, cargo and npm name the helper; post removes it and counts the keys', async () => {
    const m = machine()
    writeFileSync(
      join(m.configDir, 'config.json'),
      JSON.stringify({ auths: { 'other.example': { auth: 'YTpi' } } })
    )
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(
      server,
      { registries: LINES, refresh: 'true' },
      { system: m.system, refresh: m.refresh }
    )
    expect(failureOf(r.rec.events)).toBeUndefined()
    const dir = join(m.env.RUNNER_TEMP, `cloudsmith-oidc-refresh-${ID}`)
    const bin = join(dir, 'bin')
    expect(readdirSync(bin).sort()).toEqual([
      'cargo-credential',
      `docker-credential-cloudsmith-oidc-${ID}`,
      'pnpm-credential'
    ])
    expect(readFileSync(join(bin, 'cargo-credential'), 'utf8')).toContain(
      `exec '/runner/node' '/action/dist/refresh.js' 'cargo' '--org' 'acme' '--service-slug' 'ci-publisher'`
    )
    expect(JSON.parse(readFileSync(join(dir, 'key.json'), 'utf8'))).toEqual(
      expect.objectContaining({ key, minted: 1 })
    )
    expect(JSON.parse(readFileSync(join(m.configDir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'other.example': { auth: 'YTpi' } },
      credHelpers: { '127.0.0.1:9': `cloudsmith-oidc-${ID}` }
    })
    expect(r.rec.events.filter((e) => e.kind === 'addPath').map((e) => e.text)).toEqual([bin])
    expect(r.rec.exported).toEqual(
      expect.objectContaining({
        CARGO_REGISTRIES_ACME_CRATES_CREDENTIAL_PROVIDER: `cargo:token-from-stdout ${join(bin, 'cargo-credential')}`
      })
    )
    expect(r.rec.exported['CARGO_REGISTRIES_ACME_CRATES_TOKEN']).toBeUndefined()
    const npmrc = readFileSync(r.rec.exported['NPM_CONFIG_USERCONFIG']!, 'utf8')
    expect(npmrc).toContain(
      `//npm.cloudsmith.io/acme/npm-private/:tokenHelper=${join(bin, 'pnpm-credential')}`
    )
    expect(npmrc).toContain(
      '//npm.cloudsmith.io/acme/npm-private/:_authToken=${CLOUDSMITH_API_KEY}'
    )
    const summary = r.rec.summary.join('\n')
    expect(summary).toContain('Refresh: on.')
    expect(summary).toContain('`docker, cargo, pnpm`')
    expect(r.rec.log()).toContain(`info: docker: the refresh helper answers for 127.0.0.1:9`)
    expectNoLeak(r, key)

    // post, with the state main saved
    const after = recorder({}, r.rec.state)
    await post(after, { ...m.env, ...r.rec.exported }, Date.now(), m.system, m.refresh.machine)
    expect(existsSync(dir)).toBe(false)
    expect(JSON.parse(readFileSync(join(m.configDir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'other.example': { auth: 'YTpi' } }
    })
    expect(after.log()).toContain(
      "info: Refresh: the job minted 1 key(s), the main step's first one included."
    )
    expect(after.summary.join('\n')).toContain('the job minted `1` key(s)')
    expect(after.failed).toBe(false)
  })

  test('the dry run prints the plan with the helper and writes nothing', async () => {
    const m = machine()
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      { registries: LINES, refresh: 'true', 'dry-run': 'true' },
      { system: m.system, refresh: m.refresh }
    )
    expect(server.received).toHaveLength(0)
    const log = r.rec.log()
    expect(log).toContain(`docker asks docker-credential-cloudsmith-oidc-${ID}`)
    expect(log).toContain(
      'export CARGO_REGISTRIES_ACME_CRATES_CREDENTIAL_PROVIDER=cargo:token-from-stdout'
    )
    expect(log).toContain('Dry run: refresh is on. The helper would live in')
    expect(readdirSync(m.env.RUNNER_TEMP)).toEqual([])
    expect(existsSync(join(m.configDir, 'config.json'))).toBe(false)
  })

  test("a helper entry of the user's for the host is refused, never replaced", async () => {
    const m = machine()
    const bin = temp('bin')
    writeFileSync(
      join(bin, 'docker-credential-mine'),
      '#!/bin/sh\necho "credentials not found in native keychain"\nexit 1\n'
    )
    chmodSync(join(bin, 'docker-credential-mine'), 0o755)
    const system = createSystem({
      env: { ...m.env, PATH: `${bin}:${m.env.PATH}` },
      platform: 'linux'
    })
    const config = JSON.stringify({ credHelpers: { '127.0.0.1:9': 'mine' } })
    writeFileSync(join(m.configDir, 'config.json'), config)
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      { registries: 'docker host=127.0.0.1:9', refresh: 'true' },
      { system, refresh: m.refresh }
    )
    expect(server.received).toHaveLength(0)
    expect(failureOf(r.rec.events)!.text).toContain(
      "already names the credential helper 'mine' for 127.0.0.1:9; refresh would replace it."
    )
    expect(readFileSync(join(m.configDir, 'config.json'), 'utf8')).toBe(config)
  })

  test('a docker user name other than token, and a RUNNER_TEMP with a space for cargo, are refused', async () => {
    const m = machine({ runnerTemp: join(temp('temp'), 'with space') })
    mkdirSync(m.env.RUNNER_TEMP)
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      { registries: 'docker host=127.0.0.1:9 username=alice\ncargo crates', refresh: 'true' },
      { system: createSystem({ env: m.env, platform: 'linux' }), refresh: m.refresh }
    )
    const text = failureOf(r.rec.events)!.text
    expect(text).toContain(
      'with refresh: true the helper answers docker with the user name token; remove username=alice'
    )
    expect(text).toContain('holds white space, which Cargo')
  })

  test('without RUNNER_TEMP: invalid input, nothing sent', async () => {
    const m = machine()
    const env = { ...m.env, RUNNER_TEMP: '' }
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      { registries: 'cargo crates', refresh: 'true' },
      {
        system: createSystem({ env, platform: 'linux' }),
        refresh: m.refresh,
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/t?x=1',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't'
        }
      }
    )
    expect(failureOf(r.rec.events)).toEqual(expect.objectContaining({ title: 'Invalid input' }))
    expect(server.received).toHaveLength(0)
  })

  test("docker's default store, in use unnamed, is named beside the entry; post takes both out", async () => {
    const m = machine()
    const bin = temp('bin')
    writeFileSync(
      join(bin, 'docker-credential-secretservice'),
      '#!/bin/sh\necho "credentials not found in native keychain"\nexit 1\n'
    )
    chmodSync(join(bin, 'docker-credential-secretservice'), 0o755)
    const env = { ...m.env, PATH: `${bin}:${m.env.PATH}` }
    const system = createSystem({ env, platform: 'linux' })
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(
      server,
      { registries: 'docker host=127.0.0.1:9', refresh: 'true' },
      { system, refresh: m.refresh }
    )
    expect(failureOf(r.rec.events)).toBeUndefined()
    expect(JSON.parse(readFileSync(join(m.configDir, 'config.json'), 'utf8'))).toEqual({
      credHelpers: { '127.0.0.1:9': `cloudsmith-oidc-${ID}` },
      credsStore: 'secretservice'
    })
    expect(r.rec.log()).toContain(
      "docker used its default store 'secretservice' without the config naming it"
    )
    await post(recorder({}, r.rec.state), env, Date.now(), system, m.refresh.machine)
    expect(JSON.parse(readFileSync(join(m.configDir, 'config.json'), 'utf8'))).toEqual({})
  })

  test("a folder already at the helper's name: the step fails naming refresh; post leaves that folder", async () => {
    const m = machine()
    const taken = join(m.env.RUNNER_TEMP, `cloudsmith-oidc-refresh-${ID}`)
    mkdirSync(taken)
    writeFileSync(join(taken, 'theirs'), 'x')
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(
      server,
      { registries: 'docker host=127.0.0.1:9', refresh: 'true' },
      { system: m.system, refresh: m.refresh }
    )
    const failure = failureOf(r.rec.events)!
    expect(failure.title).toBe('Package manager not configured')
    expect(failure.text).toContain('refresh: could not set up the credential helper')
    expect(existsSync(join(m.configDir, 'config.json'))).toBe(false)
    expect(r.rec.state[REFRESH_STATE]).toBeUndefined()
    const after = recorder({}, r.rec.state)
    await post(after, m.env, Date.now(), m.system, m.refresh.machine)
    expect(readdirSync(taken)).toEqual(['theirs'])
  })
})

describe('post and the refresh record', () => {
  test('cleanup false leaves the helper; a bad record or no machine is a warning', async () => {
    const m = machine()
    const dir = join(m.env.RUNNER_TEMP, `cloudsmith-oidc-refresh-${ID}`)
    const record = (cleanup: boolean) => JSON.stringify({ version: 1, dir, cleanup, docker: [] })
    const left = recorder({}, { [REFRESH_STATE]: record(false) })
    await post(left, m.env, Date.now(), m.system, m.refresh.machine)
    expect(left.log()).toContain(
      `info: cleanup is false: the refresh helper is left in ${dir} for the rest of the job.`
    )
    const bad = recorder({}, { [REFRESH_STATE]: '{"version":3}' })
    await post(bad, m.env, Date.now(), m.system, m.refresh.machine)
    expect(bad.events.find((e) => e.kind === 'warning')?.text).toContain(
      'Could not take the refresh helper down'
    )
    const none = recorder({}, { [REFRESH_STATE]: record(true) })
    await post(none, m.env, Date.now(), m.system)
    expect(none.events.find((e) => e.kind === 'warning')?.text).toContain('no machine')
    const gone = recorder({}, { [REFRESH_STATE]: record(true) })
    await post(gone, m.env, Date.now(), m.system, m.refresh.machine)
    expect(gone.log()).toContain('was already gone')
    expect(gone.failed || none.failed || bad.failed || left.failed).toBe(false)
  })
})
