/**
 * The message of anything thrown. Not `instanceof Error`: errors from node's own modules may come
 * from another realm (as under jest's module sandbox), and libraries sometimes throw plain values.
 */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const { message, code } = error as { message: unknown; code?: unknown }
    const text = String(message)
    return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text
  }
  return String(error)
}
