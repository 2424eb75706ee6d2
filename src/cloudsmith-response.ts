/**
 * Reading Cloudsmith's answers: the error text it gives (`detail`, else `error`, else the body),
 * which statuses refuse the ID token, and the token answer of the OpenID exchange.
 */
import { decodeJwt } from 'jose'
import { excerpt, visible } from './redact.js'

/** Statuses with which Cloudsmith refuses the ID token itself. */
export const REFUSED_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 422])

/** Cloudsmith answered with a status the action cannot use. */
export class CloudsmithError extends Error {
  override readonly name = 'CloudsmithError'
  constructor(
    /** What we asked, e.g. "The OpenID exchange". */
    readonly call: string,
    readonly status: number,
    /** Token-free, bounded text of what Cloudsmith said. */
    readonly said: string,
    readonly location?: string
  ) {
    super(`${call}: Cloudsmith answered ${status}: ${said}`)
  }
}

/** Cloudsmith answered success, but not with a usable token. */
export class TokenAnswerError extends Error {
  override readonly name = 'TokenAnswerError'
  constructor(
    readonly status: number,
    readonly problem: string,
    readonly said: string
  ) {
    super(`Cloudsmith answered ${status} but ${problem}. Body: ${said}`)
  }
}

/**
 * What Cloudsmith said in an error body, bounded and token-free: `detail`, else `error`, else for
 * other JSON only its shape (its values may hold a key, escaped beyond recognition), else the raw
 * body (an HTML error page, say).
 */
export function errorText(body: string, secrets: readonly string[]): string {
  const parsed = parseJson(body)
  if (parsed === undefined) return excerpt(body, secrets)
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const { detail, error } = parsed as Record<string, unknown>
    if (typeof detail === 'string') return excerpt(detail, secrets)
    if (typeof error === 'string') return excerpt(error, secrets)
  }
  return jsonShape(parsed, secrets)
}

/** The parsed body, or undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    // a UTF-8 byte-order mark before the JSON is allowed (RFC 8259 lets a parser ignore it)
    return JSON.parse(body.replace(/^\uFEFF/, '')) as unknown
  } catch {
    return undefined
  }
}

/** "JSON object with keys a, b" and the like: never a value. */
function jsonShape(value: unknown, secrets: readonly string[]): string {
  if (Array.isArray(value)) return `a JSON array of ${value.length} item(s)`
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
      .slice(0, 10)
      .map((key) => excerpt(key, secrets, 40))
    return keys.length === 0 ? 'an empty JSON object' : `a JSON object with keys ${keys.join(', ')}`
  }
  return `a JSON ${value === null ? 'null' : typeof value}`
}

export interface CloudsmithToken {
  readonly token: string
  readonly expiresAt: Date
}

/** Three base64url parts, the last may be empty: nothing else (no whitespace, no padding). */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
/**
 * What a `token` must look like to be masked: at least 20 characters of the kinds keys are made
 * of (every JWT with an `exp` is). A malformed one is masked too, as it may still be a credential;
 * anything else is not, so an answer cannot make the runner hide common words (`e`, `Cloudsmith`,
 * `a.e30.`) in the rest of the job's log.
 */
const CREDENTIAL_LIKE = /^[A-Za-z0-9+/=_.~-]{20,}$/

/**
 * The exchange's success answer: JSON with a non-empty string `token` that is a compact JWT with
 * a numeric `exp` after `nowMs`. The token's shape is decided first, printing nothing; a
 * credential-like token is passed to `mask` at once, before anything else can print it. A
 * malformed token is never printed, and masked only when it looks like a credential. Failures quote non-JSON
 * bodies, and only the shape of JSON ones.
 */
export function readTokenAnswer(
  status: number,
  body: string,
  nowMs: number,
  mask: (secret: string) => void,
  secrets: readonly string[]
): CloudsmithToken {
  const parsed = parseJson(body)
  if (parsed === undefined) {
    // a cut-off or malformed answer may still hold most of a key: quote it only when it cannot,
    // judged by the text as the log would show it (a UTF-16 body's NULs are dropped there)
    const said = /token/i.test(visible(body))
      ? `not shown: it may hold a key (${body.length} characters)`
      : excerpt(body, secrets)
    throw new TokenAnswerError(status, 'the body is not JSON', said)
  }
  const token =
    parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).token : undefined
  // a malformed token may still be a credential: its runs are cut from the shape's keys too
  const shapeSecrets = typeof token === 'string' ? [...secrets, token] : secrets
  const fail = (problem: string): TokenAnswerError =>
    new TokenAnswerError(status, problem, jsonShape(parsed, shapeSecrets))
  if (typeof token !== 'string' || token.trim() === '') {
    throw fail('the JSON has no non-empty string "token"')
  }
  // the shape first, printing nothing; then the mask, before anything can print the token
  const exp = jwtExp(token)
  if (CREDENTIAL_LIKE.test(token)) mask(token)
  if (exp === NOT_A_JWT) throw fail('its "token" is not a JWT')
  const expiresAt = new Date(typeof exp === 'number' ? exp * 1000 : NaN)
  if (Number.isNaN(expiresAt.getTime())) {
    throw fail('its token has no usable numeric "exp" claim')
  }
  if (expiresAt.getTime() > nowMs + MAX_KEY_LIFETIME_MS) {
    throw fail(
      `its token's exp (${expiresAt.toISOString()}) is not a sane date: no Cloudsmith key lives longer than ${MAX_KEY_LIFETIME_MS / 86_400_000} days`
    )
  }
  if (expiresAt.getTime() <= nowMs) {
    throw fail(
      `its token expired already (exp ${expiresAt.toISOString()}); check this machine's clock`
    )
  }
  return { token, expiresAt }
}

const NOT_A_JWT = Symbol('not a JWT')

/**
 * Cloudsmith's keys live about 90 minutes; an exp further away than this is not a date to
 * publish as expires-at (8.64e12 would read +275760-09-13).
 */
const MAX_KEY_LIFETIME_MS = 31 * 86_400_000

/** The `exp` claim of a compact JWT whose payload is a JSON object; NOT_A_JWT otherwise. */
function jwtExp(token: string): unknown {
  if (!COMPACT_JWT.test(token)) return NOT_A_JWT
  try {
    return decodeJwt(token).exp
  } catch {
    return NOT_A_JWT
  }
}
