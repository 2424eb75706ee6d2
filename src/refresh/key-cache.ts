/**
 * The helper's cached key: the current Cloudsmith key, its `exp`, when to exchange again, and how
 * many keys the job has minted (the main step's first one included). Pure: reading and writing
 * the text, and deciding whether the key is still good.
 */
import { decodeJwt } from 'jose'
import type { CloudsmithToken } from '../cloudsmith-response.js'
import { refreshTime } from '../id-token.js'

/** A key with less than this left is exchanged again (a shorter-lived one at half its life). */
export const KEY_REFRESH_MARGIN_MS = 5 * 60_000

export interface KeyCache {
  readonly key: string
  readonly expiresAtMs: number
  /** On this machine's clock: from then on, a caller exchanges again. */
  readonly renewAtMs: number
  /** Keys minted in this job so far, the main step's first one included. */
  readonly minted: number
}

/**
 * The cache entry for a key just received. `askedAtMs` is when it was asked for, on this
 * machine's clock: the key's own lifetime (`exp` - `iat`) counts from then, so a runner whose
 * clock is off still renews in time (as the ID token keeper does).
 */
export function cacheEntry(token: CloudsmithToken, askedAtMs: number, minted: number): KeyCache {
  const expiresAtMs = token.expiresAt.getTime()
  let claims: Record<string, unknown> = {}
  try {
    claims = decodeJwt(token.token)
  } catch {
    // the exchange checked it is a JWT; without claims, exp on this clock decides
  }
  const renewAtMs = Math.min(
    expiresAtMs,
    refreshTime({ claims, expiresAtMs }, askedAtMs, KEY_REFRESH_MARGIN_MS)
  )
  return { key: token.token, expiresAtMs, renewAtMs, minted }
}

/** Whether the cached key may be handed out at `nowMs`. */
export function isFresh(cache: KeyCache | undefined, nowMs: number): boolean {
  return cache !== undefined && nowMs < cache.renewAtMs && nowMs < cache.expiresAtMs
}

export function serialiseCache(cache: KeyCache): string {
  return `${JSON.stringify({
    version: 1,
    key: cache.key,
    expiresAt: new Date(cache.expiresAtMs).toISOString(),
    renewAtMs: cache.renewAtMs,
    minted: cache.minted
  })}\n`
}

/** The cache in a file's text; undefined when it is not one (then it is as good as missing). */
export function parseCache(text: string | undefined): KeyCache | undefined {
  if (text === undefined) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { version, key, expiresAt, renewAtMs, minted } = parsed as Record<string, unknown>
  const expiresAtMs = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN
  if (
    version !== 1 ||
    typeof key !== 'string' ||
    key === '' ||
    Number.isNaN(expiresAtMs) ||
    typeof renewAtMs !== 'number' ||
    !Number.isFinite(renewAtMs) ||
    typeof minted !== 'number' ||
    !Number.isSafeInteger(minted) ||
    minted < 1
  ) {
    return undefined
  }
  return { key, expiresAtMs, renewAtMs, minted }
}
