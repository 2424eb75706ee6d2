/**
 * The GitHub ID token: fetching it (core.getIDToken, wrapped in a per-attempt deadline and our
 * retry policy), reading its claims, and getting a fresh one when the old is about to expire.
 */
import { errorMessage } from './error-message.js'
import { decodeJwt, type JWTPayload } from 'jose'
import { excerpt } from './redact.js'
import { withDeadline } from './deadline.js'
import { RETRYABLE_STATUSES, TransientError } from './retry.js'
import { finalTransportFault, TransportRefusedError } from './transport-fault.js'

/** core.getIDToken, or a stand-in with the same contract. */
export type IdTokenSource = (audience?: string) => Promise<string>

export interface IdToken {
  readonly value: string
  readonly claims: JWTPayload
  /** Milliseconds since the epoch; undefined when the token has no numeric exp. */
  readonly expiresAtMs: number | undefined
}

/** GitHub answered, but not with a usable token, or refused for a reason a retry cannot change. */
export class IdTokenError extends Error {
  override readonly name = 'IdTokenError'
}

/** The retry policy's name for getting the ID token. */
export const ID_TOKEN_OPERATION = 'Getting the GitHub ID token'

/** A fresh ID token is fetched when the current one has less than this left. */
const ID_TOKEN_REFRESH_MARGIN_MS = 60_000

function readIdToken(value: string): IdToken {
  let claims: JWTPayload
  try {
    claims = decodeJwt(value)
  } catch (error) {
    throw new IdTokenError(
      `GitHub returned an ID token that is not a readable JWT (${excerpt(String(error), [value])}).`
    )
  }
  return {
    value,
    claims,
    expiresAtMs: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined
  }
}

/**
 * One attempt at getting an ID token, with a deadline. core.getIDToken neither times out nor
 * retries network errors (its HTTP client retries 502, 503 and 504 itself, quickly); its errors
 * carry the HTTP status as "Error Code : N". Network errors and the statuses in
 * RETRYABLE_STATUSES are worth another attempt; any other status is final.
 */
export async function fetchIdToken(
  source: IdTokenSource,
  audience: string | undefined,
  timeoutMs: number,
  /** Credentials the action holds (the runner's request token, say), cut from error texts. */
  secrets: readonly string[] = []
): Promise<IdToken> {
  const request = audience === undefined ? source() : source(audience)
  const value = await withDeadline(
    request.catch((error: unknown) => Promise.reject(classifySourceError(error, secrets))),
    timeoutMs,
    () => new TransientError(`GitHub's ID token service gave no token within ${timeoutMs / 1000}s`)
  )
  return readIdToken(value)
}

function classifySourceError(error: unknown, secrets: readonly string[]): Error {
  const raw = errorMessage(error).replace(/\s+/g, ' ')
  const code = /Error Code\s*:\s*(\d{3})/.exec(raw)?.[1]
  // core wraps a network error as "... Error Code : undefined Error Message: <the error>"
  const inner = code === undefined ? /Error Message:\s*(.+)$/.exec(raw)?.[1] : undefined
  const message = excerpt(inner ?? raw, secrets)
  const status = code === undefined ? undefined : Number(code)
  // an untrusted certificate or a proxy refusing the tunnel: final
  const fault = finalTransportFault(inner ?? raw)
  if (fault) {
    return new TransportRefusedError(fault, undefined, `getting the ID token failed: ${message}`, {
      cause: error
    })
  }
  if (/do not have ID Token field/i.test(message)) {
    return new IdTokenError(`GitHub's ID token service answered without a token: ${message}`)
  }
  if (status !== undefined && !RETRYABLE_STATUSES.has(status)) {
    return new IdTokenError(`GitHub's ID token service refused the request (${status}): ${message}`)
  }
  // no status (a network error) or a retryable one
  return new TransientError(`getting the ID token failed: ${message}`, undefined, { cause: error })
}

/**
 * Hands out the current ID token, fetching a new one when none is held or the held one is near
 * expiry: less than `marginMs` left, or less than half its lifetime for a token shorter-lived than
 * twice the margin. How long it lives is its own `exp` - `iat`, counted on this runner's clock
 * from when it was asked for (no later than it was issued): a runner whose clock is off still
 * renews in time, where comparing that clock with `exp` would renew too late or on every call.
 * A token without a numeric `iat` is judged by `exp` against this clock.
 */
export function idTokenKeeper(
  fetch: () => Promise<IdToken>,
  now: () => number,
  marginMs = ID_TOKEN_REFRESH_MARGIN_MS
): { current(): Promise<IdToken> } {
  let held: { token: IdToken; refreshAtMs: number } | undefined
  return {
    async current() {
      if (!held || now() >= held.refreshAtMs) {
        const askedAtMs = now()
        const token = await fetch()
        held = { token, refreshAtMs: refreshTime(token, askedAtMs, marginMs) }
      }
      return held.token
    }
  }
}

/**
 * When to get a new token, on this runner's clock: the ID token here, and the helpers' cached
 * Cloudsmith key (src/refresh/), which is a JWT with `exp` and `iat` too.
 */
export function refreshTime(
  token: Pick<IdToken, 'claims' | 'expiresAtMs'>,
  askedAtMs: number,
  marginMs: number
): number {
  const iat = token.claims.iat
  if (token.expiresAtMs === undefined) return Infinity
  const lifetimeMs =
    typeof iat === 'number' ? token.expiresAtMs - iat * 1000 : token.expiresAtMs - askedAtMs
  const expiresLocallyAtMs = typeof iat === 'number' ? askedAtMs + lifetimeMs : token.expiresAtMs
  return expiresLocallyAtMs - Math.min(marginMs, lifetimeMs / 2)
}
