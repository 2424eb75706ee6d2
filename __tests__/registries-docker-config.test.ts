/**
 * docker's config.json read the way docker 28 reads it (Go's encoding/json into docker's
 * ConfigFile, then each auth decoded), the spellings docker takes for a host and the store it asks
 * for each, and the standing logins that make a line refused; and a credential helper's answers,
 * never echoed. Pure; the end-to-end side, with the real docker client, is in e2e-docker.test.ts.
 */
import { describe, expect, test } from '@jest/globals'
import { readDockerConfig, decodeAuth } from '../src/registries/docker-config.js'
import { helperRead, saidOnStderr } from '../src/registries/docker-helper.js'
import { convertToHostname, defaultStore, storeFor } from '../src/registries/docker-stores.js'
import { standingLogins } from '../src/registries/docker-view.js'
import { parseGoJson } from '../src/registries/go-json.js'
import { RegistriesRefusedError, refusalLines } from '../src/registries/refusal.js'
import type { HelperRead } from '../src/registries/plan.js'

const HOST = 'docker.example.com'
const AUTH = Buffer.from('alice:hers').toString('base64')

function read(text: string) {
  const result = readDockerConfig(text)
  if (!result.ok) throw new Error(result.why)
  return result.config
}

const whyNot = (text: string): string => {
  const result = readDockerConfig(text)
  return result.ok ? 'read' : result.why
}

const none = (): HelperRead => ({ kind: 'none' })

describe("config.json as docker's Go reader takes it", () => {
  test('what docker cannot read is reported, never taken as empty', () => {
    expect(whyNot(`\ufeff{"auths":{}}`)).toMatch(
      /^it is not JSON as docker reads it \(it begins with a UTF-8 byte order mark\)/
    )
    expect(whyNot('{"auths":')).toMatch(/^it is not JSON as docker reads it/)
    expect(whyNot('[]')).toBe('it is not a JSON object')
    expect(whyNot('{"auths":{"h":{"auth":5}}}')).toBe(
      'auths "h" auth is not of the type docker takes'
    )
    expect(whyNot('{"auths":{"h":{"auth":"not base64!"}}}')).toBe(
      'the auth of auths entry "h" is not base64 of NAME:PASSWORD'
    )
    expect(whyNot('{"auths":[]}')).toBe('auths is not of the type docker takes')
    expect(whyNot('{"psFormat":5}')).toBe('psFormat is not of the type docker takes')
    expect(whyNot('{"credHelpers":{"h":1}}')).toBe(
      'credHelpers "h" is not of the type docker takes'
    )
    expect(whyNot('{"proxies":{"default":{"httpProxy":1}}}')).toBe(
      'proxies is not of the type docker takes'
    )
  })

  test('what docker reads as empty, or reads and ignores', () => {
    for (const text of ['', ' \n\t', 'null']) expect(read(text).auths.size).toBe(0)
    expect(readDockerConfig(undefined)).toEqual({ ok: true, config: expect.anything() })
    // the first value only; an unknown member of any type
    expect(read(`{"auths":{"h":{"auth":"${AUTH}"}}} trailing {`).auths.get('h')?.username).toBe(
      'alice'
    )
    expect(whyNot('{"unknownThing":[1,{"x":2}],"currentContext":null}')).toBe('read')
  })

  test('member names matched as Go does: exactly, else case-folded (ſ and K too)', () => {
    for (const name of ['auths', 'AUTHS', 'Auths', 'authſ']) {
      expect(read(`{"${name}":{"h":{"AUTH":"${AUTH}"}}}`).auths.get('h')).toEqual({
        username: 'alice',
        password: 'hers',
        identityToken: '',
        registryToken: ''
      })
    }
    expect(read('{"CREDSSTORE":"desktop"}').credsStore).toBe('desktop')
    expect(read('{"auths":{"h":{"identityToken":"t"}}}').auths.get('h')?.identityToken).toBe('t')
    expect(read('{"auths":{"h":{"Username":"u","PASSWORD":"p"}}}').auths.get('h')).toMatchObject({
      username: 'u',
      password: 'p'
    })
  })

  test('duplicates: a second auths merges into the first; the last of an address wins', () => {
    const merged = read(`{"auths":{"a":{"auth":"${AUTH}"}},"AUTHS":{"b":{}}}`)
    expect([...merged.auths.keys()]).toEqual(['a', 'b'])
    expect(JSON.parse(`{"auths":{"a":{"auth":"${AUTH}"}},"auths":{}}`)).toEqual({ auths: {} })
    expect(read(`{"auths":{"a":{"auth":"${AUTH}"}},"auths":{}}`).auths.get('a')?.username).toBe(
      'alice'
    )
    expect(read(`{"auths":{"a":{"auth":"${AUTH}"},"a":{}}}`).auths.get('a')?.username).toBe('')
    expect(read(`{"auths":{"a":{"auth":"${AUTH}"}},"auths":null}`).auths.size).toBe(0)
  })

  test("docker's decodeAuth: standard base64 (line breaks ignored), NAME:PASSWORD", () => {
    expect(decodeAuth(`${AUTH}\n`)).toEqual({ username: 'alice', password: 'hers' })
    expect(decodeAuth(Buffer.from('u:p\0\0').toString('base64'))).toEqual({
      username: 'u',
      password: 'p'
    })
    expect(decodeAuth(Buffer.from(':p').toString('base64'))).toBeUndefined()
    expect(decodeAuth(Buffer.from('nocolon').toString('base64'))).toBeUndefined()
    expect(decodeAuth('YTpi')).toEqual({ username: 'a', password: 'b' })
    expect(decodeAuth('YTp')).toBeUndefined()
    expect(decodeAuth('YT-i')).toBeUndefined()
  })
})

describe('the spellings and stores docker takes for a host', () => {
  test.each([
    ['docker.example.com', HOST],
    ['https://docker.example.com', HOST],
    ['http://docker.example.com/', HOST],
    ['HTTPS://docker.example.com/v2/', HOST],
    ['docker.example.com/v1/', HOST],
    ['ftp://user@docker.example.com', HOST],
    ['https://docker.example.com:5000/x', 'docker.example.com:5000'],
    ['https://[::1]:5000', '[::1]:5000'],
    ['https:///path', 'https:']
  ])('%s is %s', (address, host) => {
    expect(convertToHostname(address)).toBe(host)
  })

  test('a credHelpers entry for the address (even empty: config.json), else credsStore, else the default', () => {
    const config = read(`{"credsStore":"desktop","credHelpers":{"a":"ecr","b":""}}`)
    expect(['a', 'b', 'c'].map((address) => storeFor(config, address, 'pass'))).toEqual([
      'ecr',
      '',
      'desktop'
    ])
    expect(storeFor(read('{}'), 'a', 'pass')).toBe('pass')
    expect(storeFor(read(`{"auths":{"x":{}}}`), 'a', 'pass')).toBe('')
  })

  test("the platform's default store, when its program is on PATH", () => {
    const onPath = (names: string[]) => (name: string) => names.includes(name)
    expect(defaultStore('darwin', onPath(['docker-credential-osxkeychain']))).toBe('osxkeychain')
    expect(defaultStore('win32', onPath(['docker-credential-wincred']))).toBe('wincred')
    expect(defaultStore('linux', onPath(['pass', 'docker-credential-pass']))).toBe('pass')
    expect(defaultStore('linux', onPath(['docker-credential-secretservice']))).toBe('secretservice')
    expect(defaultStore('linux', onPath(['pass', 'docker-credential-secretservice']))).toBe('')
    expect(defaultStore('darwin', onPath([]))).toBe('')
    expect(defaultStore('freebsd', () => true)).toBe('')
  })
})

describe('standing logins: anything docker would use or erase for the host', () => {
  const user = { auth: AUTH }
  test.each<[string, string]>([
    ['the host', `{"auths":{"${HOST}":{"auth":"${AUTH}"}}}`],
    ['https://HOST', `{"auths":{"https://${HOST}":{"auth":"${AUTH}"}}}`],
    ['http://HOST', `{"auths":{"http://${HOST}":{"auth":"${AUTH}"}}}`],
    ['HOST/v1/', `{"auths":{"${HOST}/v1/":{"auth":"${AUTH}"}}}`],
    ['an identitytoken', `{"auths":{"${HOST}":{"identitytoken":"t"}}}`],
    ['username and password', `{"auths":{"${HOST}":{"username":"u","password":"p"}}}`],
    ['AUTHS in capitals', `{"AUTHS":{"${HOST}":{"auth":"${AUTH}"}}}`],
    ['a duplicate auths', `{"auths":{"${HOST}":{"auth":"${AUTH}"}},"auths":{}}`],
    ['the first of a duplicate address', `{"auths":{"${HOST}":{"auth":"${AUTH}"},"${HOST}":{}}}`]
  ])('%s in config.json', (_name, text) => {
    expect(standingLogins(read(text), HOST, '', none)).toEqual([
      { kind: 'config', address: expect.stringContaining(HOST) }
    ])
  })

  test('nothing for the host, or an empty entry (docker writes one beside a store): none', () => {
    const text = JSON.stringify({ auths: { 'other.io': user, [HOST]: {}, [`${HOST}.evil`]: user } })
    expect(standingLogins(read(text), HOST, '', none)).toEqual([])
  })

  test('an entry docker would lose when it writes the file back, for any host', () => {
    const text = `{"auths":{"other.io":{"auth":"${AUTH}"}},"auths":null}`
    expect(standingLogins(read(text), HOST, '', none)).toEqual([
      { kind: 'dropped', address: 'other.io' }
    ])
  })

  test('each address docker logout erases is asked of its own store; a silent store once', () => {
    const asked: string[] = []
    const config = read(`{"credsStore":"desktop","credHelpers":{"http://${HOST}":""}}`)
    const found = standingLogins(config, HOST, '', (store, address) => {
      asked.push(`${store} ${address}`)
      return address.startsWith('https') ? { kind: 'found', answer: '{}' } : { kind: 'none' }
    })
    expect(asked).toEqual([`desktop ${HOST}`, `desktop https://${HOST}`])
    expect(found).toEqual([{ kind: 'store', store: 'desktop', address: `https://${HOST}` }])
    asked.length = 0
    const silent = standingLogins(config, HOST, '', (store, address) => {
      asked.push(`${store} ${address}`)
      return { kind: 'unknown', why: 'locked' }
    })
    expect(asked).toEqual([`desktop ${HOST}`])
    expect(silent).toEqual([{ kind: 'unknown', store: 'desktop', address: HOST, why: 'locked' }])
  })
})

describe("a credential helper's answer is never echoed", () => {
  const SECRET = 'a-standing-secret-0123456789'
  const result = (status: number | null, stdout: string, stderr = '', error?: string) => ({
    status,
    stdout,
    stderr,
    error
  })

  test('found, none (only the exact words docker takes), or unknown with the exit status', () => {
    expect(helperRead('x', result(0, '{"Secret":"s"}'))).toEqual({
      kind: 'found',
      answer: '{"Secret":"s"}'
    })
    expect(helperRead('x', result(1, 'credentials not found in native keychain\n'))).toEqual({
      kind: 'none'
    })
    expect(helperRead('x', result(null, '', '', 'did not finish within 3s'))).toEqual({
      kind: 'unknown',
      why: 'docker-credential-x get failed (did not finish within 3s)'
    })
  })

  test('a helper that prints {"Secret":"…"} and exits 3: neither output is quoted with it', () => {
    const printed = JSON.stringify({ ServerURL: HOST, Username: 'u', Secret: SECRET })
    const read = helperRead('x', result(3, printed, `${printed}\npassword=${SECRET}`))
    expect(read.kind).toBe('unknown')
    const why = read.kind === 'unknown' ? read.why : ''
    expect(why).toMatch(
      /^docker-credential-x get failed \(exit code 3\) and said on its error output: /
    )
    expect(why).not.toContain(SECRET)
    expect(why).not.toContain(SECRET.slice(0, 16))
  })

  test('error output: the last lines, pieces of known secrets and JWTs cut, bounded', () => {
    const key = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS1rZXk'
    expect(saidOnStderr('')).toBe('')
    expect(saidOnStderr('progress\nmore\nError: 401 Unauthorized')).toBe(
      ' and said on its error output: more / Error: 401 Unauthorized'
    )
    const said = saidOnStderr(`debug: sent ${key.slice(-30)} and ${key}`, [key])
    expect(said).not.toContain(key.slice(-30, -10))
    expect(said).not.toContain('eyJ')
    expect(saidOnStderr('x'.repeat(5000)).length).toBeLessThan(400)
  })
})

describe("Go's JSON reader, in the corners docker's config can reach", () => {
  const value = (text: string) => parseGoJson(text)
  test('strings: every escape, surrogate pairs, a lone surrogate as U+FFFD', () => {
    expect(value(String.raw`"\"\\\/\b\f\n\r\t\u0041\ud83d\ude00\ud800x\udc00"`)).toEqual({
      kind: 'string',
      value: '"\\/\b\f\n\r\tA\u{1f600}\ufffdx\ufffd'
    })
  })

  test('numbers, literals, arrays and nesting', () => {
    expect(value(' [-1.5e+3, 0, true, false, null, {}, []] ')).toEqual({
      kind: 'array',
      items: [
        { kind: 'number' },
        { kind: 'number' },
        { kind: 'bool' },
        { kind: 'bool' },
        { kind: 'null' },
        { kind: 'object', members: [] },
        { kind: 'array', items: [] }
      ]
    })
    expect(value('{"a":1} {')).toEqual({ kind: 'object', members: [['a', { kind: 'number' }]] })
    expect(value('')).toBeUndefined()
  })

  test.each([
    ['tru', 'invalid character at character 1'],
    ['{"a":01}', "expected ',' or '}' at character 7"],
    ['{"a" 1}', "expected ':' at character 6"],
    ['{a:1}', 'expected a member name at character 2'],
    ['[1 2]', "expected ',' or ']' at character 4"],
    ['"a\u0001"', 'control character in string at character 3'],
    [String.raw`"\x"`, 'invalid escape at character 2'],
    [String.raw`"\u12"`, 'invalid \\u escape at character 2'],
    ['"abc', 'unterminated string at character 5'],
    ['{"a":', 'unexpected end at character 6'],
    ['"a', 'unterminated string at character 3']
  ])('%s is refused: %s', (text, message) => {
    expect(() => value(text)).toThrow(new SyntaxError(message))
  })

  test('nesting deeper than 1000 is refused, not a stack overflow', () => {
    expect(() => value('['.repeat(1002))).toThrow(
      new SyntaxError('nesting too deep at character 1002')
    )
    expect(whyNot(`{"auths":${'['.repeat(5000)}`)).toBe(
      'it is not JSON as docker reads it: nesting too deep at character 1010'
    )
  })
})

describe("docker's ConfigFile types", () => {
  test.each([
    ['{"pruneFilters":["a",null],"plugins":{"p":{"k":"v"},"q":null},"aliases":null}', 'read'],
    ['{"proxies":{"default":{"httpProxy":"x","unknown":5},"none":null}}', 'read'],
    ['{"credsStore":null,"credHelpers":{"h":null},"auths":{"h":null,"i":{"x":5}}}', 'read'],
    ['{"cliPluginsExtraDirs":"x"}', 'cliPluginsExtraDirs is not of the type docker takes'],
    ['{"plugins":{"p":{"k":1}}}', 'plugins is not of the type docker takes'],
    ['{"proxies":{"default":"x"}}', 'proxies is not of the type docker takes'],
    ['{"features":[]}', 'features is not of the type docker takes'],
    ['{"credsStore":5}', 'credsStore is not of the type docker takes'],
    ['{"credHelpers":"x"}', 'credHelpers is not of the type docker takes'],
    ['{"auths":{"h":5}}', 'auths "h" is not of the type docker takes']
  ])('%s: %s', (text, why) => {
    expect(whyNot(text)).toBe(why)
  })

  test('credHelpers: null leaves none; an entry null is config.json', () => {
    expect(read('{"credHelpers":{"h":"x"},"credHelpers":null}').credHelpers).toBeUndefined()
    expect(read('{"credsStore":"s","credHelpers":{"h":null}}').credHelpers?.get('h')).toBe('')
  })
})

describe('refusals carry their own cause and fix', () => {
  test('each refusal, then any input problems with the advice for a typo', () => {
    const error = new RegistriesRefusedError(
      ["Input 'registries' line 2 (npm x): bad scope"],
      [{ problem: 'line 1: a standing login', cause: 'an earlier login', fix: 'log out first' }]
    )
    expect(error.problems).toEqual([
      "Input 'registries' line 2 (npm x): bad scope",
      'line 1: a standing login'
    ])
    const { title, lines } = refusalLines(error)
    expect(title.text).toBe('Package manager not configured')
    expect(lines.map((line) => line.text)).toEqual([
      'The registries input cannot be applied on this machine as it stands; nothing was sent anywhere and nothing was changed.',
      '- line 1: a standing login',
      '  Likely cause: an earlier login',
      '  Fix: log out first',
      "The step's inputs also have problems:",
      "- Input 'registries' line 2 (npm x): bad scope",
      "Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).",
      "Fix: correct the 'with:' values of this step."
    ])
    expect(refusalLines(new RegistriesRefusedError([], error.refusals)).lines).toHaveLength(4)
  })
})
