/**
 * The one place that decides what may be shown of text that came from or goes to a server. It
 * works on the text as the log will show it (after the print gate has dropped control characters,
 * and with characters no one sees left out), and cuts from it anything shaped like a JWT and every
 * run of 16 or more characters that also occurs in a known secret (the ID token, the key, the
 * runner's request token, a proxy password), also when the run is split by characters that occur
 * in no secret (spaces, say). The rest is bounded in length.
 */
import { neutralise } from './print-gate.js'

/** A JWT, or any part of one: a base64url JSON object ("eyJ") and what follows it. */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g
const EXCERPT_MAX_CHARS = 300
/** Runs this long that a secret also holds are cut out of outside text. */
export const SECRET_RUN = 16
/** A secret shorter than SECRET_RUN is cut where it occurs whole, if it has at least this many. */
const SHORT_SECRET_MIN = 6
/** Line breaks, white space and NEL: an excerpt is one line. */
const WHITE_SPACE = /[\s\u0085]+/g
/** Characters no one sees (zero-width spaces, soft hyphens, joiners, fillers). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu
// eslint-disable-next-line no-control-regex
const HAS_NON_ASCII = /[^\u0000-\u007f]/

/** Outside text as one line the way the log shows it: what redaction must look at. */
export function visible(text: string): string {
  const line = neutralise(text.replace(WHITE_SPACE, ' '))
  // most text holds none: testing first spares the slower replace
  return HAS_NON_ASCII.test(line) ? line.replace(INVISIBLE, '') : line
}

/**
 * The 16-character runs of known secrets, for cutting them out of any text. Built once per set of
 * secrets: a rolling hash of every run, so checking a text costs a few arithmetic operations per
 * character, and a real comparison only where a hash matches.
 */
class SecretRuns {
  private readonly runs = new Set<string>()
  private readonly hashes = new Set<number>()
  private readonly whole: string[] = []
  /** Every UTF-16 unit some secret holds; text is compared with all others left out. */
  private readonly alphabet = new Set<number>()

  constructor(secrets: readonly string[]) {
    for (const secret of new Set(secrets)) {
      if (secret.length < SHORT_SECRET_MIN) continue
      for (let index = 0; index < secret.length; index++)
        this.alphabet.add(secret.charCodeAt(index))
      if (secret.length < SECRET_RUN) {
        this.whole.push(secret)
        continue
      }
      forEachRun(secret, (start, hash) => {
        this.hashes.add(hash)
        this.runs.add(secret.slice(start, start + SECRET_RUN))
      })
    }
  }

  /** `text` with every run of a secret replaced by `***`. */
  cut(text: string): string {
    if (this.alphabet.size === 0) return text
    // the characters a secret could hold, and where each stands in `text`
    const at: number[] = []
    const kept: string[] = []
    for (let index = 0; index < text.length; index++) {
      if (this.alphabet.has(text.charCodeAt(index))) {
        at.push(index)
        kept.push(text[index]!)
      }
    }
    const compact = kept.join('')
    const hidden = new Uint8Array(text.length)
    const hide = (from: number, length: number): void => {
      hidden.fill(1, at[from]!, at[from + length - 1]! + 1)
    }
    forEachRun(compact, (start, hash) => {
      if (this.hashes.has(hash) && this.runs.has(compact.slice(start, start + SECRET_RUN))) {
        hide(start, SECRET_RUN)
      }
    })
    for (const secret of this.whole) {
      for (
        let found = compact.indexOf(secret);
        found >= 0;
        found = compact.indexOf(secret, found + 1)
      ) {
        hide(found, secret.length)
      }
    }
    if (!hidden.includes(1)) return text
    const parts: string[] = []
    let from = 0
    while (from < text.length) {
      const start = hidden.indexOf(1, from)
      if (start < 0) {
        parts.push(text.slice(from))
        break
      }
      const end = hidden.indexOf(0, start)
      parts.push(text.slice(from, start), '***')
      from = end < 0 ? text.length : end
    }
    return parts.join('')
  }
}

const HASH_BASE = 31
/** HASH_BASE to the power SECRET_RUN - 1, in 32-bit arithmetic. */
const HASH_TOP = Array.from({ length: SECRET_RUN - 1 }).reduce<number>(
  (power) => Math.imul(power, HASH_BASE),
  1
)

/** Calls `visit` with the start and a rolling 32-bit hash of every SECRET_RUN-unit run of `text`. */
function forEachRun(text: string, visit: (start: number, hash: number) => void): void {
  let hash = 0
  for (let index = 0; index < text.length; index++) {
    if (index >= SECRET_RUN) {
      hash = (hash - Math.imul(text.charCodeAt(index - SECRET_RUN), HASH_TOP)) | 0
    }
    hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(index)) | 0
    if (index >= SECRET_RUN - 1) visit(index - SECRET_RUN + 1, hash)
  }
}

let cached: { key: string; runs: SecretRuns } | undefined

function secretRuns(secrets: readonly string[]): SecretRuns {
  const key = secrets.join('\u0000')
  if (cached?.key !== key) cached = { key, runs: new SecretRuns(secrets) }
  return cached.runs
}

/**
 * Outside text as the log will show it, without JWTs and without any run of a known secret. The
 * result is neutralised already; the print gate may neutralise it again without change.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  return secretRuns(secrets).cut(visible(text)).replace(JWT_SHAPE, '***')
}

/** A one-line, token-free, bounded excerpt of outside text (a body, a header, a name). */
export function excerpt(
  body: string,
  secrets: readonly string[] = [],
  maxChars = EXCERPT_MAX_CHARS
): string {
  const flat = redact(body, secrets).replace(/ {2,}/g, ' ').trim()
  if (flat === '') return '(empty body)'
  return flat.length > maxChars ? `${flat.slice(0, maxChars)}… (${flat.length} characters)` : flat
}

/**
 * A URL (or what was meant as one) named without what may be a credential: user information
 * becomes `***@`, a query `?***`, a fragment `#***`. Works on text that does not parse, too: all
 * before the last `@` is hidden, whatever its shape.
 */
export function withoutCredentials(url: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? ''
  let rest = url.slice(scheme.length)
  const at = rest.lastIndexOf('@')
  if (at >= 0) rest = `***${rest.slice(at)}`
  rest = rest.replace(/[?#][^]*$/, (cut) => `${cut[0]}***`)
  return `${scheme}${rest}`
}
