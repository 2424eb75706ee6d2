/**
 * The main step end to end in-process: real HTTP to a scripted Cloudsmith on 127.0.0.1, the
 * runner's side recorded. Sleeps between retries are recorded instead of waited.
 */
import { describe, expect, test } from '@jest/globals'
import { decodeJwt } from 'jose'
import { DEFAULT_API_URL } from '../src/inputs.js'
import { fingerprint, publish } from '../src/outputs.js'
import { recorder } from './lib/recorder.js'
import { USER_AGENT } from '../src/version.js'
import { cloudsmith, cloudsmithKey, expectNoLeak, run } from './lib/run-main.js'
import { hang, huge, json, resetMidBody, text, trickle } from './lib/scripted-server.js'

describe('a successful exchange', () => {
  test.each([201, 200])('answered %i: masked, output, exported, state saved', async (status) => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(status, { token: key }))
    const r = await run(server)

    expect(r.rec.failed).toBe(false)
    expect(r.rec.outputs.token).toBe(key)
    const exp = decodeJwt(key).exp as number
    expect(r.rec.outputs['expires-at']).toBe(new Date(exp * 1000).toISOString())
    // api-url is not the default: the Cloudsmith CLI gets the same host
    expect(r.rec.exported).toEqual({ CLOUDSMITH_API_KEY: key, CLOUDSMITH_API_HOST: server.url })
    expect(r.rec.state).toEqual({
      'expires-at': r.rec.outputs['expires-at'],
      exported: 'true',
      cleanup: 'true',
      'key-sha256': fingerprint(key),
      'api-host': server.url,
      // saved first, so post never reads a record an earlier step put in the environment
      registries: '{"version":1,"cleanup":false,"steps":[]}'
    })
    // the key is masked before it is used anywhere
    const firstUse = r.rec.events.findIndex((e) => e.kind !== 'setSecret' && e.text.includes(key))
    const masked = r.rec.events.findIndex((e) => e.kind === 'setSecret' && e.text === key)
    expect(masked).toBeGreaterThanOrEqual(0)
    expect(masked).toBeLessThan(firstUse)
    expectNoLeak(r, key)
  })

  test('sends what Cloudsmith expects, where it expects it', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const r = await run(server, { org: 'my.org', audience: 'https://api.cloudsmith.io' })
    expect(server.received).toHaveLength(1)
    const request = server.received[0]!
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/openid/my.org/')
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['user-agent']).toBe(USER_AGENT)
    expect(JSON.parse(request.body)).toEqual({
      oidc_token: r.idTokens[0],
      service_slug: 'ci-publisher'
    })
    expect(r.audiences).toEqual(['https://api.cloudsmith.io'])
  })

  test("an empty audience asks for GitHub's default", async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const r = await run(server)
    expect(r.audiences).toEqual([undefined])
  })

  test('the log tells the story without secrets', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(server)
    const info = r.rec.events.filter((e) => e.kind === 'info').map((e) => e.text)
    expect(info[0]).toBe(
      "Requesting a GitHub ID token for audience GitHub's default (https://github.com/<repository owner>)."
    )
    expect(info[1]).toBe(
      'Got an ID token for repo:acme/app:ref:refs/heads/main (aud https://github.com/acme).'
    )
    expect(info[2]).toBe(
      `Exchanging it at ${server.url}/openid/acme/ for service account 'ci-publisher'.`
    )
    expect(info[3]).toBe('Exported CLOUDSMITH_API_KEY for the following steps of this job.')
    expect(info[4]).toBe(
      `Exported CLOUDSMITH_API_HOST=${server.url}: the Cloudsmith CLI in later steps uses this API host too.`
    )
    expect(info[5]).toMatch(
      /^Cloudsmith API key for 'ci-publisher' in 'acme' is valid until \S+Z \((89|90) minutes\)\.$/
    )
    expect(r.rec.events.filter((e) => e.kind === 'warning')).toEqual([])
  })

  test('export-env false: output only, nothing exported, nothing for post to clear', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(server, { 'export-env': 'false' })
    expect(r.rec.outputs.token).toBe(key)
    expect(r.rec.exported).toEqual({})
    expect(r.rec.state.exported).toBeUndefined()
    expect(r.rec.state['api-host']).toBeUndefined()
  })

  test('the default api-url exports no CLOUDSMITH_API_HOST: the CLI already uses it', async () => {
    const key = await cloudsmithKey()
    const rec = recorder({})
    const expiresAt = new Date((decodeJwt(key).exp as number) * 1000)
    publish(
      { token: key, expiresAt },
      { exportEnv: true, cleanup: true, apiUrl: DEFAULT_API_URL },
      rec
    )
    expect(DEFAULT_API_URL).toBe('https://api.cloudsmith.io')
    expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: key })
    expect(rec.state['api-host']).toBeUndefined()
  })

  test('a key that lives less than 30 minutes is warned about', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey(20 * 60) }))
    const r = await run(server)
    const warnings = r.rec.events.filter((e) => e.kind === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.title).toBe('Cloudsmith key expires soon')
    expect(warnings[0]!.text).toMatch(/^The Cloudsmith key expires in 19 minutes/)
  })
})

describe('transient failures are retried', () => {
  test.each([408, 429, 500, 502, 503, 504])('%i, then success', async (status) => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(
      text(status, '<html><body>Oops</body></html>'),
      json(201, { token: key })
    )
    const r = await run(server)
    expect(server.received).toHaveLength(2)
    expect(r.rec.failed).toBe(false)
    expect(r.rec.outputs.token).toBe(key)
    expect(r.slept).toEqual([500]) // full jitter: random 0.5 of a 1 s window
    expect(
      r.rec.events.some((e) => e.kind === 'info' && e.text.includes(`answered ${status}`))
    ).toBe(true)
    expectNoLeak(r, key)
  })

  test('429 honours Retry-After in seconds, with the throttled jitter window on top', async () => {
    const server = await cloudsmith(
      json(
        429,
        { detail: 'Request was throttled. Expected available in 7 seconds.' },
        { 'Retry-After': '7' }
      ),
      json(201, { token: await cloudsmithKey() })
    )
    const r = await run(server)
    expect(r.slept).toEqual([7000 + 5000]) // random 0.5 of the 10 s throttled window
  })

  test('503 honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 10_000).toUTCString()
    const server = await cloudsmith(
      text(503, 'busy', { 'Retry-After': at }),
      json(201, { token: await cloudsmithKey() })
    )
    const r = await run(server)
    expect(r.slept).toHaveLength(1)
    expect(r.slept[0]).toBeGreaterThan(8000 + 5000)
    expect(r.slept[0]).toBeLessThanOrEqual(10_000 + 5000)
  })

  test('a connection reset mid-body, then success', async () => {
    const server = await cloudsmith(resetMidBody, json(201, { token: await cloudsmithKey() }))
    const r = await run(server)
    expect(server.received).toHaveLength(2)
    expect(r.rec.failed).toBe(false)
  })

  test('a server that never answers: each attempt times out, then a clear failure', async () => {
    const server = await cloudsmith(hang)
    const started = Date.now()
    const r = await run(server, { 'timeout-seconds': '1', 'max-attempts': '2' })
    // two 1 s deadlines (the waits are not slept); 5x margin for a loaded machine
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(server.received).toHaveLength(2)
    expect(r.rec.failed).toBe(true)
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    const host = new URL(server.url).host
    expect(fail.title).toBe(`No answer from ${host}`)
    expect(fail.text).toContain('The OpenID exchange failed after 2 attempt(s) over')
    expect(fail.text).toContain(`no complete answer from ${host} within 1s`)
    expectNoLeak(r)
  })

  test('a body that trickles past the deadline times out', async () => {
    const server = await cloudsmith(trickle(201, JSON.stringify({ token: 'x'.repeat(100) }), 50))
    const r = await run(server, { 'timeout-seconds': '1', 'max-attempts': '1' })
    expect(r.rec.failed).toBe(true)
    expect(r.rec.events.find((e) => e.kind === 'fail')!.text).toContain('no complete answer from')
  })

  test('gives up after max-attempts and says what Cloudsmith said', async () => {
    const server = await cloudsmith(json(503, { detail: 'Service temporarily unavailable.' }))
    const r = await run(server, { 'max-attempts': '3' })
    expect(server.received).toHaveLength(3)
    expect(r.slept).toEqual([500, 1000])
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    expect(fail.title).toBe('Cloudsmith unavailable (503)')
    expect(fail.text).toContain(
      'Last error: Cloudsmith answered 503: Service temporarily unavailable.'
    )
  })

  test('a fresh ID token is fetched for an attempt when the old one is near expiry', async () => {
    const server = await cloudsmith(
      text(502, 'bad gateway', { 'Retry-After': '20' }),
      json(201, { token: await cloudsmithKey() })
    )
    const r = await run(server, {}, { idTokenLifetime: 30 })
    expect(r.slept).toEqual([25_000])
    expect(r.idTokens).toHaveLength(2)
    expect(JSON.parse(server.received[0]!.body).oidc_token).toBe(r.idTokens[0])
    expect(JSON.parse(server.received[1]!.body).oidc_token).toBe(r.idTokens[1])
  })

  test('a long-lived ID token is reused across attempts', async () => {
    const server = await cloudsmith(
      text(502, 'bad gateway', { 'Retry-After': '20' }),
      json(201, { token: await cloudsmithKey() })
    )
    const r = await run(server)
    expect(r.idTokens).toHaveLength(1)
  })
})

describe('final failures are not retried', () => {
  test.each([400, 401, 403, 422])('%i: refused, with the token claims shown', async (status) => {
    const server = await cloudsmith(json(status, { detail: 'Invalid token.' }))
    const r = await run(server)
    expect(server.received).toHaveLength(1)
    expect(r.slept).toEqual([])
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    expect(fail.title).toBe('Cloudsmith refused the ID token')
    expect(fail.text).toContain(`Cloudsmith said: ${status} Invalid token.`)
    expect(fail.text).toContain("Tried: org 'acme', service account 'ci-publisher'")
    expect(fail.text).toContain('  sub                  repo:acme/app:ref:refs/heads/main')
    expect(fail.text).toContain('  environment          not in this token')
    expectNoLeak(r)
  })

  test('404: the org or the API URL is wrong', async () => {
    const server = await cloudsmith(json(404, { detail: 'Not found.' }))
    const r = await run(server)
    expect(server.received).toHaveLength(1)
    expect(r.rec.events.find((e) => e.kind === 'fail')!.title).toBe('Cloudsmith endpoint not found')
  })

  test('409 and other 4xx are final', async () => {
    const server = await cloudsmith(json(409, { error: 'conflict' }))
    const r = await run(server)
    expect(server.received).toHaveLength(1)
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    expect(fail.title).toBe('Cloudsmith answered 409')
    expect(fail.text).toContain('Cloudsmith said: 409 conflict')
  })

  test('a redirect is not followed: the ID token never reaches the other host', async () => {
    const elsewhere = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const server = await cloudsmith(
      json(307, {}, { Location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/openid/acme/` })
    )
    const r = await run(server)
    expect(server.received).toHaveLength(1)
    expect(elsewhere.received).toHaveLength(0)
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    expect(fail.title).toBe('Redirect refused')
    expect(fail.text).toContain(
      `(307 to ${new URL(elsewhere.url).host.replace('127.0.0.1', 'localhost')})`
    )
    expect(r.rec.outputs).toEqual({})
  })

  test('an oversized body is cut off and refused', async () => {
    const server = await cloudsmith(huge(5 * 1024 * 1024))
    const r = await run(server)
    expect(server.received).toHaveLength(1)
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    expect(fail.title).toBe('Answer too large')
    expect(fail.text).toContain('is larger than 65536 bytes')
  })

  test.each([
    ['{"nothing": true}', 'the JSON has no non-empty string "token"'],
    ['{"token": "not-a-jwt"}', 'its "token" is not a JWT'],
    ['{"token": "abc', 'the body is not JSON']
  ])('201 %s is a clear failure', async (body, problem) => {
    const server = await cloudsmith(json(201, body))
    const r = await run(server)
    expect(server.received).toHaveLength(1)
    const fail = r.rec.events.find((e) => e.kind === 'fail')!
    expect(fail.title).toBe('Unusable answer from Cloudsmith')
    expect(fail.text).toContain(`Cloudsmith answered 201 to the exchange, but ${problem}.`)
    expect(fail.text).not.toContain('not-a-jwt')
    expect(r.rec.outputs).toEqual({})
  })

  test('an already expired key is refused', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey(-10) }))
    const r = await run(server)
    expect(r.rec.events.find((e) => e.kind === 'fail')!.text).toContain('its token expired already')
    expect(r.rec.exported).toEqual({})
  })

  test('invalid inputs fail before any request', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(server, { org: '../admin' })
    expect(server.received).toHaveLength(0)
    expect(r.idTokens).toHaveLength(0)
    expect(r.rec.events.find((e) => e.kind === 'fail')!.title).toBe('Invalid input')
  })
})
