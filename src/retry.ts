/**
 * The one retry policy for every remote call: exponential backoff with full jitter, a floor set by
 * the server's Retry-After and a wider window after it, and a bounded number of attempts. Time and
 * randomness are parameters so the policy can be tested exactly.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number
  /** Width of the jitter window before the first retry; it doubles for each further retry. */
  readonly baseDelayMs: number
  /**
   * The same, when the server sent Retry-After (throttling): every client it throttled was told
   * the same time, so they must spread out much wider than after a network error. Absent:
   * `baseDelayMs`.
   */
  readonly throttledBaseDelayMs?: number
  /** Largest jitter window. */
  readonly maxDelayMs: number
  /** Longest Retry-After this action honours; a longer one is cut to this. */
  readonly maxRetryAfterMs: number
}

/**
 * After a network error or a 5xx: 1, 2, 4, 8 s windows. After a throttle: Retry-After plus up to
 * 10 s. With that, 200 jobs that start together against 20 exchanges per second all get a key with
 * about 1.8 requests each, the exchanges spread over about 14 to 19 s (10 s at best). With the 1 s window
 * they needed about 2.5 and some used all 5 attempts; a throttled window doubling to 20 s only made
 * the tail longer. See __tests__/load.test.ts and bench/README.md.
 */
export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'maxAttempts'> = {
  baseDelayMs: 1_000,
  throttledBaseDelayMs: 10_000,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000
}

/** HTTP statuses worth another attempt: timeouts, throttling and gateway trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

/** An error worth another attempt: network trouble, a timeout, 408, 429 or a 5xx gateway answer. */
export class TransientError extends Error {
  override readonly name = 'TransientError'
  constructor(
    message: string,
    /** How long the server asked us to wait (Retry-After), when it did. */
    readonly retryAfterMs?: number,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

/** Every attempt failed with a transient error. */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError'
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly lastError: TransientError
  ) {
    super(
      `${operation} failed ${attempts} time(s) over ${formatSeconds(elapsedMs)}: ${lastError.message}`,
      { cause: lastError }
    )
  }
}

/**
 * The step's time budget ran out: the next attempt could not start, or the wait before it would
 * end after the budget.
 */
export class OutOfTimeError extends Error {
  override readonly name = 'OutOfTimeError'
  constructor(
    readonly operation: string,
    /** Attempts made by this operation. */
    readonly attempts: number,
    /** The whole step's budget. */
    readonly budgetMs: number,
    readonly lastError: TransientError | undefined,
    /** The wait the next attempt needed, when that is what did not fit. */
    readonly waitMs?: number
  ) {
    super(
      `${operation} stopped after ${attempts} attempt(s): the step's time budget of ${formatSeconds(budgetMs)} ran out` +
        (lastError ? `; last error: ${lastError.message}` : ''),
      { cause: lastError }
    )
  }
}

/** One time limit for everything a step does: when it ends, on the retry clock, and how long it is. */
export interface StepDeadline {
  readonly atMs: number
  readonly budgetMs: number
}

export interface RetryEvent {
  readonly operation: string
  readonly attempt: number
  readonly error: TransientError
  readonly delayMs: number
}

export interface RetryOptions {
  readonly operation: string
  readonly policy: RetryPolicy
  readonly clock: Clock
  /** Uniform in [0, 1). */
  readonly random: () => number
  readonly onRetry?: (event: RetryEvent) => void
  /** No attempt starts, and no wait is begun that would end, at or after this. */
  readonly deadline?: StepDeadline
}

/**
 * Delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. Full jitter over a
 * window that doubles per retry, up to `maxDelayMs`. When the server sent Retry-After, that is the
 * floor and the jitter comes on top, over the wider throttled window: Retry-After says when the
 * server takes one more request, not when it takes every client that was told the same, so
 * throttled jobs must not come back in lockstep.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number
): number {
  const base =
    retryAfterMs === undefined
      ? policy.baseDelayMs
      : (policy.throttledBaseDelayMs ?? policy.baseDelayMs)
  const window = Math.min(policy.maxDelayMs, base * 2 ** Math.max(0, attempt - 1))
  const jitter = Math.floor(random() * window)
  const floor = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs)
  return floor + jitter
}

/**
 * Runs `operation` until it succeeds, throws something other than a TransientError (rethrown as
 * is), has used `policy.maxAttempts` attempts (RetriesExhaustedError), or would go past the
 * deadline (OutOfTimeError).
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions
): Promise<T> {
  const { policy, clock, random, deadline } = options
  const started = clock.now()
  let lastError: TransientError | undefined
  for (let attempt = 1; ; attempt++) {
    if (deadline && clock.now() >= deadline.atMs) {
      throw new OutOfTimeError(options.operation, attempt - 1, deadline.budgetMs, lastError)
    }
    try {
      return await operation(attempt)
    } catch (error) {
      if (!(error instanceof TransientError)) throw error
      lastError = error
      if (attempt >= policy.maxAttempts) {
        throw new RetriesExhaustedError(options.operation, attempt, clock.now() - started, error)
      }
      const delayMs = retryDelay(attempt, policy, random, error.retryAfterMs)
      if (deadline && clock.now() + delayMs >= deadline.atMs) {
        throw new OutOfTimeError(options.operation, attempt, deadline.budgetMs, error, delayMs)
      }
      options.onRetry?.({ operation: options.operation, attempt, error, delayMs })
      await clock.sleep(delayMs)
    }
  }
}

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP date. Undefined when absent or
 * unreadable; never negative.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP date names its day and month ("Sat, 28 Nov 2026 10:00:00 GMT"); Date.parse alone
  // would also take "-5" as a year.
  const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
}
