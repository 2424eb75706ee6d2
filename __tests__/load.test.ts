/**
 * A large matrix starting together: 200 runs of the committed bundle's main step, all spawned at
 * once, against a fake Cloudsmith that takes 20 exchanges per second and answers 429 with
 * Retry-After beyond that. With the default inputs every run must get a key, without a retry
 * storm (fewer than 2.2 exchange requests per key), the last exchange within 8 times the ideal
 * 10 s of the first. The post step is left out: it makes no request, and 200 more processes
 * would only slow the machine.
 */
import { describe, expect, test } from '@jest/globals'
import { findLeaks } from './support/runner.js'
import { LOAD, actionNode, requireBundle, runLoad, secretsOf } from './e2e/harness.js'

requireBundle()
const node = actionNode()

const JOBS = LOAD.jobs
const RATE_PER_SECOND = LOAD.ratePerSecond
const IDEAL_SECONDS = JOBS / RATE_PER_SECOND

describe(`dist/ on Node ${node.version} under load`, () => {
  test(`${JOBS} runs at once against ${RATE_PER_SECOND} exchanges per second: all get a key, no retry storm`, async () => {
    const load = await runLoad(JOBS, RATE_PER_SECOND)
    const { results, stage } = load
    try {
      const exchanges = stage.cloudsmith.exchanges()
      const statuses = exchanges.map((r) => r.outcome.status)
      const attempts = results.map(
        (result) =>
          result.main.debug.filter((line) => line.startsWith('The OpenID exchange: attempt')).length
      )
      console.log(
        `${JOBS} runs on Node ${node.version}: ${exchanges.length} exchange requests ` +
          `(${statuses.filter((status) => status === 429).length} throttled), at most ` +
          `${Math.max(...attempts)} attempts in one run; all done after ${load.seconds.toFixed(1)} s, ` +
          `exchanges from ${load.firstExchangeSeconds.toFixed(1)} s to ` +
          `${load.lastExchangeSeconds.toFixed(1)} s (ideal ${IDEAL_SECONDS} s)`
      )

      const failed = results.filter((result) => !result.main.succeeded)
      expect(
        failed.slice(0, 3).map((result) => ({
          exitCode: result.main.exitCode,
          timedOut: result.main.timedOut,
          log: result.main.log.slice(-4)
        }))
      ).toEqual([])
      const keys = results.map((result) => result.main.outputs['token'] ?? '')
      expect(keys.filter((key) => key === '')).toEqual([])
      expect(new Set(keys).size).toBe(JOBS)
      expect(new Set(stage.cloudsmith.issuedTokens())).toEqual(new Set(keys))

      // every exchange was a key or a throttle: nothing else went wrong under load
      expect(statuses.filter((status) => status !== 201 && status !== 429)).toEqual([])
      expect(statuses.filter((status) => status === 201)).toHaveLength(JOBS)
      // no retry storm, and no long tail (bounds: LOAD in e2e/harness.ts)
      expect(exchanges.length / JOBS).toBeLessThan(LOAD.maxRequestsPerKey)
      expect(load.lastExchangeSeconds - load.firstExchangeSeconds).toBeLessThan(
        LOAD.maxIdealMultiple * IDEAL_SECONDS
      )

      const secrets = secretsOf(stage)
      const leaks = results.flatMap((result) =>
        findLeaks(result, secrets, { allowOutputs: ['token'] })
      )
      expect(leaks).toEqual([])
    } finally {
      for (const result of results) result.cleanup()
      await stage.close()
    }
  }, 300_000)
})
