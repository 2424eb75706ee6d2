/**
 * SHA-256 in hex: how the saved state and the post step recognise a secret (the key, a value
 * holding it, a stored credential) without keeping it.
 */
import { createHash } from 'node:crypto'

export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
