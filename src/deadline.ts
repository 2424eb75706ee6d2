/** Time limits: on a promise that cannot be cancelled itself, and on one request within a step's. */

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

/**
 * The time limit of one request: its own (`timeout-seconds`), or what is left until the step's
 * deadline if that is less (at least 1 ms: the caller checks the deadline before it sends).
 */
export function requestTimeoutMs(ownMs: number, deadlineAtMs: number, nowMs: number): number {
  return Math.max(1, Math.min(ownMs, deadlineAtMs - nowMs))
}
