/**
 * A strict fake of Cloudsmith's API on 127.0.0.1 for the OIDC exchange (`POST /openid/{org}/`)
 * and "who am I" (`GET /user/self/`), each at the root and under `/v1/`, as Cloudsmith answers
 * them (anything else, `/v1/v1/...` included, is a 404). It verifies an exchange as Cloudsmith documents (JWKS
 * signature, provider URL = iss, exp/nbf, required claims with `*` wildcards, linked service
 * account) and refuses with one generic 401 whatever the cause, while recording the cause for
 * tests. It can rate-limit and inject faults, and it records every request.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SignJWT, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose'
import {
  type LocalServer,
  headerRecord,
  readBody,
  sendJson,
  startLocalServer
} from './local-server.js'

/** The exchange, at the API root or under /v1/; the organization is the capture. */
export const EXCHANGE_PATH = /^(?:\/v1)?\/openid\/([^/]+)\/$/
/** "Who am I", at the API root or under /v1/. */
export const USER_SELF_PATH = /^(?:\/v1)?\/user\/self\/$/

/** An OIDC provider configured in a Cloudsmith organization. */
export interface ProviderConfig {
  /** Must equal the token's `iss`. */
  providerUrl: string
  /** Claim name to required value; a value ending in `*` is a prefix match. */
  requiredClaims: Record<string, string>
  /** Service account slugs this provider may act as. */
  serviceAccounts: string[]
}

export interface FakeCloudsmithOptions {
  /** Where signing keys come from; an `OidcIssuer` fits. */
  issuer: { jwksUri: string; issuer: string }
  /** Organization slug (default `acme`). */
  org?: string
  /**
   * Providers of the organization. Default: one with providerUrl = issuer.issuer, required
   * claim `repository_owner: octo-org`, service account `ci-bot`.
   */
  providers?: ProviderConfig[]
  /** Lifetime of issued API keys (default 5400 s: Cloudsmith documents about 90 minutes). */
  tokenLifetimeSeconds?: number
  /** At most this many exchanges per fixed 1-second window; unlimited when absent. */
  rateLimitPerSecond?: number
  /** Leeway for exp/nbf in seconds (default 0). */
  clockToleranceSeconds?: number
  /** Clock in milliseconds (default Date.now); used for windows, issued and checked tokens. */
  now?: () => number
}

/** Why an exchange was refused; never told to the client. */
export type RefusalReason =
  | 'invalid-body'
  | 'unknown-org'
  | 'malformed-token'
  | 'unknown-issuer'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'service-not-linked'
  | `claim-mismatch:${string}`

/** What the fake did with a request. */
export interface Outcome {
  status?: number
  /** Set when a fault answered instead of the normal logic. */
  fault?: FaultKind
  reason?: RefusalReason
  /** The API key handed out, also by the `not-a-jwt` and `expired-token` faults. */
  token?: string
  throttled?: boolean
}

export interface RecordedRequest {
  id: number
  time: number
  /** The listener that got it: `primary`, or `redirect-target` for the second host. */
  listener: 'primary' | 'redirect-target'
  method: string
  path: string
  headers: Record<string, string>
  rawBody: string
  /** Parsed JSON body, undefined when absent or not JSON. */
  body: unknown
  outcome: Outcome
}

export type FaultKind =
  | 500
  | 502
  | 503
  | 504
  | 'throttle'
  | 'hang'
  | 'reset'
  | 'truncated-json'
  | 'slow-body'
  | 'huge-body'
  | 'redirect'
  | 'no-token'
  | 'not-a-jwt'
  | 'expired-token'
  | 'ok-200'
  | 'answer'

export interface FaultOptions {
  /** How many requests it applies to (default 1; Infinity for all). */
  times?: number
  /** Which endpoint (default `exchange`). */
  endpoint?: 'exchange' | 'user-self'
  /** `throttle`: the Retry-After header value (default '2'). */
  retryAfter?: string
  /** `slow-body`: spread the (otherwise normal) answer over this many ms (default 3000). */
  durationMs?: number
  /** `huge-body`: body size in bytes (default 5 MiB). */
  bytes?: number
  /**
   * `huge-body`: status (default 500, HTML); 201 sends JSON with a real token and padding.
   * `answer`: the status to answer with (default 500).
   */
  status?: number
  /** `answer`: the body, sent as it is (default empty). */
  body?: string
  /** `answer`: Content-Type (default application/json when the body parses as JSON, else HTML). */
  contentType?: string
  /** `answer`: more headers (e.g. Retry-After). */
  headers?: Record<string, string>
  /** `answer`: a credential the body holds, recorded as handed out (`outcome.token`) for leak checks. */
  token?: string
  /**
   * `answer`: the body made from the credential the request carries (the ID token of an exchange,
   * the X-Api-Key of `user-self`), as a server or proxy that echoes the request would; `body` is
   * ignored then.
   */
  echo?: (credential: string) => string
  /** `answer`: more headers made from that credential, as `echo` makes the body. */
  echoHeaders?: (credential: string) => Record<string, string>
  /** `answer`: send the body as UTF-16 (little-endian, no byte-order mark) instead of UTF-8. */
  utf16?: boolean
  /** `redirect`: 302 or 307 (default 307). */
  redirectStatus?: 302 | 307
  /** `redirect`: Location (default: same path on the second listener, another host). */
  location?: string
}

export interface FakeCloudsmith {
  /** Base URL for the action's `api-url`. */
  url: string
  /** Base URL of the second listener (127.0.0.2 when available), target of redirects. */
  otherHostUrl: string
  org: string
  providers: ProviderConfig[]
  /** Every request, in arrival order. */
  requests: RecordedRequest[]
  /** The exchange requests (`POST /openid/...`). */
  exchanges(): RecordedRequest[]
  /** Refusal reasons of exchanges, in order. */
  reasons(): RefusalReason[]
  /** API keys handed out and still known. */
  issuedTokens(): string[]
  /** Makes the next requests to an endpoint answer with a fault. */
  fault(kind: FaultKind, options?: FaultOptions): void
  /** Sets or removes (undefined) the exchange rate limit. */
  setRateLimit(perSecond: number | undefined): void
  /** Clears faults, recorded requests, rate-limit windows; keeps config and issued keys. */
  reset(): void
  close(): Promise<void>
}

/** The one refusal body, whatever went wrong. */
export const GENERIC_REFUSAL = {
  detail: 'Authentication credentials were not provided or are invalid.'
}

interface PendingFault extends FaultOptions {
  kind: FaultKind
  remaining: number
}

/** Starts the fake on 127.0.0.1 (and a second listener for redirect targets). */
export async function startFakeCloudsmith(options: FakeCloudsmithOptions): Promise<FakeCloudsmith> {
  const now = options.now ?? Date.now
  const org = options.org ?? 'acme'
  const providers: ProviderConfig[] = options.providers ?? [
    {
      providerUrl: options.issuer.issuer,
      requiredClaims: { repository_owner: 'octo-org' },
      serviceAccounts: ['ci-bot']
    }
  ]
  const lifetime = options.tokenLifetimeSeconds ?? 5400
  const tolerance = options.clockToleranceSeconds ?? 0
  // jose gives up on a key-set fetch after 5 s by default; on a loaded 2-core machine (the load
  // test's 200 processes) the local issuer can take longer, and a timeout would read as a bad
  // signature: a false 401. Cloudsmith's own fetch is not what these tests measure.
  const jwks = createRemoteJWKSet(new URL(options.issuer.jwksUri), { timeoutDuration: 120_000 })
  const signingKey = new Uint8Array(randomBytes(32))
  const issued = new Map<string, { serviceSlug: string; exp: number }>()
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  let faults: PendingFault[] = []
  let rateLimit = options.rateLimitPerSecond
  let window = { start: 0, count: 0 }

  const servers: LocalServer[] = []
  const primary = await startLocalServer((q, s) => handle(q, s, 'primary'))
  servers.push(primary)
  let other: LocalServer
  try {
    other = await startLocalServer((q, s) => handle(q, s, 'redirect-target'), '127.0.0.2')
  } catch {
    other = await startLocalServer((q, s) => handle(q, s, 'redirect-target'))
    other.url = `http://localhost:${other.port}`
  }
  servers.push(other)

  const issueToken = async (serviceSlug: string, expired = false): Promise<string> => {
    const seconds = Math.floor(now() / 1000)
    const exp = expired ? seconds - 60 : seconds + lifetime
    const token = await new SignJWT({ org })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(primary.url)
      .setSubject(serviceSlug)
      .setIssuedAt(expired ? seconds - lifetime : seconds)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(signingKey)
    issued.set(token, { serviceSlug, exp })
    return token
  }

  const rateHeaders = (): Record<string, string> => {
    const start = Math.floor(now() / 1000) * 1000
    if (window.start !== start) window = { start, count: 0 }
    const limit = rateLimit ?? 3600
    return {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)),
      'X-RateLimit-Reset': String(start / 1000 + 1),
      'X-RateLimit-Interval': '1'
    }
  }

  /** Checks an exchange as Cloudsmith does; returns the service slug or the refusal reason. */
  const verify = async (
    requestOrg: string,
    body: unknown,
    contentType: string
  ): Promise<{ serviceSlug: string } | { reason: RefusalReason }> => {
    if (!contentType.includes('application/json') || typeof body !== 'object' || body === null) {
      return { reason: 'invalid-body' }
    }
    const { oidc_token: idToken, service_slug: serviceSlug } = body as Record<string, unknown>
    if (typeof idToken !== 'string' || idToken === '' || typeof serviceSlug !== 'string') {
      return { reason: 'invalid-body' }
    }
    if (serviceSlug === '') return { reason: 'invalid-body' }
    if (requestOrg !== org) return { reason: 'unknown-org' }
    let iss: unknown
    try {
      iss = decodeJwt(idToken).iss
    } catch {
      return { reason: 'malformed-token' }
    }
    const provider = providers.find((candidate) => candidate.providerUrl === iss)
    if (provider === undefined) return { reason: 'unknown-issuer' }
    let claims: Record<string, unknown>
    try {
      const verified = await jwtVerify(idToken, jwks, {
        issuer: provider.providerUrl,
        clockTolerance: tolerance,
        currentDate: new Date(now()),
        algorithms: ['RS256']
      })
      claims = verified.payload as Record<string, unknown>
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { reason: 'expired' }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
        return { reason: 'not-yet-valid' }
      }
      return { reason: 'bad-signature' }
    }
    for (const [name, expected] of Object.entries(provider.requiredClaims)) {
      if (!claimMatches(claims[name], expected)) return { reason: `claim-mismatch:${name}` }
    }
    if (!provider.serviceAccounts.includes(serviceSlug)) return { reason: 'service-not-linked' }
    return { serviceSlug }
  }

  const exchange = async (
    requestOrg: string,
    record: RecordedRequest,
    response: ServerResponse,
    status = 201
  ): Promise<void> => {
    const headers = rateHeaders()
    if (rateLimit !== undefined && window.count >= rateLimit) {
      const wait = Math.max(1, Math.ceil((window.start + 1000 - now()) / 1000))
      record.outcome = { status: 429, throttled: true }
      sendJson(
        response,
        429,
        { detail: `Request was throttled. Expected available in ${wait} seconds.` },
        { ...headers, 'Retry-After': String(wait) }
      )
      return
    }
    window.count++
    const contentType = record.headers['content-type'] ?? ''
    const checked = await verify(requestOrg, record.body, contentType)
    const after = rateHeaders()
    if ('reason' in checked) {
      record.outcome = { status: 401, reason: checked.reason }
      sendJson(response, 401, GENERIC_REFUSAL, after)
      return
    }
    const token = await issueToken(checked.serviceSlug)
    record.outcome = { status, token }
    sendJson(response, status, { token }, after)
  }

  const userSelf = (record: RecordedRequest, response: ServerResponse): void => {
    const bearer = /^Bearer (.+)$/i.exec(record.headers['authorization'] ?? '')?.[1]
    const key = record.headers['x-api-key'] ?? bearer ?? ''
    const known = issued.get(key)
    const valid = known !== undefined && known.exp > now() / 1000
    record.outcome = { status: 200 }
    if (!valid || known === undefined) {
      sendJson(response, 200, { authenticated: false }, rateHeaders())
      return
    }
    sendJson(
      response,
      200,
      {
        authenticated: true,
        slug: known.serviceSlug,
        slug_perm: known.serviceSlug.replace(/-/g, '').slice(0, 12),
        name: `${known.serviceSlug} (service account)`,
        email: `${known.serviceSlug}@${org}.service.invalid`,
        self_url: `${primary.url}/v1/users/profile/${known.serviceSlug}/`
      },
      rateHeaders()
    )
  }

  const takeFault = (endpoint: 'exchange' | 'user-self'): PendingFault | undefined => {
    const index = faults.findIndex((fault) => (fault.endpoint ?? 'exchange') === endpoint)
    const fault = faults[index]
    if (fault === undefined) return undefined
    if (--fault.remaining <= 0) faults.splice(index, 1)
    return fault
  }

  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      action()
    }, ms)
    timers.add(timer)
  }

  const answerFault = async (
    fault: PendingFault,
    requestOrg: string,
    record: RecordedRequest,
    response: ServerResponse
  ): Promise<void> => {
    record.outcome = { fault: fault.kind }
    const kind = fault.kind
    if (typeof kind === 'number') {
      record.outcome.status = kind
      sendHtml(response, kind, `<html><body><h1>${kind} Server Error</h1></body></html>`)
    } else if (kind === 'throttle') {
      record.outcome.status = 429
      const retryAfter = fault.retryAfter ?? '2'
      sendJson(
        response,
        429,
        { detail: `Request was throttled. Expected available in ${retryAfter} seconds.` },
        { ...rateHeaders(), 'Retry-After': retryAfter }
      )
    } else if (kind === 'hang') {
      // Never answer; close() destroys the connection.
    } else if (kind === 'reset') {
      response.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '400' })
      response.write('{"token": "eyJhbGciOi')
      later(20, () => response.socket?.destroy())
    } else if (kind === 'truncated-json') {
      record.outcome.status = 201
      const text = `{"token": "${(await issueToken('truncated')).slice(0, 40)}`
      response.writeHead(201, {
        'Content-Type': 'application/json',
        'Content-Length': String(text.length)
      })
      response.end(text)
    } else if (kind === 'slow-body') {
      await slowAnswer(fault, requestOrg, record, response)
    } else if (kind === 'huge-body') {
      const bytes = fault.bytes ?? 5 * 1024 * 1024
      const status = fault.status ?? 500
      record.outcome.status = status
      if (status === 201) {
        const head = `{"token": "${await issueToken('huge')}", "padding": "`
        sendRaw(response, status, 'application/json', head + 'x'.repeat(bytes) + '"}')
      } else {
        sendHtml(response, status, `<html><body>${'<p>error</p>'.repeat(bytes / 12)}</body></html>`)
      }
    } else if (kind === 'redirect') {
      const status = fault.redirectStatus ?? 307
      record.outcome.status = status
      response.writeHead(status, { Location: fault.location ?? `${other.url}${record.path}` })
      response.end()
    } else if (kind === 'no-token') {
      record.outcome.status = 201
      sendJson(response, 201, { detail: 'created' })
    } else if (kind === 'not-a-jwt') {
      const token = randomBytes(20).toString('hex')
      record.outcome = { ...record.outcome, status: 201, token }
      sendJson(response, 201, { token })
    } else if (kind === 'answer') {
      const status = fault.status ?? 500
      const credential =
        typeof (record.body as { oidc_token?: unknown } | undefined)?.oidc_token === 'string'
          ? (record.body as { oidc_token: string }).oidc_token
          : (record.headers['x-api-key'] ?? '')
      const body = fault.echo ? fault.echo(credential) : (fault.body ?? '')
      record.outcome = { ...record.outcome, status }
      if (fault.token !== undefined) record.outcome.token = fault.token
      let json = true
      try {
        JSON.parse(body)
      } catch {
        json = false
      }
      const type = fault.contentType ?? (json ? 'application/json' : 'text/html; charset=utf-8')
      const bytes = Buffer.from(body, fault.utf16 ? 'utf16le' : 'utf8')
      response.writeHead(status, {
        ...fault.headers,
        ...fault.echoHeaders?.(credential),
        'Content-Type': type,
        'Content-Length': String(bytes.length)
      })
      response.end(bytes)
    } else if (kind === 'expired-token') {
      const token = await issueToken('expired', true)
      record.outcome = { ...record.outcome, status: 201, token }
      sendJson(response, 201, { token })
    } else {
      await exchange(requestOrg, record, response, 200)
      record.outcome.fault = kind
    }
  }

  /** Computes the normal answer, then trickles it out over `durationMs`. */
  const slowAnswer = async (
    fault: PendingFault,
    requestOrg: string,
    record: RecordedRequest,
    response: ServerResponse
  ): Promise<void> => {
    const captured = captureResponse()
    await exchange(requestOrg, record, captured.response)
    record.outcome.fault = 'slow-body'
    const body = captured.body()
    response.writeHead(captured.status(), {
      ...captured.headers(),
      'Content-Length': String(body.length)
    })
    const steps = Math.max(1, Math.min(body.length, 20))
    const size = Math.ceil(body.length / steps)
    const interval = (fault.durationMs ?? 3000) / steps
    for (let index = 0; index < steps; index++) {
      const chunk = body.subarray(index * size, (index + 1) * size)
      later(interval * (index + 1), () => {
        if (response.destroyed) return
        if (index === steps - 1) response.end(chunk)
        else response.write(chunk)
      })
    }
  }

  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    listener: RecordedRequest['listener']
  ): Promise<void> => {
    const rawBody = await readBody(request)
    const path = new URL(request.url ?? '/', 'http://fake').pathname
    let body: unknown
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody)
    } catch {
      body = undefined
    }
    const record: RecordedRequest = {
      id: requests.length + 1,
      time: now(),
      listener,
      method: request.method ?? '',
      path,
      headers: headerRecord(request),
      rawBody,
      body,
      outcome: {}
    }
    requests.push(record)

    // Cloudsmith's API answers at its root and under /v1/ alike
    const exchangeMatch = EXCHANGE_PATH.exec(path)
    if (exchangeMatch !== null && request.method === 'POST') {
      const requestOrg = decodeURIComponent(exchangeMatch[1] ?? '')
      const fault = takeFault('exchange')
      if (fault !== undefined) await answerFault(fault, requestOrg, record, response)
      else await exchange(requestOrg, record, response)
      return
    }
    if (USER_SELF_PATH.test(path) && request.method === 'GET') {
      const fault = takeFault('user-self')
      if (fault !== undefined) await answerFault(fault, '', record, response)
      else userSelf(record, response)
      return
    }
    record.outcome = { status: 404 }
    sendJson(response, 404, { detail: 'Not found.' })
  }

  return {
    url: primary.url,
    otherHostUrl: other.url,
    org,
    providers,
    requests,
    exchanges: () => requests.filter((r) => r.method === 'POST' && EXCHANGE_PATH.test(r.path)),
    reasons: () =>
      requests.flatMap((r) => (r.outcome.reason === undefined ? [] : [r.outcome.reason])),
    issuedTokens: () => [...issued.keys()],
    fault: (kind, faultOptions = {}) => {
      faults.push({ ...faultOptions, kind, remaining: faultOptions.times ?? 1 })
    },
    setRateLimit: (perSecond) => {
      rateLimit = perSecond
    },
    reset: () => {
      faults = []
      requests.length = 0
      window = { start: 0, count: 0 }
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await Promise.all(servers.map((server) => server.close()))
    }
  }
}

/** Required-claim rule: equal as text, or a prefix match for a value ending in `*`. */
export function claimMatches(actual: unknown, expected: string): boolean {
  const values = Array.isArray(actual) ? actual : [actual]
  return values.some((value) => {
    if (value === undefined || value === null || typeof value === 'object') return false
    const text = String(value)
    return expected.endsWith('*') ? text.startsWith(expected.slice(0, -1)) : text === expected
  })
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  sendRaw(response, status, 'text/html; charset=utf-8', html)
}

function sendRaw(response: ServerResponse, status: number, type: string, text: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(text))
  })
  response.end(text)
}

/** A stand-in ServerResponse that keeps what would be sent, for replaying it slowly. */
function captureResponse(): {
  response: ServerResponse
  status(): number
  headers(): Record<string, string>
  body(): Buffer
} {
  let status = 200
  let headers: Record<string, string> = {}
  let body = Buffer.alloc(0)
  const fake = {
    writeHead(code: number, values: Record<string, string> = {}) {
      status = code
      headers = { ...values }
      return fake
    },
    end(text?: string) {
      if (text !== undefined) body = Buffer.from(text)
      return fake
    }
  }
  return {
    response: fake as unknown as ServerResponse,
    status: () => status,
    headers: () => headers,
    body: () => body
  }
}
