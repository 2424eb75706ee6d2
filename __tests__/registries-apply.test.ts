/**
 * Applying plans and undoing the record, in-process with the real docker CLI (client side, no
 * daemon) against a fake registry in a worker thread (docker runs under spawnSync, which stops
 * this thread). spawnSync is spied on: the key reaches docker on standard input only, never in
 * argv. A credential store is exercised with a small helper program that speaks docker's
 * credential-helper protocol and keeps its store in a file.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { InputError, slugProblem } from '../src/inputs.js'
import { applyPlans, derivedSecrets, RegistryApplyError } from '../src/registries/apply.js'
import { undoRecord } from '../src/registries/cleanup.js'
import { dryRunLines, registriesSummary } from '../src/registries/describe.js'
import { FORMATS } from '../src/registries/formats.js'
import { KEY, type Plan, type RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'
import { parseRecord, type AppliedRecord } from '../src/registries/record.js'
import { parseRegistries } from '../src/registries/request.js'
import { planContext } from '../src/registries/stage.js'
import { createSystem, type System } from '../src/system.js'
import { startRegistryThread, type RegistryThread } from './lib/registry-thread.js'
import { leaks, recorder, type Recorder } from './lib/recorder.js'
import { tempDirs } from './lib/temp-dirs.js'

const KEY_VALUE = 'csk-0123456789abcdef-the-oidc-key'
const BASIC = Buffer.from(`token:${KEY_VALUE}`).toString('base64')
const OTHER_HOST = 'other-registry.example.com'
const OTHER_AUTH = Buffer.from('alice:hunter2').toString('base64')
const DOCKER_DEADLINE = { eachMs: 20_000, limitMs: () => 20_000 }
/** Every machine's RUNNER_TEMP lies under the system's temporary folder. */
const RULES_TEMP = tmpdir()

if (spawnSync('docker', ['--version']).status !== 0) {
  throw new Error(
    'the docker client is needed on PATH for this test (scripts/provision-clients.sh installs it)'
  )
}

let registry: RegistryThread
beforeAll(async () => {
  registry = await startRegistryThread([KEY_VALUE])
})
afterAll(() => registry.close())

const temp = tempDirs()

interface Call {
  command: string
  args: readonly string[]
  input: unknown
  dockerConfig: string | undefined
  /** How many runner events had happened when the program started. */
  at: number
}

interface Machine {
  system: System
  calls: Call[]
  env: Record<string, string>
  configDir: string
  runnerTemp: string
  rec: Recorder
}

/** A runner: RUNNER_TEMP, HOME, DOCKER_CONFIG holding another registry's login, a spied spawn. */
function machine(
  config: object = { auths: { [OTHER_HOST]: { auth: OTHER_AUTH } } },
  extraEnv: Record<string, string> = {}
): Machine {
  const configDir = temp('docker-config')
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config), { mode: 0o600 })
  const runnerTemp = temp('runner-temp')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: temp('home'),
    RUNNER_TEMP: runnerTemp,
    DOCKER_CONFIG: configDir,
    ...extraEnv
  }
  const rec = recorder()
  const calls: Call[] = []
  const spawn = ((command: string, args: readonly string[], options: Record<string, unknown>) => {
    const childEnv = options['env'] as Record<string, string> | undefined
    calls.push({
      command,
      args,
      input: options['input'],
      dockerConfig: childEnv?.['DOCKER_CONFIG'],
      at: rec.events.length
    })
    return spawnSync(command, args, options)
  }) as unknown as typeof spawnSync
  return { system: createSystem({ env, spawn }), calls, env, configDir, runnerTemp, rec }
}

function dockerPlans(m: Machine, lines: string): Plan[] {
  const parsed = parseRegistries(lines, {
    org: 'acme',
    formats: FORMATS,
    slugProblem,
    findProgram: (name) => m.system.findProgram(name)
  })
  expect(parsed.problems).toEqual([])
  return planRegistries(
    parsed.requests,
    planContext(m.system, true, { eachMs: 30_000, limitMs: () => 30_000 }),
    FORMATS
  )
}

/** The problems planning reports for docker lines (it must refuse them). */
function dockerRefusal(m: Machine, lines: string): string[] {
  try {
    dockerPlans(m, lines)
  } catch (error) {
    if (error instanceof InputError) return [...error.problems, ...error.conflicts]
    throw error
  }
  throw new Error('planning did not refuse the line')
}

function apply(m: Machine, plans: readonly Plan[]): AppliedRecord {
  applyPlans(plans, {
    io: m.rec,
    system: m.system,
    key: KEY_VALUE,
    cleanup: true,
    deadline: DOCKER_DEADLINE
  })
  return savedRecord(m.rec)
}

function savedRecord(rec: Recorder): AppliedRecord {
  const record = parseRecord(rec.state['registries'] ?? '', {
    tempDir: RULES_TEMP,
    platform: 'linux'
  })
  if (record === undefined || record instanceof Error) throw new Error('no record saved')
  return record
}

function undo(m: Machine, record: AppliedRecord, system = m.system): Recorder {
  const rec = recorder()
  undoRecord(record, { io: rec, system, deadline: DOCKER_DEADLINE })
  return rec
}

function auths(configDir: string): Record<string, unknown> {
  const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
    auths?: Record<string, unknown>
  }
  return config.auths ?? {}
}

describe('docker login and logout, credential in config.json', () => {
  test('the key goes to docker on standard input only, after the stored form is masked', () => {
    const m = machine()
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))

    expect(
      m.calls.map(({ command, args, input, dockerConfig }) => ({
        command,
        args,
        input,
        dockerConfig
      }))
    ).toEqual([
      {
        command: m.system.findProgram('docker'),
        args: ['login', registry.host, '--username', 'token', '--password-stdin'],
        input: KEY_VALUE,
        dockerConfig: m.configDir
      }
    ])
    const argv = JSON.stringify(m.calls.map((call) => [call.command, call.args]))
    expect(argv).not.toContain(KEY_VALUE)
    expect(argv).not.toContain(BASIC)
    const maskedAt = m.rec.events.findIndex((e) => e.kind === 'setSecret' && e.text === BASIC)
    expect(maskedAt).toBeGreaterThanOrEqual(0)
    expect(maskedAt).toBeLessThan(m.calls[0]!.at)

    expect(auths(m.configDir)).toEqual({
      [OTHER_HOST]: { auth: OTHER_AUTH },
      [registry.host]: { auth: BASIC }
    })
    // the record holds fingerprints, never the key or the form docker stores
    expect(m.rec.state['registries']).not.toContain(KEY_VALUE)
    expect(m.rec.state['registries']).not.toContain(BASIC)
    expect(record.steps).toEqual([
      {
        kind: 'docker-login',
        line: 1,
        host: registry.host,
        username: 'token',
        configDir: m.configDir,
        keySha256: expect.stringMatching(/^[0-9a-f]{64}$/)
      }
    ])
    expect(leaks(m.rec, KEY_VALUE)).toEqual([])
    expect(leaks(m.rec, BASIC)).toEqual([])
    expect(
      m.rec
        .visible()
        .filter((e) => e.kind === 'info')
        .map((e) => e.text)
    ).toEqual([
      `docker: log in to ${registry.host} as token`,
      `  Logged docker in to ${registry.host} as token.`,
      `  docker keeps the credential in ${join(m.configDir, 'config.json')} until the post step logs out.`
    ])

    const post = undo(m, record)
    expect(m.calls.at(-1)?.args).toEqual(['logout', registry.host])
    expect(m.calls.at(-1)?.dockerConfig).toBe(m.configDir)
    expect(auths(m.configDir)).toEqual({ [OTHER_HOST]: { auth: OTHER_AUTH } })
    expect(post.log()).toBe(`info: Logged docker out of ${registry.host}.`)
  })

  test('a login made before the step for the same host: refused while planning, nothing run', () => {
    const standing = Buffer.from('token:a-long-lived-key').toString('base64')
    const m = machine({
      auths: { [OTHER_HOST]: { auth: OTHER_AUTH }, [registry.host]: { auth: standing } }
    })
    const before = readFileSync(join(m.configDir, 'config.json'), 'utf8')
    const problems = dockerRefusal(m, `docker host=${registry.host}`)
    expect(problems).toEqual([
      `Input 'registries' line 1 (docker host=${registry.host}): docker already holds a login for ${registry.host} in ${join(m.configDir, 'config.json')}, under "${registry.host}".`
    ])
    expect(problems.join('\n')).not.toContain(standing)
    expect(problems.join('\n')).not.toContain('a-long-lived-key')
    expect(m.calls).toEqual([])
    expect(readFileSync(join(m.configDir, 'config.json'), 'utf8')).toBe(before)
  })

  test('a relative DOCKER_CONFIG, or one inside the workspace: refused while planning', () => {
    const relative = machine(undefined, { DOCKER_CONFIG: 'docker-config' })
    expect(dockerRefusal(relative, `docker host=${registry.host}`)).toEqual([
      `Input 'registries' line 1 (docker host=${registry.host}): DOCKER_CONFIG (docker-config) is not a full path.`
    ])
    const workspace = temp('workspace')
    for (const configDir of [join(workspace, 'sub', '.docker'), workspace]) {
      const inside = machine(undefined, { GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: configDir })
      expect(dockerRefusal(inside, `docker host=${registry.host}`)).toEqual([
        expect.stringContaining(
          `docker's config ${configDir} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}).`
        )
      ])
      expect(inside.calls).toEqual([])
    }
    // the default (~/.docker) with a workspace elsewhere is planned
    const home = machine(undefined, { GITHUB_WORKSPACE: workspace })
    expect(dockerPlans(home, `docker host=${registry.host}`)).toHaveLength(1)
  })

  test('a later login with another key is left alone', () => {
    const m = machine()
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))
    const later = Buffer.from('token:a-later-key').toString('base64')
    writeFileSync(
      join(m.configDir, 'config.json'),
      JSON.stringify({ auths: { [registry.host]: { auth: later } } })
    )
    const post = undo(m, record)
    expect(post.log()).toBe(
      `info: docker's credential for ${registry.host} is no longer this step's (a later login replaced it); left as it is.`
    )
    expect(m.calls.map((call) => call.args[0])).toEqual(['login'])
    expect(auths(m.configDir)).toEqual({ [registry.host]: { auth: later } })
  })

  test('a registry that refuses the key: the step fails naming the line; post finds nothing to undo', () => {
    const m = machine()
    const plans = dockerPlans(m, `# comment\ndocker host=${registry.host} username=someone`)
    let error: unknown
    try {
      apply(m, plans)
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(RegistryApplyError)
    const failure = error as RegistryApplyError
    expect(failure.failureTitle.text).toBe('Package manager not configured')
    const text = failure.failureLines.map((line) => line.text).join('\n')
    expect(text).toContain(
      `Input 'registries' line 2 (docker host=${registry.host} username=someone): docker: log in to ${registry.host} as someone`
    )
    expect(text).toContain(
      `docker login ${registry.host} --username someone --password-stdin failed (exit code 1) and said on its error output:`
    )
    expect(text).toContain('401 Unauthorized')
    expect(text).not.toContain(KEY_VALUE)
    // recorded before docker ran: post checks, finds no credential
    const record = savedRecord(m.rec)
    expect(record.steps.map((step) => step.kind)).toEqual(['docker-login'])
    expect(undo(m, record).log()).toBe(
      `info: docker holds no credential for ${registry.host}; nothing to log out.`
    )
  })

  test('post without docker on PATH: a warning, the credential stays', () => {
    const m = machine()
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))
    const noDocker = createSystem({ env: { ...m.env, PATH: '/nonexistent' } })
    const post = undo(m, record, noDocker)
    expect(post.events).toEqual([
      {
        kind: 'warning',
        title: 'docker not logged out',
        text: `docker is not on PATH any more, so the post step could not log out of ${registry.host}; the credential stays with docker (${m.configDir}) until the key expires.`
      }
    ])
    expect(auths(m.configDir)[registry.host]).toEqual({ auth: BASIC })
  })
})

describe('docker with a credential store (credsStore)', () => {
  /** A credential helper program: store, get, erase, list, kept in HELPER_STORE. */
  function helperBin(): string {
    const bin = temp('helper-bin')
    const script = [
      `#!${process.execPath}`,
      "const fs = require('fs')",
      'const file = process.env.HELPER_STORE',
      "const read = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')) } catch { return {} } }",
      "let input = ''",
      "process.stdin.on('data', (c) => (input += c)).on('end', () => {",
      '  const store = read()',
      '  const action = process.argv[2]',
      "  if (action === 'store') { const c = JSON.parse(input); store[c.ServerURL] = { Username: c.Username, Secret: c.Secret } }",
      "  else if (action === 'get' && process.env.HELPER_FAIL_GET) { process.stderr.write('error: cannot unlock keyring'); process.exit(1) }",
      "  else if (action === 'get') { const c = store[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain'); process.exit(1) } process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...c })) }",
      "  else if (action === 'erase') { if (process.env.HELPER_FAIL_ERASE) process.exit(1); delete store[input.trim()] }",
      "  else if (action === 'list') { process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([k, v]) => [k, v.Username])))) }",
      '  fs.writeFileSync(file, JSON.stringify(store))',
      '})'
    ].join('\n')
    writeFileSync(join(bin, 'docker-credential-testhelper'), script, { mode: 0o755 })
    return bin
  }

  function storeMachine(extraEnv: Record<string, string> = {}): Machine & { store: string } {
    const bin = helperBin()
    const store = join(bin, 'store.json')
    const m = machine(
      { credsStore: 'testhelper' },
      { PATH: `${bin}:${process.env.PATH ?? ''}`, HELPER_STORE: store, ...extraEnv }
    )
    return { ...m, store }
  }

  const stored = (store: string): Record<string, unknown> =>
    existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')) as Record<string, unknown>) : {}

  test('the store holds a login made before the step: refused while planning, never printed', () => {
    const m = storeMachine()
    writeFileSync(
      m.store,
      JSON.stringify({ [registry.host]: { Username: 'token', Secret: 'a-long-lived-key' } })
    )
    const problems = dockerRefusal(m, `docker host=${registry.host}`)
    expect(problems).toEqual([
      `Input 'registries' line 1 (docker host=${registry.host}): docker's credential store 'testhelper' already holds a login for "${registry.host}", which docker uses or erases for ${registry.host}.`
    ])
    expect(problems.join('\n')).not.toContain('a-long-lived-key')
    // only the helper was asked, for each address docker logout erases; docker never ran
    expect(
      m.calls.map((call) => [dirname(call.command) === dirname(m.store), ...call.args, call.input])
    ).toEqual([
      [true, 'get', registry.host],
      [true, 'get', `http://${registry.host}`],
      [true, 'get', `https://${registry.host}`]
    ])
    expect(stored(m.store)).toEqual({
      [registry.host]: { Username: 'token', Secret: 'a-long-lived-key' }
    })
  })

  test('a store that cannot answer while planning (a locked keychain): refused, saying why', () => {
    const m = storeMachine({ HELPER_FAIL_GET: '1' })
    expect(dockerRefusal(m, `docker host=${registry.host}`)).toEqual([
      `Input 'registries' line 1 (docker host=${registry.host}): cannot tell whether docker already holds a login for "${registry.host}" (${registry.host}): docker-credential-testhelper get failed (exit code 1) and said on its error output: error: cannot unlock keyring.`
    ])
    expect(m.calls.map((call) => call.args[0])).toEqual(['get'])
  })

  test('the helper holds the key; post asks it, then logs out', () => {
    const m = storeMachine()
    const plans = dockerPlans(m, `docker host=${registry.host}`)
    expect(plans[0]?.notes).toEqual([
      `docker keeps the credential in its credential store 'testhelper' (credsStore in ${join(m.configDir, 'config.json')}) until the post step logs out.`
    ])
    const record = apply(m, plans)
    expect(stored(m.store)).toEqual({
      [registry.host]: { Username: 'token', Secret: KEY_VALUE }
    })
    const post = undo(m, record)
    expect(post.log()).toBe(`info: Logged docker out of ${registry.host}.`)
    expect(
      m.calls
        .slice(4)
        .map((call) => [
          dirname(call.command) === dirname(m.store) ? 'helper' : 'docker',
          ...call.args
        ])
    ).toEqual([
      ['helper', 'get'],
      ['helper', 'get'],
      ['helper', 'get'],
      ['docker', 'logout', registry.host],
      ['helper', 'get']
    ])
    // asked while planning (nothing stood there), then by post: the host and the other two
    // addresses docker logout erases
    expect(m.calls.map((call) => call.args[0])).toEqual([
      ...['get', 'get', 'get', 'login'],
      ...['get', 'get', 'get', 'logout', 'get']
    ])
    expect(m.calls[0]?.input).toBe(registry.host)
    expect(m.calls[4]?.input).toBe(registry.host)
    expect(m.calls[6]?.input).toBe(`https://${registry.host}`)
    expect(stored(m.store)).toEqual({})
  })

  test('a later login in the store is left alone', () => {
    const m = storeMachine()
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))
    writeFileSync(
      m.store,
      JSON.stringify({ [registry.host]: { Username: 'token', Secret: 'a-later-key' } })
    )
    expect(undo(m, record).log()).toBe(
      `info: docker's credential for ${registry.host} is no longer this step's (a later login replaced it); left as it is.`
    )
  })

  test('a store that does not erase: docker logout says nothing, post checks and warns', () => {
    const m = storeMachine({ HELPER_FAIL_ERASE: '1' })
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))
    const post = undo(m, record)
    expect(post.events).toEqual([
      {
        kind: 'warning',
        title: 'docker not logged out',
        text: `docker logout ${registry.host} ended without error, but docker still holds this step's credential (its credential store did not erase it); it expires with the key.`
      }
    ])
  })

  test('a store whose get fails in post for another reason (a locked keychain): a warning, not "nothing to log out"', () => {
    const m = storeMachine()
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))
    const locked = createSystem({ env: { ...m.env, HELPER_FAIL_GET: '1' } })
    expect(undo(m, record, locked).events).toEqual([
      {
        kind: 'warning',
        title: 'docker not logged out',
        text: `docker-credential-testhelper get failed (exit code 1) and said on its error output: error: cannot unlock keyring, so the post step cannot tell whether the credential for ${registry.host} is still this step's; left logged in (it expires with the key).`
      }
    ])
    // the key is still in the store, and post said so
    expect(stored(m.store)).toEqual({ [registry.host]: { Username: 'token', Secret: KEY_VALUE } })
  })

  test('the helper gone by the post step: a warning, nothing touched', () => {
    const m = storeMachine()
    const record = apply(m, dockerPlans(m, `docker host=${registry.host}`))
    const noHelper = createSystem({ env: { ...m.env, PATH: process.env.PATH ?? '' } })
    expect(undo(m, record, noHelper).events).toEqual([
      {
        kind: 'warning',
        title: 'docker not logged out',
        text: `docker's credential store program docker-credential-testhelper is not on PATH, so the post step cannot tell whether the credential for ${registry.host} is still this step's; left logged in (it expires with the key).`
      }
    ])
  })
})

describe('files and variables (the steps npm, python and cargo plan)', () => {
  const request: RegistryRequest = {
    line: 2,
    text: 'example repo',
    format: 'npm',
    owner: 'acme',
    repository: 'repo',
    options: new Map()
  }

  function examplePlan(runnerTemp: string): Plan {
    return {
      request,
      title: 'example: a file and two variables',
      steps: [
        {
          kind: 'file',
          path: join(runnerTemp, 'cloudsmith', 'example.conf'),
          content: 'token=${KEY}\n'
        },
        {
          kind: 'env',
          name: 'EXAMPLE_CONFIG',
          value: [join(runnerTemp, 'cloudsmith', 'example.conf')],
          secret: false,
          restore: '/previous/config'
        },
        {
          kind: 'env',
          name: 'EXAMPLE_INDEX_URL',
          value: ['https://token:', KEY, '@dl.example.com/basic/acme/repo/'],
          secret: true,
          restore: ''
        }
      ],
      notes: ['a note']
    }
  }

  test('applied in order, recorded, masked; undone in reverse only where still this step', () => {
    const m = machine()
    const plan = examplePlan(m.runnerTemp)
    const url = `https://token:${KEY_VALUE}@dl.example.com/basic/acme/repo/`
    expect(plan.steps.flatMap((step) => derivedSecrets(step, KEY_VALUE))).toEqual([url])
    const record = apply(m, [plan])
    const file = join(m.runnerTemp, 'cloudsmith', 'example.conf')
    expect(readFileSync(file, 'utf8')).toBe('token=${KEY}\n')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(m.rec.exported).toEqual({ EXAMPLE_CONFIG: file, EXAMPLE_INDEX_URL: url })
    expect(m.rec.events.findIndex((e) => e.kind === 'setSecret' && e.text === url)).toBeLessThan(
      m.rec.events.findIndex((e) => e.kind === 'exportVariable')
    )
    expect(record.steps.map((step) => step.kind)).toEqual(['file', 'env', 'env'])
    expect(m.rec.state['registries']).not.toContain(KEY_VALUE)
    // saved after each file and variable exists: three saves, each one step longer
    expect(m.rec.events.filter((e) => e.kind === 'saveState').length).toBe(3)
    expect(m.rec.visible().map((e) => `${e.kind}: ${e.text}`)).toEqual([
      'info: example: a file and two variables',
      expect.stringMatching(/^saveState: /),
      `info:   Wrote ${file} (mode 0600).`,
      `exportVariable: ${file}`,
      expect.stringMatching(/^saveState: /),
      'info:   Exported EXAMPLE_CONFIG.',
      `exportVariable: ${url}`,
      expect.stringMatching(/^saveState: /),
      'info:   Exported EXAMPLE_INDEX_URL.',
      'info:   a note'
    ])

    // a later step replaced EXAMPLE_CONFIG; EXAMPLE_INDEX_URL still holds this step's value
    const later = createSystem({
      env: { ...m.env, EXAMPLE_CONFIG: '/a/later/value', EXAMPLE_INDEX_URL: url }
    })
    const post = undo(m, record, later)
    expect(post.log()).toBe(
      [
        'exportVariable(EXAMPLE_INDEX_URL): ',
        'info: Cleared EXAMPLE_INDEX_URL for the rest of the job.',
        "info: EXAMPLE_CONFIG no longer holds this step's value (a later step set it); left as it is.",
        `info: Removed ${file}.`
      ].join('\n')
    )
    expect(existsSync(file)).toBe(false)

    // a variable put back to its earlier value; a file already gone
    const again = createSystem({ env: { ...m.env, EXAMPLE_CONFIG: file } })
    expect(undo(m, record, again).log()).toBe(
      [
        "info: EXAMPLE_INDEX_URL no longer holds this step's value (a later step set it); left as it is.",
        'exportVariable(EXAMPLE_CONFIG): /previous/config',
        'info: Put EXAMPLE_CONFIG back to its value before the action.',
        `info: ${file} was already gone.`
      ].join('\n')
    )
  })

  test('a file that cannot be written fails the step; only what exists is in the record', () => {
    const m = machine()
    const blocked = join(m.runnerTemp, 'blocked')
    mkdirSync(join(blocked, 'example.conf'), { recursive: true }) // a folder where the file goes
    const plan: Plan = {
      ...examplePlan(m.runnerTemp),
      steps: [
        examplePlan(m.runnerTemp).steps[2]!,
        { kind: 'file', path: join(blocked, 'example.conf'), content: 'x' }
      ]
    }
    expect(() => apply(m, [plan])).toThrow(RegistryApplyError)
    expect(savedRecord(m.rec).steps.map((step) => step.kind)).toEqual(['env'])
  })

  test('the dry run shows paths, names, values with the key as ***, and commands', () => {
    const lines = dryRunLines([
      examplePlan('/runner/temp'),
      {
        request: { ...request, line: 3, text: 'docker', format: 'docker' },
        title: 'docker: log in to docker.cloudsmith.io as token',
        steps: [
          {
            kind: 'docker-login',
            host: 'docker.cloudsmith.io',
            username: 'token',
            configDir: '/h/.docker'
          }
        ],
        notes: []
      }
    ]).map((line) => line.text)
    expect(lines).toEqual([
      'Dry run: the registries input would apply these plans after the exchange:',
      '  Line 2 (example repo): example: a file and two variables',
      '    write /runner/temp/cloudsmith/example.conf (mode 0600, 2 lines)',
      '    export EXAMPLE_CONFIG=/runner/temp/cloudsmith/example.conf',
      '    export EXAMPLE_INDEX_URL=https://token:***@dl.example.com/basic/acme/repo/',
      '    a note',
      '  Line 3 (docker): docker: log in to docker.cloudsmith.io as token',
      '    run docker login docker.cloudsmith.io --username token --password-stdin (the key on standard input; DOCKER_CONFIG=/h/.docker)',
      '  The post step would undo each of them.'
    ])
  })

  test('the job summary names hosts, files and variables, never values', () => {
    const plan = examplePlan('/runner/temp')
    const docker: Plan = {
      request: { ...request, line: 3, text: 'docker', format: 'docker' },
      title: 'docker',
      steps: [],
      notes: []
    }
    const markdown = registriesSummary([plan, docker], FORMATS).markdown
    expect(markdown).toBe(
      [
        '#### Package managers (undone by the post step)',
        '',
        '| Line | Format | Hosts | Files | Variables |',
        '| --- | --- | --- | --- | --- |',
        '| `2` | `npm` | `npm.cloudsmith.io/acme/repo/` | `/runner/temp/cloudsmith/example.conf` | `EXAMPLE_CONFIG`, `EXAMPLE_INDEX_URL` |',
        '| `3` | `docker` | `docker.cloudsmith.io` | none | none |',
        ''
      ].join('\n')
    )
    expect(markdown).not.toContain('dl.example.com')
  })
})
