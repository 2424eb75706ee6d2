import { describe, expect, test } from '@jest/globals'
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retry,
  retryDelay,
  OutOfTimeError,
  RetriesExhaustedError,
  TransientError,
  type Clock,
  type RetryPolicy
} from '../src/retry.js'

const policy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000
}

/** A clock that only moves when slept on. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    }
  }
}

describe('retryDelay', () => {
  test('full jitter over a window that doubles per retry, up to the cap', () => {
    const top = () => 0.999999
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, policy, top))).toEqual([
      999, 1999, 3999, 4999, 4999
    ])
    expect([1, 2, 3].map((attempt) => retryDelay(attempt, policy, () => 0))).toEqual([0, 0, 0])
    expect(retryDelay(2, policy, () => 0.5)).toBe(1000)
  })

  test('Retry-After is the floor and jitter comes on top', () => {
    expect(retryDelay(1, policy, () => 0, 3000)).toBe(3000)
    expect(retryDelay(1, policy, () => 0.5, 3000)).toBe(3500)
  })

  test('Retry-After is capped', () => {
    expect(retryDelay(1, policy, () => 0, 3_600_000)).toBe(60_000)
  })

  test('after Retry-After, the jitter spreads over the wider throttled window', () => {
    const throttled: RetryPolicy = { ...policy, throttledBaseDelayMs: 4000 }
    const top = () => 0.999999
    expect([1, 2, 3].map((attempt) => retryDelay(attempt, throttled, top, 1000))).toEqual([
      4999, 5999, 5999
    ])
    expect(retryDelay(1, throttled, () => 0.5, 1000)).toBe(3000)
    // without Retry-After the usual window applies
    expect(retryDelay(1, throttled, top)).toBe(999)
  })

  test('the defaults: 1, 2, 4, 8 s windows; Retry-After plus up to 10 s when throttled', () => {
    const defaults: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 5 }
    const top = () => 0.999999
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, defaults, top))).toEqual([
      999, 1999, 3999, 7999, 9999
    ])
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, defaults, top, 1000))).toEqual([
      10_999, 10_999, 10_999, 10_999
    ])
    expect(retryDelay(1, defaults, () => 0, 1000)).toBe(1000)
    // an hour of Retry-After is honoured for 60 s
    expect(retryDelay(1, defaults, () => 0, 3_600_000)).toBe(60_000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T10:00:00Z')
  test('seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })
  test('HTTP date', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0)
  })
  test('absent or unreadable', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
  })
})

describe('retry', () => {
  test('returns the first success and sleeps between transient failures', async () => {
    const clock = fakeClock()
    const seen: number[] = []
    const result = await retry(
      async (attempt) => {
        seen.push(attempt)
        if (attempt < 3) throw new TransientError(`fail ${attempt}`)
        return 'ok'
      },
      { operation: 'op', policy, clock, random: () => 0.5 }
    )
    expect(result).toBe('ok')
    expect(seen).toEqual([1, 2, 3])
    expect(clock.slept).toEqual([500, 1000])
  })

  test('does not retry other errors', async () => {
    const clock = fakeClock()
    let calls = 0
    const final = new Error('final')
    await expect(
      retry(
        async () => {
          calls++
          throw final
        },
        { operation: 'op', policy, clock, random: () => 0 }
      )
    ).rejects.toBe(final)
    expect(calls).toBe(1)
    expect(clock.slept).toEqual([])
  })

  test('gives up after maxAttempts with the last error, attempts and elapsed time', async () => {
    const clock = fakeClock()
    const events: string[] = []
    const error = await retry(
      async (attempt) => {
        throw new TransientError(`fail ${attempt}`, attempt === 2 ? 10_000 : undefined)
      },
      {
        operation: 'The thing',
        policy: { ...policy, maxAttempts: 3 },
        clock,
        random: () => 0,
        onRetry: (e) => events.push(`${e.attempt}:${e.delayMs}`)
      }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetriesExhaustedError)
    const exhausted = error as RetriesExhaustedError
    expect(exhausted.attempts).toBe(3)
    expect(exhausted.lastError.message).toBe('fail 3')
    expect(exhausted.elapsedMs).toBe(10_000)
    expect(exhausted.message).toBe('The thing failed 3 time(s) over 10.0s: fail 3')
    expect(events).toEqual(['1:0', '2:10000'])
  })

  test('one attempt means no retry', async () => {
    const clock = fakeClock()
    await expect(
      retry(
        async () => {
          throw new TransientError('x')
        },
        { operation: 'op', policy: { ...policy, maxAttempts: 1 }, clock, random: () => 0 }
      )
    ).rejects.toBeInstanceOf(RetriesExhaustedError)
    expect(clock.slept).toEqual([])
  })

  describe('one deadline for the step (issue 15 item 7)', () => {
    const failing = async (attempt: number): Promise<never> => {
      throw new TransientError(`fail ${attempt}`, attempt === 2 ? 30_000 : undefined)
    }

    test('no wait is begun that would end past the deadline', async () => {
      const clock = fakeClock()
      const deadline = { atMs: clock.now() + 20_000, budgetMs: 20_000 }
      const error = await retry(failing, {
        operation: 'The thing',
        policy: { ...policy, maxAttempts: 10 },
        clock,
        random: () => 0.5,
        deadline
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OutOfTimeError)
      const out = error as OutOfTimeError
      // attempt 1, a wait of 500 ms, attempt 2 asks for 30 s (Retry-After): past the deadline
      expect(out.attempts).toBe(2)
      expect(out.waitMs).toBe(31_000)
      expect(out.lastError?.message).toBe('fail 2')
      expect(clock.slept).toEqual([500])
      expect(out.message).toBe(
        "The thing stopped after 2 attempt(s): the step's time budget of 20.0s ran out; last error: fail 2"
      )
    })

    test('no attempt starts at or after the deadline, the first one included', async () => {
      const clock = fakeClock()
      let calls = 0
      const error = await retry(
        async () => {
          calls++
          return 'never'
        },
        {
          operation: 'The thing',
          policy,
          clock,
          random: () => 0,
          deadline: { atMs: clock.now(), budgetMs: 1000 }
        }
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OutOfTimeError)
      expect((error as OutOfTimeError).attempts).toBe(0)
      expect(calls).toBe(0)
    })

    test('nested retries share it: the inner one stops the outer one', async () => {
      const clock = fakeClock()
      const deadline = { atMs: clock.now() + 10_000, budgetMs: 10_000 }
      let inner = 0
      const options = {
        policy: { ...policy, maxAttempts: 5 },
        clock,
        random: () => 0.999999,
        deadline
      }
      const error = await retry(
        () =>
          retry(
            async () => {
              inner++
              clock.sleep(1500) // each attempt takes 1.5 s
              throw new TransientError('slow')
            },
            { ...options, operation: 'inner' }
          ),
        { ...options, operation: 'outer' }
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OutOfTimeError)
      expect((error as OutOfTimeError).operation).toBe('inner')
      expect(clock.now() - (deadline.atMs - 10_000)).toBeLessThan(10_000)
      expect(inner).toBeLessThanOrEqual(4)
    })
  })
})
