/** A time limit on a promise that cannot be cancelled itself. */

/**
 * Settles like `work`, or rejects with `onTimeout()` after `ms`, whichever comes first. The timer
 * is cleared either way. `onTimeout` may also release what `work` holds (sockets, say).
 */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}
