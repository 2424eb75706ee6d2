/**
 * The one place that decides what may be shown of text that came from or goes to a server: known
 * secrets and anything shaped like a JWT are cut out, and the rest is bounded in length.
 */

/** A JWT, or any part of one: a base64url JSON object ("eyJ") and what follows it. */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g
const EXCERPT_MAX_CHARS = 300

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***')
  }
  return out.replace(JWT_SHAPE, '***')
}

/** A one-line, token-free, bounded excerpt of a response body for an error message. */
export function excerpt(
  body: string,
  secrets: readonly string[] = [],
  maxChars = EXCERPT_MAX_CHARS
): string {
  const flat = redact(body, secrets).replace(/\s+/g, ' ').trim()
  if (flat === '') return '(empty body)'
  return flat.length > maxChars ? `${flat.slice(0, maxChars)}… (${flat.length} characters)` : flat
}
