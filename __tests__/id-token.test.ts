/**
 * Getting the ID token through the real core.getIDToken against a loopback token service, wrapped
 * in our deadline and retry policy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals'
import * as core from '@actions/core'
import { fetchIdToken, IdTokenError, idTokenKeeper } from '../src/id-token.js'
import { retry, RetriesExhaustedError, TransientError } from '../src/retry.js'
import { TransportRefusedError } from '../src/transport-fault.js'
import { selfSignedCertificate } from './support/certificates.js'
import { startRecordingProxy } from './support/proxy.js'
import { githubClaims, jwt } from './lib/jwt.js'
import {
  hang,
  json,
  scriptedServer,
  text,
  type ScriptedServer,
  type Step
} from './lib/scripted-server.js'

let server: ScriptedServer | undefined
const saved = { ...process.env }

beforeAll(() => {
  // core.getIDToken prints ::add-mask:: and debug lines on stdout; keep the test output readable
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterAll(() => {
  jest.restoreAllMocks()
})
afterEach(async () => {
  await server?.close()
  server = undefined
  process.env = { ...saved }
})

async function tokenService(...steps: Step[]): Promise<ScriptedServer> {
  server = await scriptedServer(steps)
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${server.url}/token?api-version=2.0`
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
  return server
}

const getIDToken = (audience?: string) => core.getIDToken(audience)
const instant = { now: () => Date.now(), sleep: async () => undefined }
const policy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 }

describe('fetchIdToken with core.getIDToken', () => {
  test('asks for the audience with the request token and reads the claims', async () => {
    const value = await jwt(githubClaims)
    const s = await tokenService(json(200, { value }))
    const idToken = await fetchIdToken(getIDToken, 'https://api.cloudsmith.io', 2000)
    expect(idToken.value).toBe(value)
    expect(idToken.claims.sub).toBe('repo:acme/app:ref:refs/heads/main')
    expect(idToken.expiresAtMs! - Date.now()).toBeGreaterThan(290_000)
    expect(idToken.expiresAtMs! - Date.now()).toBeLessThanOrEqual(300_000)
    expect(s.received[0]!.url).toBe(
      '/token?api-version=2.0&audience=https%3A%2F%2Fapi.cloudsmith.io'
    )
    expect(s.received[0]!.headers.authorization).toBe('Bearer request-token')
  })

  test('no audience parameter for the default audience', async () => {
    const s = await tokenService(json(200, { value: await jwt(githubClaims) }))
    await fetchIdToken(getIDToken, undefined, 2000)
    expect(s.received[0]!.url).toBe('/token?api-version=2.0')
  })

  test('a service that never answers times out as a transient error', async () => {
    await tokenService(hang)
    const started = Date.now()
    await expect(fetchIdToken(getIDToken, undefined, 300)).rejects.toBeInstanceOf(TransientError)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  test('a 500 is transient, and the retry policy gets a token on a later attempt', async () => {
    const value = await jwt(githubClaims)
    // http-client itself retries 502/503/504 for GET; a 500 reaches us
    const s = await tokenService(text(500, 'oops'), json(200, { value }))
    const idToken = await retry(() => fetchIdToken(getIDToken, undefined, 2000), {
      operation: 'Getting the GitHub ID token',
      policy,
      clock: instant,
      random: () => 0
    })
    expect(idToken.value).toBe(value)
    expect(s.received).toHaveLength(2)
  })

  test('a 401 or 403 is final', async () => {
    for (const status of [401, 403]) {
      const s = await tokenService(json(status, { message: 'bad request token' }))
      const error = await retry(() => fetchIdToken(getIDToken, undefined, 2000), {
        operation: 'Getting the GitHub ID token',
        policy,
        clock: instant,
        random: () => 0
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IdTokenError)
      expect((error as Error).message).toContain(`refused the request (${status})`)
      expect(s.received).toHaveLength(1)
      await s.close()
    }
  })

  test('an answer without a token is final', async () => {
    await tokenService(json(200, { nothing: true }))
    await expect(fetchIdToken(getIDToken, undefined, 2000)).rejects.toBeInstanceOf(IdTokenError)
  })

  test('an answer that is not a JWT is final', async () => {
    await tokenService(json(200, { value: 'opaque' }))
    await expect(fetchIdToken(getIDToken, undefined, 2000)).rejects.toThrow(
      'GitHub returned an ID token that is not a readable JWT'
    )
  })

  test('retries stop after max attempts', async () => {
    const s = await tokenService(hang)
    const error = await retry(() => fetchIdToken(getIDToken, undefined, 200), {
      operation: 'Getting the GitHub ID token',
      policy: { ...policy, maxAttempts: 2 },
      clock: instant,
      random: () => 0
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetriesExhaustedError)
    expect(s.received).toHaveLength(2)
  })
})

describe('final transport faults on the way to the ID token service', () => {
  test('an untrusted certificate is final, not transient', async () => {
    server = await scriptedServer(
      [json(200, { value: await jwt(githubClaims) })],
      '127.0.0.1',
      selfSignedCertificate(['127.0.0.1'])
    )
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${server.url}/token?api-version=2.0`
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
    const error = await fetchIdToken(getIDToken, undefined, 2000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportRefusedError)
    expect((error as TransportRefusedError).fault).toEqual({ kind: 'tls', code: undefined })
  })

  test('a proxy asking for credentials (407) is final', async () => {
    const proxy = await startRecordingProxy({ refuse: 407 })
    try {
      process.env.HTTP_PROXY = proxy.url
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = 'http://token.actions.test/token?api-version=2.0'
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
      const error = await fetchIdToken(getIDToken, undefined, 2000).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportRefusedError)
      expect((error as TransportRefusedError).fault).toEqual({ kind: 'proxy', status: 407 })
      // http-client tunnels plain http through the proxy too
      expect(proxy.connects).toEqual(['token.actions.test:80'])
    } finally {
      await proxy.close()
    }
  })
})

describe('idTokenKeeper', () => {
  test('reuses a token until a minute before it expires', async () => {
    let now = 1_000_000_000_000
    const fetched: number[] = []
    const keeper = idTokenKeeper(
      async () => {
        fetched.push(now)
        return { value: 'v', claims: { iat: now / 1000 }, expiresAtMs: now + 300_000 }
      },
      () => now
    )
    await keeper.current()
    now += 239_000
    await keeper.current()
    expect(fetched).toHaveLength(1)
    now += 1_000
    await keeper.current()
    expect(fetched).toHaveLength(2)
  })

  test('a token living less than two minutes is refreshed at half its life', async () => {
    let now = 1_000_000_000_000
    let count = 0
    const keeper = idTokenKeeper(
      async () => {
        count++
        return { value: 'v', claims: { iat: now / 1000 }, expiresAtMs: now + 30_000 }
      },
      () => now
    )
    await keeper.current()
    now += 14_000
    await keeper.current()
    expect(count).toBe(1)
    now += 1_000
    await keeper.current()
    expect(count).toBe(2)
  })

  test('a token without iat is judged by exp on this clock; one without exp is kept', async () => {
    let now = 1_000_000_000_000
    let count = 0
    const noIat = idTokenKeeper(
      async () => {
        count++
        return { value: 'v', claims: {}, expiresAtMs: now + 300_000 }
      },
      () => now
    )
    await noIat.current()
    now += 239_000
    await noIat.current()
    expect(count).toBe(1)
    now += 1_000
    await noIat.current()
    expect(count).toBe(2)

    let kept = 0
    const noExp = idTokenKeeper(
      async () => {
        kept++
        return { value: 'v', claims: { iat: now / 1000 }, expiresAtMs: undefined }
      },
      () => now
    )
    await noExp.current()
    now += 86_400_000
    await noExp.current()
    expect(kept).toBe(1)
  })

  test.each([
    ['ten minutes ahead', 600_000],
    ['ten minutes behind', -600_000]
  ])('a runner clock %s renews by the token lifetime, not by exp', async (_name, runnerSkewMs) => {
    // the token service's clock is `issuer`; the runner's reads issuer + skew
    let issuer = 1_000_000_000_000
    const fetched: number[] = []
    const keeper = idTokenKeeper(
      async () => {
        fetched.push(issuer)
        return {
          value: 'v',
          claims: { iat: issuer / 1000 },
          expiresAtMs: issuer + 300_000
        }
      },
      () => issuer + runnerSkewMs
    )
    await keeper.current()
    await keeper.current()
    expect(fetched).toHaveLength(1) // not a new token on every call
    issuer += 239_000
    await keeper.current()
    expect(fetched).toHaveLength(1) // still fresh: a minute left
    issuer += 1_000
    await keeper.current()
    expect(fetched).toHaveLength(2) // renewed a minute before it expires
  })
})
