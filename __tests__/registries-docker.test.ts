/**
 * docker's side of the record, pure: where docker keeps a host's credential (config.json, a
 * credential store for all hosts, a helper for one host) and whether what it holds is still the
 * login this step made; and the saved record's shape.
 */
import { describe, expect, test } from '@jest/globals'
import {
  authIsOurs,
  basicAuth,
  configAuth,
  credentialStore,
  docker,
  helperAnswerIsOurs
} from '../src/registries/docker.js'
import { parseRecord, serialiseRecord } from '../src/registries/record.js'
import { fingerprint as sha256 } from '../src/fingerprint.js'
import { planUndo } from '../src/registries/undo.js'

const KEY = 'the-key'

describe('where docker keeps a credential', () => {
  test('a helper for the host beats the store for all hosts; none: config.json', () => {
    const config = JSON.stringify({
      credsStore: 'desktop',
      credHelpers: { 'docker.cloudsmith.io': 'ecr-login', 'other.io': '' }
    })
    expect(credentialStore(config, 'docker.cloudsmith.io')).toBe('ecr-login')
    expect(credentialStore(config, 'other.io')).toBe('desktop')
    expect(credentialStore('{"credsStore":""}', 'x')).toBeUndefined()
    expect(credentialStore(undefined, 'x')).toBeUndefined()
    expect(credentialStore('not json', 'x')).toBeUndefined()
    expect(credentialStore('[1]', 'x')).toBeUndefined()
  })

  test("config.json's auth for a host", () => {
    const config = JSON.stringify({ auths: { a: { auth: 'YQ==' }, b: {}, c: 'x' } })
    expect(configAuth(config, 'a')).toBe('YQ==')
    expect(configAuth(config, 'b')).toBeUndefined()
    expect(configAuth(config, 'c')).toBeUndefined()
    expect(configAuth('{"auths":[]}', 'a')).toBeUndefined()
    expect(configAuth(undefined, 'a')).toBeUndefined()
  })
})

describe('whose credential docker holds', () => {
  test('config.json: the same user name and key', () => {
    expect(authIsOurs(basicAuth('token', KEY), 'token', sha256(KEY))).toBe(true)
    expect(authIsOurs(basicAuth('token', 'later'), 'token', sha256(KEY))).toBe(false)
    expect(authIsOurs(basicAuth('someone', KEY), 'token', sha256(KEY))).toBe(false)
    expect(authIsOurs(Buffer.from('no colon').toString('base64'), 'token', sha256(KEY))).toBe(false)
    // a key with a colon in it: the user name ends at the first one
    expect(authIsOurs(basicAuth('token', 'a:b'), 'token', sha256('a:b'))).toBe(true)
  })

  test("a credential helper's answer", () => {
    const answer = (value: object) => JSON.stringify(value)
    expect(
      helperAnswerIsOurs(answer({ Username: 'token', Secret: KEY }), 'token', sha256(KEY))
    ).toBe(true)
    expect(
      helperAnswerIsOurs(answer({ Username: 'token', Secret: 'x' }), 'token', sha256(KEY))
    ).toBe(false)
    expect(helperAnswerIsOurs(answer({ Username: 'x', Secret: KEY }), 'token', sha256(KEY))).toBe(
      false
    )
    expect(helperAnswerIsOurs(answer({ Username: 'token' }), 'token', sha256(KEY))).toBe(false)
    expect(helperAnswerIsOurs('credentials not found', 'token', sha256(KEY))).toBe(false)
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
