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

/** Outside text as one line the way the log shows it: what redaction must look at. */
export function visible(text: string): string {
  return neutralise(text.replace(WHITE_SPACE, ' ')).replace(INVISIBLE, '')
}

/**
 * The 16-character runs of known secrets, for cutting them out of any text. Built once per set of
 * secrets: a set of every run, so checking a text costs one lookup per character.
 */
class SecretRuns {
  private readonly runs = new Set<string>()
  private readonly whole: string[] = []
  /** Every character some secret holds; text is compared with all others left out. */
  private readonly alphabet = new Set<string>()

  constructor(secrets: readonly string[]) {
    for (const secret of new Set(secrets)) {
      if (secret.length < SHORT_SECRET_MIN) continue
      for (const char of secret) this.alphabet.add(char)
      if (secret.length < SECRET_RUN) {
        this.whole.push(secret)
        continue
      }
      for (let start = 0; start + SECRET_RUN <= secret.length; start++) {
        this.runs.add(secret.slice(start, start + SECRET_RUN))
      }
    }
  }

  /** `text` with every run of a secret replaced by `***`. */
  cut(text: string): string {
    if (this.runs.size === 0 && this.whole.length === 0) return text
    // the characters a secret could hold, and where each stands in `text`
    const kept: string[] = []
    const at: number[] = []
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!
      if (this.alphabet.has(char)) {
        kept.push(char)
        at.push(index)
      }
    }
    const compact = kept.join('')
    const hidden = new Uint8Array(text.length)
    const hide = (from: number, length: number): void => {
      for (let index = at[from]!; index <= at[from + length - 1]!; index++) hidden[index] = 1
    }
    for (let start = 0; start + SECRET_RUN <= compact.length; start++) {
      if (this.runs.has(compact.slice(start, start + SECRET_RUN))) hide(start, SECRET_RUN)
    }
    for (const secret of this.whole) {
      for (let found = compact.indexOf(secret); found >= 0; found = compact.indexOf(secret, found + 1)) {
        hide(found, secret.length)
      }
    }
    let out = ''
    for (let index = 0; index < text.length; index++) {
      if (!hidden[index]) out += text[index]
      else if (index === 0 || !hidden[index - 1]) out += '***'
    }
    return out
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
