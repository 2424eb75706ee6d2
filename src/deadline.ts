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

/**
 * The step's one deadline as a program or request sees it when it starts: its own limit
 * (`timeout-seconds`), or what is left of the step's budget when that is less.
 */
export interface Deadline {
  /** The own limit of each request or program. */
  readonly eachMs: number
  /** What the next request or program may take from now; 0 or less when the budget is spent. */
  limitMs(): number
}

/** A deadline at `atMs` on `now`'s clock, each request or program allowed at most `eachMs`. */
export function stepDeadline(atMs: number, eachMs: number, now: () => number): Deadline {
  return { eachMs, limitMs: () => Math.min(eachMs, atMs - now()) }
}
