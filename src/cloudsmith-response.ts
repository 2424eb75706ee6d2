/**
 * Reading Cloudsmith's answers: the error text it gives (`detail`, else `error`, else the body),
 * which statuses are worth another attempt, and the token answer of the OpenID exchange.
 */
import { decodeJwt } from 'jose'
import { excerpt } from './redact.js'

/** Statuses worth another attempt: timeouts, throttling and gateway trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])
/** Statuses with which Cloudsmith refuses the ID token itself. */
export const REFUSED_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 422])

/** Cloudsmith answered with a status the action cannot use. */
export class CloudsmithError extends Error {
  override readonly name = 'CloudsmithError'
  constructor(
    /** What we asked, e.g. "the OpenID exchange". */
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

/** What Cloudsmith said in an error body, bounded and token-free. */
export function errorText(body: string, secrets: readonly string[]): string {
  try {
    const parsed: unknown = JSON.parse(body)
    if (parsed && typeof parsed === 'object') {
      const { detail, error } = parsed as Record<string, unknown>
      const text =
        typeof detail === 'string' ? detail : typeof error === 'string' ? error : undefined
      if (text !== undefined) return excerpt(text, secrets)
    }
  } catch {
    // not JSON: show the raw body
  }
  return excerpt(body, secrets)
}

export interface CloudsmithToken {
  readonly token: string
  readonly expiresAt: Date
}

/**
 * The exchange's success answer: JSON with a non-empty string `token` that is a JWT with a numeric
 * `exp` after `nowMs`. `mask` is called with the token the moment it is found, before anything
 * else can print it.
 */
export function readTokenAnswer(
  status: number,
  body: string,
  nowMs: number,
  mask: (secret: string) => void,
  secrets: readonly string[]
): CloudsmithToken {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new TokenAnswerError(status, 'the body is not JSON', excerpt(body, secrets))
  }
  const token =
    parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).token : undefined
  if (typeof token === 'string' && token !== '') mask(token)
  const shown = (): string =>
    excerpt(body, [...secrets, ...(typeof token === 'string' ? [token] : [])])
  if (typeof token !== 'string' || token.trim() === '') {
    throw new TokenAnswerError(status, 'the JSON has no non-empty string "token"', shown())
  }
  let exp: unknown
  try {
    exp = decodeJwt(token).exp
  } catch {
    throw new TokenAnswerError(status, 'its "token" is not a JWT', shown())
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new TokenAnswerError(status, 'its token has no numeric "exp" claim', shown())
  }
  const expiresAt = new Date(exp * 1000)
  if (expiresAt.getTime() <= nowMs) {
    throw new TokenAnswerError(
      status,
      `its token expired already (exp ${expiresAt.toISOString()}); check this machine's clock`,
      shown()
    )
  }
  return { token, expiresAt }
}
