/**
 * The registries input in the main step's flow (in-process, real HTTP to a scripted Cloudsmith,
 * the real docker CLI against a registry in a worker thread) and in the post step: checked before
 * any request, applied only after the key is masked, printed instead of applied in a dry run,
 * summarised without values; post undoes it unless cleanup is false, and never fails.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { post } from '../src/post.js'
import { createSystem, type System } from '../src/system.js'
import { startRegistryThread, type RegistryThread } from './lib/registry-thread.js'
import { recorder } from './lib/recorder.js'
import { tempDirs } from './lib/temp-dirs.js'
import { cloudsmith, cloudsmithKey, expectNoLeak, run } from './lib/run-main.js'
import { json } from './lib/scripted-server.js'

let registry: RegistryThread
beforeAll(async () => {
  registry = await startRegistryThread([])
})
afterAll(() => registry.close())

const temp = tempDirs()

interface Spied {
  system: System
  configDir: string
  spawned: string[][]
}

function machine(path = process.env.PATH ?? ''): Spied {
  const configDir = temp('docker-config')
  const spawned: string[][] = []
  const spawn = ((command: string, args: string[], options: object) => {
    spawned.push(args)
    return spawnSync(command, args, options)
  }) as unknown as typeof spawnSync
  const env = {
    PATH: path,
    HOME: temp('home'),
    RUNNER_TEMP: temp('temp'),
    DOCKER_CONFIG: configDir
  }
  return { system: createSystem({ env, spawn }), configDir, spawned }
}

const failureOf = (events: ReturnType<typeof recorder>['events']) =>
  events.find((e) => e.kind === 'fail')

describe('main with registries', () => {
  test('a bad line fails with the other inputs, before any request', async () => {
    const server = await cloudsmith(json(201, {}))
    const m = machine()
    const r = await run(
      server,
      { registries: 'docker host=https://x.example.com', 'max-attempts': '99' },
      { system: m.system }
    )
    expect(server.received).toHaveLength(0)
    expect(r.idTokens).toHaveLength(0)
    const fail = failureOf(r.rec.events)!
    expect(fail.title).toBe('Invalid input')
    expect(fail.text).toContain(`- Input 'max-attempts' is "99"`)
    expect(fail.text).toContain(
      "- Input 'registries' line 1 (docker host=https://x.example.com): host=https://x.example.com has a scheme"
    )
    expect(m.spawned).toEqual([])
  })

  test('docker not on PATH: invalid input, nothing sent', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      { registries: 'docker' },
      { system: machine('/nonexistent').system }
    )
    expect(server.received).toHaveLength(0)
    expect(failureOf(r.rec.events)!.text).toContain(
      "Input 'registries' line 1 (docker): docker signs in by running 'docker', and no 'docker' is on PATH"
    )
  })

  test('docker not on PATH: its own cause and fix, not "a typo"', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      { registries: 'docker' },
      { system: machine('/nonexistent').system }
    )
    const fail = failureOf(r.rec.events)!
    expect(fail.title).toBe('Package manager not configured')
    expect(fail.text).toContain('Fix: install it in an earlier step')
    expect(fail.text).not.toContain('a typo')
  })

  test('a repeated format says its own cause; a malformed line beside it is still "a typo"', async () => {
    const server = await cloudsmith(json(201, {}))
    const repeated = await run(
      server,
      { registries: 'python a\npython b' },
      { system: machine().system }
    )
    const alone = failureOf(repeated.rec.events)!
    expect(alone.title).toBe('Package manager not configured')
    expect(alone.text).toContain('a second python line (line 1 is one)')
    expect(alone.text).toContain('Fix: keep one python line')
    expect(alone.text).not.toContain('a typo')

    const both = await run(
      server,
      { registries: 'python a\npython b\nnpm' },
      { system: machine().system }
    )
    const mixed = failureOf(both.rec.events)!
    expect(mixed.title).toBe('Invalid input')
    expect(mixed.text).toMatch(
      /line 3 \(npm\)[^\n]*\n[^]*Likely cause: a typo[^]*line 2 \(python b\)/
    )
    expect(server.received).toHaveLength(0)
  })

  // npm, pnpm, pip, uv, twine and cargo read what the step sets when they run: a later step may
  // install them (setup-python, setup-node, rustup), so none has to be on PATH now
  test.each([
    ['npm', 'npm npm-private scope=@acme'],
    ['python', 'python pypi'],
    ['cargo', 'cargo crates']
  ])('%s with no client on PATH: signed in, nothing asked of PATH', async (_format, line) => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const m = machine('/nonexistent')
    const r = await run(server, { registries: line }, { system: m.system })
    expect(failureOf(r.rec.events)).toBeUndefined()
    expect(server.received).toHaveLength(1)
    expect(m.spawned).toEqual([])
  })

  test('without registries, the machine is not touched at all', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const touched: PropertyKey[] = []
    const untouched = new Proxy({} as System, {
      get: (_target, name) => {
        touched.push(name)
        return undefined
      }
    })
    const r = await run(server, {}, { system: untouched })
    expect(r.rec.failed).toBe(false)
    expect(touched).toEqual([])
    expect(r.rec.state['registries']).toBe('{"version":1,"cleanup":false,"steps":[]}')
  })

  test('docker is logged in after the key is masked; the summary names the host', async () => {
    const key = await cloudsmithKey()
    await registry.accept([key])
    const server = await cloudsmith(json(201, { token: key }))
    const m = machine()
    const r = await run(
      server,
      { registries: `docker host=${registry.host}` },
      { system: m.system }
    )
    expect(r.rec.failed).toBe(false)
    expect(m.spawned).toEqual([['login', registry.host, '--username', 'token', '--password-stdin']])
    const config = JSON.parse(readFileSync(join(m.configDir, 'config.json'), 'utf8'))
    expect(config.auths[registry.host].auth).toBe(Buffer.from(`token:${key}`).toString('base64'))
    const events = r.rec.events
    const masked = events.findIndex((e) => e.kind === 'setSecret' && e.text === key)
    const exported = events.findIndex((e) => e.kind === 'exportVariable')
    const loggedIn = events.findIndex((e) => e.text.includes('Logged docker in'))
    expect(masked).toBeLessThan(exported)
    expect(exported).toBeLessThan(loggedIn)
    expect(r.rec.summary.join('\n')).toContain(
      `| \`1\` | \`docker\` | \`${registry.host}\` | none | none |`
    )
    expectNoLeak(r, key)
  })

  test('a registry that refuses: the step fails with the line and what docker said; the key is out', async () => {
    const key = await cloudsmithKey()
    await registry.accept([])
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(
      server,
      { registries: `docker host=${registry.host}` },
      { system: machine().system }
    )
    const fail = failureOf(r.rec.events)!
    expect(fail.title).toBe('Package manager not configured')
    expect(fail.text).toContain(`Input 'registries' line 1 (docker host=${registry.host})`)
    expect(fail.text).toContain('401 Unauthorized')
    expect(r.rec.outputs.token).toBe(key)
    expect(r.rec.summary.join('\n')).toContain('Package manager not configured')
    expect(r.rec.state['registries']).toContain('docker-login')
    expectNoLeak(r, key)
  })

  test('dry run: the plan is printed, nothing applied', async () => {
    const server = await cloudsmith(json(201, {}))
    const m = machine()
    const r = await run(server, { registries: 'docker', 'dry-run': 'true' }, { system: m.system })
    expect(r.rec.failed).toBe(false)
    expect(server.received).toHaveLength(0)
    expect(m.spawned).toEqual([])
    const infos = r.rec.events.filter((e) => e.kind === 'info').map((e) => e.text)
    expect(infos).toEqual(
      expect.arrayContaining([
        'Dry run: the registries input would apply these plans after the exchange:',
        '  Line 1 (docker): docker: log in to docker.cloudsmith.io as token',
        `    run docker login docker.cloudsmith.io --username token --password-stdin (the key on standard input; DOCKER_CONFIG=${m.configDir})`,
        `    docker keeps the credential in ${join(m.configDir, 'config.json')} until the post step logs out.`,
        '  The post step would undo each of them.'
      ])
    )
    expect(r.rec.state).toEqual({ registries: '{"version":1,"cleanup":false,"steps":[]}' })
  })
})

describe('post with registries', () => {
  const record = (cleanup: boolean, configDir: string) =>
    JSON.stringify({
      version: 1,
      cleanup,
      steps: [
        {
          kind: 'docker-login',
          line: 1,
          host: '127.0.0.1:9',
          username: 'token',
          configDir,
          keySha256: '0'.repeat(64)
        }
      ]
    })

  test('cleanup false leaves everything, and says so', () => {
    const rec = recorder({}, { registries: record(false, '/nowhere') })
    post(rec, {}, Date.now(), machine().system)
    expect(rec.log()).toBe(
      [
        'info: cleanup is false: the package manager configuration of the registries input is left as it is.',
        'info: Nothing to clean up: the main step did not produce a key.'
      ].join('\n')
    )
  })

  test('undone also when the key was not exported (export-env false)', () => {
    const m = machine()
    writeFileSync(join(m.configDir, 'config.json'), '{"auths":{}}')
    const rec = recorder(
      {},
      { registries: record(true, m.configDir), 'expires-at': '2099-01-01T00:00:00Z' }
    )
    post(rec, {}, Date.now(), m.system)
    expect(rec.log()).toBe(
      [
        'info: docker holds no credential for 127.0.0.1:9; nothing to log out.',
        'info: Nothing to clean up: CLOUDSMITH_API_KEY was not exported.'
      ].join('\n')
    )
  })

  test('an unreadable record is a warning, and the rest of post still runs', () => {
    const rec = recorder({}, { registries: '{"version":2}' })
    post(rec, {}, Date.now(), machine().system)
    expect(rec.events[0]).toEqual({
      kind: 'warning',
      title: 'Cleanup incomplete',
      text: 'Could not undo the registries configuration: the saved record of what main applied has an unknown shape'
    })
    expect(rec.failed).toBe(false)
    expect(rec.events).toHaveLength(2)
  })
})
