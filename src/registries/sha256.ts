/** SHA-256 in hex: how the record and the post step compare secrets without keeping them. */
import { createHash } from 'node:crypto'

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
