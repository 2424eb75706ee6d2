/**
 * docker's side of the record, pure: whose credential docker holds for a host (config.json, or a
 * credential store) and whether it is still the login this step made; and the saved record's
 * shape. How docker reads its config is in registries-docker-config.test.ts.
 */
import { describe, expect, test } from '@jest/globals'
import { basicAuth, docker } from '../src/registries/docker.js'
import { readDockerConfig } from '../src/registries/docker-config.js'
import { dockerHolder, helperAnswerIsOurs } from '../src/registries/docker-view.js'
import type { HelperRead } from '../src/registries/plan.js'
import { parseRecord, serialiseRecord } from '../src/registries/record.js'
import { fingerprint as sha256 } from '../src/fingerprint.js'
import { planUndo } from '../src/registries/undo.js'

const KEY = 'the-key'
const HOST = 'docker.example.com'
const LOGIN = { host: HOST, username: 'token', keySha256: sha256(KEY) }

function config(value: object) {
  const read = readDockerConfig(JSON.stringify(value))
  if (!read.ok) throw new Error(read.why)
  return read.config
}

const noHelper = (): HelperRead => {
  throw new Error('no helper should be asked')
}

describe('whose credential docker holds', () => {
  test('config.json: the same user name and key, under the host itself', () => {
    const holder = (auths: object) => dockerHolder(config({ auths }), LOGIN, '', noHelper).kind
    expect(holder({ [HOST]: { auth: basicAuth('token', KEY) } })).toBe('ours')
    expect(holder({ [HOST]: { auth: basicAuth('token', 'later') } })).toBe('other')
    expect(holder({ [HOST]: { auth: basicAuth('someone', KEY) } })).toBe('other')
    expect(holder({ [HOST]: { username: 'token', password: KEY } })).toBe('ours')
    expect(holder({ [HOST]: { auth: basicAuth('token', KEY), identitytoken: 'x' } })).toBe('other')
    // a key with a colon in it: the user name ends at the first one
    expect(
      dockerHolder(
        config({ auths: { [HOST]: { auth: basicAuth('token', 'a:b') } } }),
        { ...LOGIN, keySha256: sha256('a:b') },
        '',
        noHelper
      ).kind
    ).toBe('ours')
    expect(holder({ [HOST]: {} })).toBe('none')
    expect(holder({})).toBe('none')
    // docker reads a legacy spelling when the host itself is missing
    expect(holder({ [`https://${HOST}/v1/`]: { auth: basicAuth('u', 'p') } })).toBe('other')
  })

  test('ours, but docker logout would also erase another spelling: shared, never logged out', () => {
    const ours = { auth: basicAuth('token', KEY) }
    const other = { auth: basicAuth('alice', 'hers') }
    for (const address of [`http://${HOST}`, `https://${HOST}`]) {
      expect(
        dockerHolder(config({ auths: { [HOST]: ours, [address]: other } }), LOGIN, '', noHelper)
      ).toEqual({ kind: 'shared', address, store: 'config.json' })
    }
    // an address docker logout does not erase is no obstacle
    expect(
      dockerHolder(config({ auths: { [HOST]: ours, [`${HOST}/v2/`]: other } }), LOGIN, '', noHelper)
        .kind
    ).toBe('ours')
  })

  test('a store: asked for the host, then for each spelling logout erases', () => {
    const asked: string[] = []
    const store =
      (answers: Record<string, HelperRead>) =>
      (helper: string, address: string): HelperRead => {
        asked.push(`${helper} ${address}`)
        return answers[address] ?? { kind: 'none' }
      }
    const ourAnswer = JSON.stringify({ Username: 'token', Secret: KEY })
    const withStore = config({ credsStore: 'desktop', credHelpers: { [`https://${HOST}`]: 'ecr' } })
    expect(
      dockerHolder(withStore, LOGIN, '', store({ [HOST]: { kind: 'found', answer: ourAnswer } }))
    ).toEqual({ kind: 'ours' })
    expect(asked).toEqual([`desktop ${HOST}`, `desktop http://${HOST}`, `ecr https://${HOST}`])
    expect(
      dockerHolder(
        withStore,
        LOGIN,
        '',
        store({
          [HOST]: { kind: 'found', answer: ourAnswer },
          [`https://${HOST}`]: { kind: 'found', answer: '{"Username":"u","Secret":"s"}' }
        })
      )
    ).toEqual({ kind: 'shared', address: `https://${HOST}`, store: 'ecr' })
    expect(
      dockerHolder(
        withStore,
        LOGIN,
        '',
        store({
          [HOST]: { kind: 'found', answer: ourAnswer },
          [`http://${HOST}`]: { kind: 'unknown', why: 'locked' }
        })
      )
    ).toEqual({ kind: 'unknown', why: 'locked' })
    // no store named and no login in the file: the platform's default store, when there is one
    asked.length = 0
    expect(dockerHolder(config({}), LOGIN, 'osxkeychain', store({})).kind).toBe('none')
    expect(asked[0]).toBe(`osxkeychain ${HOST}`)
  })

  test("a credential helper's answer", () => {
    const answer = (value: object) => JSON.stringify(value)
    expect(helperAnswerIsOurs(answer({ Username: 'token', Secret: KEY }), LOGIN)).toBe(true)
    expect(helperAnswerIsOurs(answer({ Username: 'token', Secret: 'x' }), LOGIN)).toBe(false)
    expect(helperAnswerIsOurs(answer({ Username: 'x', Secret: KEY }), LOGIN)).toBe(false)
    expect(helperAnswerIsOurs(answer({ Username: 'token' }), LOGIN)).toBe(false)
    expect(helperAnswerIsOurs('null', LOGIN)).toBe(false)
    expect(helperAnswerIsOurs('credentials not found', LOGIN)).toBe(false)
  })

  test('docker hosts: the default, or host=', () => {
    const request = {
      line: 1,
      text: 'docker',
      format: 'docker' as const,
      owner: 'acme',
      repository: undefined,
      options: new Map<string, string>()
    }
    expect(docker.hosts(request)).toEqual(['docker.cloudsmith.io'])
    expect(docker.hosts({ ...request, options: new Map([['host', 'docker.acme.com']]) })).toEqual([
      'docker.acme.com'
    ])
    expect(
      docker.validate({ ...request, options: new Map([['username', 'ci.bot@acme']]) })
    ).toEqual([])
  })
})

describe('the record', () => {
  const RULES = { tempDir: '/t', platform: 'linux' as const }
  const steps = [
    { kind: 'file' as const, line: 1, path: '/t/npmrc', id: '2049:77:0', sha256: sha256('x') },
    { kind: 'env' as const, line: 1, name: 'A', sha256: sha256('a'), restore: '' },
    {
      kind: 'docker-login' as const,
      line: 2,
      host: 'h',
      username: 'token',
      configDir: '/c',
      keySha256: sha256(KEY)
    }
  ]

  test('round trip; anything else is an error post reports', () => {
    expect(parseRecord(serialiseRecord({ cleanup: true, steps }), RULES)).toEqual({
      cleanup: true,
      steps
    })
    expect(parseRecord('', RULES)).toBeUndefined()
    expect(parseRecord('{', RULES)).toEqual(
      new Error('the saved record of what main applied is not JSON')
    )
    expect(parseRecord('{"version":1}', RULES)).toBeInstanceOf(Error)
    expect(parseRecord('null', RULES)).toBeInstanceOf(Error)
    expect(
      parseRecord('{"version":1,"cleanup":true,"steps":[{"kind":"file","line":1}]}', RULES)
    ).toEqual(
      new Error(
        'the saved record of what main applied holds a step main would not have written; nothing was undone'
      )
    )
    expect(parseRecord('{"version":1,"steps":[{"kind":"rm -rf","line":1}]}', RULES)).toBeInstanceOf(
      Error
    )
    expect(
      parseRecord('{"version":1,"steps":[{"kind":"file","path":"/x"}]}', RULES)
    ).toBeInstanceOf(Error)
  })

  test('undone in reverse; a variable only while it holds the value', () => {
    expect(planUndo({ cleanup: true, steps }, { A: 'a' }).map((action) => action.kind)).toEqual([
      'docker-logout',
      'restore-env',
      'remove-file'
    ])
    expect(planUndo({ cleanup: true, steps }, { A: 'b' })[1]).toEqual({
      kind: 'keep-env',
      line: 1,
      name: 'A'
    })
    expect(planUndo({ cleanup: true, steps }, {})[1]?.kind).toBe('keep-env')
  })

  test('restore null: the variable is left set, and the record keeps the null', () => {
    const left = [{ kind: 'env' as const, line: 3, name: 'B', sha256: sha256('b'), restore: null }]
    const text = serialiseRecord({ cleanup: true, steps: left })
    expect(parseRecord(text, RULES)).toEqual({ cleanup: true, steps: left })
    expect(planUndo({ cleanup: true, steps: left }, { B: 'b' })).toEqual([
      { kind: 'leave-env', line: 3, name: 'B' }
    ])
    expect(planUndo({ cleanup: true, steps: left }, { B: 'c' })[0]?.kind).toBe('keep-env')
    expect(
      parseRecord(
        '{"version":1,"cleanup":true,"steps":[{"kind":"env","line":1,"name":"B","sha256":"x","restore":1}]}',
        RULES
      )
    ).toBeInstanceOf(Error)
  })
})
