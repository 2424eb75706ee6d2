/**
 * Setting the refresh helper up and taking it down again, on real files: the folder, the cache
 * holding the main step's key, the launchers (0700), PATH, docker's credHelpers entry beside
 * whatever else the config holds; then post removes only what is still this step's, counts the
 * keys the job minted, and leaves nothing of the helper.
 */
import { describe, expect, test } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import type { LogText } from '../src/print-gate.js'
import { withCredHelper, withoutCredHelper } from '../src/refresh/cred-helpers.js'
import { installRefresh } from '../src/refresh/install.js'
import type { HelperUse } from '../src/registries/plan.js'
import { serialiseCache } from '../src/refresh/key-cache.js'
import { createRefreshMachine } from '../src/refresh/machine.js'
import {
  parseRefreshRecord,
  serialiseRefreshRecord,
  type RefreshRecord
} from '../src/refresh/record.js'
import { removeRefresh } from '../src/refresh/remove.js'
import { refreshSetup } from '../src/refresh/setup.js'
import { jwt } from './lib/jwt.js'
import { tempDirs } from './lib/temp-dirs.js'

const tempDir = tempDirs()
const INPUTS = {
  org: 'acme',
  serviceSlug: 'ci-bot',
  audience: undefined,
  apiUrl: 'https://api.cloudsmith.io',
  maxAttempts: 5,
  timeoutMs: 30_000,
  totalTimeoutMs: 180_000
}
const OTHER = {
  auths: { 'other.example': { auth: 'YWxpY2U6cHc=' } },
  credsStore: 'desktop',
  credHelpers: { 'ecr.example': 'ecr-login' }
}

function setUp(uses: (dockerConfig: string) => HelperUse[]) {
  const runnerTemp = tempDir('refresh-temp')
  const dockerDir = tempDir('refresh-docker')
  const configFile = join(dockerDir, 'config.json')
  writeFileSync(configFile, JSON.stringify(OTHER))
  const setup = refreshSetup(INPUTS, runnerTemp, '0123456789ab', {
    platform: 'linux',
    nodePath: process.execPath,
    helperScript: '/action/dist/refresh.js'
  })
  const machine = createRefreshMachine(runnerTemp, 'linux')
  const lines: string[] = []
  const paths: string[] = []
  let saved = ''
  const options = {
    machine,
    record: (record: Omit<RefreshRecord, 'cleanup'>) => {
      saved = serialiseRefreshRecord({ ...record, cleanup: true })
    },
    addPath: (dir: string) => paths.push(dir),
    info: (line: LogText) => lines.push(line.text),
    warning: (line: LogText) => lines.push(`warning: ${line.text}`)
  }
  return {
    runnerTemp,
    configFile,
    setup,
    machine,
    lines,
    paths,
    options,
    saved: () => saved,
    uses: uses(configFile)
  }
}

describe('installing and removing the refresh helper', () => {
  test('docker, cargo and pnpm: everything in place, then nothing of it left', async () => {
    const s = setUp((configFile) => [
      { protocol: 'docker', host: 'docker.cloudsmith.io', configFile },
      { protocol: 'cargo' },
      { protocol: 'pnpm' },
      { protocol: 'docker', host: 'docker.acme.example', configFile }
    ])
    const token = await jwt({ sub: 'ci-bot' }, 5400)
    const key = { token, expiresAt: new Date(Date.now() + 5400_000) }
    installRefresh(s.setup, s.uses, key, Date.now(), s.options)
    const { dir, binDir } = s.setup.layout
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(readdirSync(binDir).sort()).toEqual([
      'cargo-credential',
      'docker-credential-cloudsmith-oidc-0123456789ab',
      'pnpm-credential'
    ])
    for (const name of readdirSync(binDir))
      expect(statSync(join(binDir, name)).mode & 0o777).toBe(0o700)
    expect(s.setup.launcherPath('cargo')).toBe(join(binDir, 'cargo-credential'))
    expect(JSON.parse(readFileSync(join(dir, 'key.json'), 'utf8'))).toEqual(
      expect.objectContaining({ key: token, minted: 1 })
    )
    expect(statSync(join(dir, 'key.json')).mode & 0o777).toBe(0o600)
    expect(s.paths).toEqual([binDir])
    const config = JSON.parse(readFileSync(s.configFile, 'utf8'))
    expect(config).toEqual({
      ...OTHER,
      credHelpers: {
        'ecr.example': 'ecr-login',
        'docker.cloudsmith.io': 'cloudsmith-oidc-0123456789ab',
        'docker.acme.example': 'cloudsmith-oidc-0123456789ab'
      }
    })
    expect(statSync(s.configFile).mode & 0o777).toBe(0o600)
    // the launcher files hold no key
    for (const name of readdirSync(binDir))
      expect(readFileSync(join(binDir, name), 'utf8')).not.toContain(token)

    // the helper minted two more keys during the job; a later step took one host over
    s.machine.writeCache(
      dir,
      serialiseCache({ key: 'k', expiresAtMs: Date.now() + 1000, renewAtMs: Date.now(), minted: 3 })
    )
    writeFileSync(
      s.configFile,
      withCredHelper(readFileSync(s.configFile, 'utf8'), {
        host: 'docker.acme.example',
        helper: 'someone-else'
      })
    )
    const record = parseRefreshRecord(s.saved(), s.runnerTemp, 'linux')
    if (record === undefined || record instanceof Error) throw new Error('no record')
    expect(record.docker).toHaveLength(2)
    expect(removeRefresh(record, s.options)).toBe(3)
    expect(existsSync(dir)).toBe(false)
    expect(JSON.parse(readFileSync(s.configFile, 'utf8'))).toEqual({
      ...OTHER,
      credHelpers: { 'ecr.example': 'ecr-login', 'docker.acme.example': 'someone-else' }
    })
    expect(s.lines).toEqual(
      expect.arrayContaining([
        "docker's credHelpers entry for docker.acme.example is no longer this step's; left as it is.",
        `Removed docker's credHelpers entry for docker.cloudsmith.io from ${s.configFile}.`,
        `Removed the refresh helper's folder ${dir} (launchers, key cache).`
      ])
    )
    // post again: nothing left to do, no harm
    expect(removeRefresh(record, s.options)).toBeUndefined()
    expect(s.lines.at(-1)).toBe(`The refresh helper's folder ${dir} was already gone.`)
  })

  test('a config docker could not read is left alone and the step fails; post warns, removes the folder', async () => {
    const s = setUp((configFile) => [
      { protocol: 'docker', host: 'docker.cloudsmith.io', configFile }
    ])
    writeFileSync(s.configFile, '[1, 2]')
    const key = { token: await jwt({}, 60), expiresAt: new Date(Date.now() + 60_000) }
    expect(() => installRefresh(s.setup, s.uses, key, Date.now(), s.options)).toThrow(
      /not a JSON object/
    )
    expect(readFileSync(s.configFile, 'utf8')).toBe('[1, 2]')
    const record = parseRefreshRecord(s.saved(), s.runnerTemp, 'linux') as RefreshRecord
    expect(removeRefresh(record, s.options)).toBe(1)
    expect(existsSync(s.setup.layout.dir)).toBe(false)
    expect(s.lines).toContain(
      "docker's credHelpers entry for docker.cloudsmith.io is no longer this step's; left as it is."
    )
  })

  test('the machine refuses places outside RUNNER_TEMP and anything already at a name', () => {
    const runnerTemp = tempDir('refresh-temp')
    const machine = createRefreshMachine(runnerTemp, 'linux')
    expect(() => machine.makeDir('/etc/x')).toThrow(/only under RUNNER_TEMP/)
    expect(() => machine.writeProgram('/tmp/x', '')).toThrow(/only under RUNNER_TEMP/)
    expect(() => createRefreshMachine('', 'linux').removeTree('/tmp')).toThrow(
      /only under RUNNER_TEMP/
    )
    mkdirSync(join(runnerTemp, 'taken'))
    expect(() => machine.makeDir(join(runnerTemp, 'taken'))).toThrow(/EEXIST/)
    symlinkSync('/etc/passwd', join(runnerTemp, 'link'))
    expect(() => machine.writeProgram(join(runnerTemp, 'link'), 'x')).toThrow()
    writeFileSync(join(runnerTemp, 'file'), '')
    expect(() => machine.removeTree(join(runnerTemp, 'file'))).toThrow(/not a folder/)
    expect(machine.readFile(join(runnerTemp, 'none'))).toBeUndefined()
    expect(() => machine.readFile(runnerTemp)).toThrow()
    // a docker config that is a link: the file it leads to is replaced, the link kept
    const real = join(tempDir('refresh-real'), 'config.json')
    writeFileSync(real, '{}')
    const linked = join(runnerTemp, 'config.json')
    symlinkSync(real, linked)
    machine.replaceFile(linked, '{"x":1}\n')
    expect(readFileSync(real, 'utf8')).toBe('{"x":1}\n')
    // a folder docker has not made yet
    machine.replaceFile(join(runnerTemp, 'new', 'config.json'), '{}\n')
    expect(readFileSync(join(runnerTemp, 'new', 'config.json'), 'utf8')).toBe('{}\n')
  })
})

describe("docker's config, edited", () => {
  test('added beside everything else, removed only while it is ours', () => {
    const ours = { host: 'h', helper: 'ours' }
    const added = withCredHelper(undefined, ours)
    expect(JSON.parse(added)).toEqual({ credHelpers: { h: 'ours' } })
    expect(JSON.parse(withoutCredHelper(added, ours)!)).toEqual({})
    expect(withoutCredHelper(added, { host: 'h', helper: 'theirs' })).toBeUndefined()
    expect(withoutCredHelper('not json', ours)).toBeUndefined()
    expect(withoutCredHelper(undefined, ours)).toBeUndefined()
    expect(JSON.parse(withCredHelper('', ours))).toEqual({ credHelpers: { h: 'ours' } })
    expect(() => withCredHelper('{', ours)).toThrow(/not a JSON object/)
  })

  test("docker's default store, used unnamed, is named beside the entry and taken out with it", () => {
    const pinned = { host: 'h', helper: 'ours', pinnedStore: 'wincred' }
    const added = withCredHelper('{}', pinned)
    expect(JSON.parse(added)).toEqual({ credHelpers: { h: 'ours' }, credsStore: 'wincred' })
    expect(JSON.parse(withoutCredHelper(added, pinned)!)).toEqual({})
    // a store named since is left as it is
    const renamed = JSON.stringify({ credHelpers: { h: 'ours' }, credsStore: 'pass' })
    expect(JSON.parse(withoutCredHelper(renamed, pinned)!)).toEqual({ credsStore: 'pass' })
    // a store named before is kept, not replaced
    expect(JSON.parse(withCredHelper('{"credsStore":"desktop"}', pinned)).credsStore).toBe(
      'desktop'
    )
  })
})

describe('the record post reads', () => {
  test.each([
    ['not JSON', '{'],
    [
      'another version',
      JSON.stringify({ version: 2, dir: '/t/cloudsmith-oidc-refresh-0123456789ab', docker: [] })
    ],
    [
      'a folder elsewhere',
      JSON.stringify({ version: 1, dir: '/etc/cloudsmith-oidc-refresh-0123456789ab', docker: [] })
    ],
    ['a folder of another name', JSON.stringify({ version: 1, dir: '/t/something', docker: [] })],
    [
      'a helper main does not name',
      JSON.stringify({
        version: 1,
        dir: '/t/cloudsmith-oidc-refresh-0123456789ab',
        docker: [{ configFile: '/d/config.json', host: 'h', helper: 'osxkeychain' }]
      })
    ],
    [
      'another file',
      JSON.stringify({
        version: 1,
        dir: '/t/cloudsmith-oidc-refresh-0123456789ab',
        docker: [{ configFile: '/d/.bashrc', host: 'h', helper: 'cloudsmith-oidc-0123456789ab' }]
      })
    ],
    ['null', 'null']
  ])('%s is refused', (_name, text) => {
    expect(parseRefreshRecord(text, '/t', 'linux')).toBeInstanceOf(Error)
  })

  test('none is none; a good one reads back', () => {
    expect(parseRefreshRecord('', '/t', 'linux')).toBeUndefined()
    const record = {
      dir: '/t/cloudsmith-oidc-refresh-0123456789ab',
      cleanup: true,
      docker: [
        {
          configFile: '/d/config.json',
          host: 'docker.cloudsmith.io',
          helper: 'cloudsmith-oidc-0123456789ab'
        }
      ]
    }
    expect(parseRefreshRecord(serialiseRefreshRecord(record), '/t', 'linux')).toEqual(record)
    expect(parseRefreshRecord(serialiseRefreshRecord(record), '', 'linux')).toBeInstanceOf(Error)
  })
})
