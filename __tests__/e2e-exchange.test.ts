/**
 * The committed bundle end to end: dist/main.js then dist/post.js as child processes under the
 * runner emulator, a local OIDC issuer for GitHub's side, and the strict fake Cloudsmith, once per
 * fault it can play. Each scenario checks the exit code, outputs, exported environment, state,
 * post step, summary and the log a user reads, and that no secret escaped (expectCleanRun).
 * Scenarios run concurrently, each with its own issuer and Cloudsmith: most of them wait on
 * timers (retries, hangs, slow bodies), not on the CPU.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { FaultKind, FaultOptions } from './support/fake-cloudsmith.js'
import type { RunResult } from './support/runner.js'
import {
  expectFailed,
  expectSignedIn,
  inStage,
  lastKey,
  retryDelaySeconds,
  retryLine
} from './e2e/expectations.js'
import {
  ORG,
  SERVICE_SLUG,
  actionNode,
  requireBundle,
  type Stage,
  type StepOptions
} from './e2e/harness.js'

requireBundle()

/** What the bundle step writes into dist/ as the User-Agent's version. */
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version
const node = actionNode()

/** Starts a stage, queues the fault, runs main and post, and always tears down. */
async function scenario(
  fault: { kind: FaultKind; options?: FaultOptions } | undefined,
  step: StepOptions,
  check: (result: RunResult, stage: Stage) => void
): Promise<void> {
  const prepare = (stage: Stage): void => {
    if (fault) stage.cloudsmith.fault(fault.kind, fault.options)
  }
  return inStage({}, prepare, step, check)
}

const host = (stage: Stage): string => new URL(stage.cloudsmith.url).host
const TIMEOUT = 30_000
/**
 * timeout-seconds for the tests that wait for a deadline: every other request of the step (the ID
 * token, the retried exchange) must finish within it too, on a 2-core machine shared by other
 * suites. 4 s is 10x what those take at a load average of 10; the test's own TIMEOUT is 7x it.
 */
const SHORT_TIMEOUT_SECONDS = 4

describe(`dist/ on Node ${node.version} (${node.note}) against the fake Cloudsmith`, () => {
  test.concurrent(
    'success: a masked key as output and CLOUDSMITH_API_KEY, which post clears',
    () =>
      scenario(undefined, {}, (result, stage) => {
        const key = expectSignedIn(result, stage)
        const [exchange, ...more] = stage.cloudsmith.exchanges()
        expect(more).toEqual([])
        expect(exchange).toMatchObject({
          method: 'POST',
          path: `/openid/${ORG}/`,
          body: { oidc_token: stage.issuer.issued[0], service_slug: SERVICE_SLUG },
          outcome: { status: 201, token: key }
        })
        expect(exchange?.headers['content-type']).toBe('application/json')
        expect(exchange?.headers['user-agent']).toBe(`cloudsmith-oidc-action/${PACKAGE_VERSION}`)
        const idTokenRequests = stage.issuer.requests.filter((r) => r.path === '/idtoken')
        expect(idTokenRequests.map((r) => [r.outcome, r.audience])).toEqual([
          ['issued', 'https://github.com/octo-org']
        ])
        expect(result.main.debug).toContain('The OpenID exchange: attempt 1 of 5')
      }),
    TIMEOUT
  )

  test.concurrent(
    'success with 200 instead of 201',
    () =>
      scenario({ kind: 'ok-200' }, {}, (result, stage) => {
        expectSignedIn(result, stage)
        expect(stage.cloudsmith.exchanges().map((r) => r.outcome.status)).toEqual([200])
      }),
    TIMEOUT
  )

  test.concurrent(
    'success with verify: Cloudsmith is asked who the new key is',
    () =>
      scenario(undefined, { with: { verify: true } }, (result, stage) => {
        const key = expectSignedIn(
          result,
          stage,
          [],
          ['Authenticated to Cloudsmith as ci-bot (service account) (ci-bot).']
        )
        const self = stage.cloudsmith.requests.filter((r) => r.path === '/user/self/')
        expect(self.map((r) => [r.method, r.headers['x-api-key']])).toEqual([['GET', key]])
        expect(result.main.summary).toContain(
          '| Identity | verified: `ci-bot (service account)` (`ci-bot`) |'
        )
      }),
    TIMEOUT
  )

  test.concurrent.each([500, 502, 503, 504] as const)(
    '%i with an HTML page on every attempt: gives up after max-attempts',
    (status) =>
      scenario(
        { kind: status, options: { times: Infinity } },
        { with: { 'max-attempts': 2 } },
        (result, stage) => {
          const said = `Cloudsmith answered ${status}: <html><body><h1>${status} Server Error</h1></body></html>`
          const retried = retryLine(1, 2, said)
          expectFailed(result, stage, {
            title: `Cloudsmith unavailable (${status})`,
            middle: [retried],
            keyLines: [
              /^The OpenID exchange failed after 2 attempt\(s\) over \d+\.\ds\.$/,
              `Last error: ${said}`,
              /status\.cloudsmith\.io/
            ]
          })
          expect(retryDelaySeconds(result.main, retried)).toBeLessThan(1.05)
          expect(stage.cloudsmith.exchanges()).toHaveLength(2)
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    '503 with an HTML page once: retried within the 1 s window, then a key',
    () =>
      scenario({ kind: 503 }, { with: { 'max-attempts': 3 } }, (result, stage) => {
        const retried = retryLine(
          1,
          3,
          'Cloudsmith answered 503: <html><body><h1>503 Server Error</h1></body></html>'
        )
        expectSignedIn(result, stage, [retried])
        expect(retryDelaySeconds(result.main, retried)).toBeLessThan(1.05)
        expect(stage.cloudsmith.exchanges().map((r) => r.outcome.status)).toEqual([503, 201])
      }),
    TIMEOUT
  )

  test.concurrent(
    '429 with Retry-After once: waits at least that long, then a key',
    () =>
      scenario({ kind: 'throttle', options: { retryAfter: '1' } }, {}, (result, stage) => {
        const retried = retryLine(
          1,
          5,
          'Cloudsmith answered 429: Request was throttled. Expected available in 1 seconds.'
        )
        expectSignedIn(result, stage, [retried])
        const delay = retryDelaySeconds(result.main, retried)
        // Retry-After is the floor; the throttled jitter window (10 s) comes on top
        expect(delay).toBeGreaterThanOrEqual(1)
        expect(delay).toBeLessThan(11)
        const [first, second] = stage.cloudsmith.exchanges()
        expect([first?.outcome.status, second?.outcome.status]).toEqual([429, 201])
        expect((second?.time ?? 0) - (first?.time ?? 0)).toBeGreaterThanOrEqual(1000)
      }),
    TIMEOUT
  )

  test.concurrent(
    '429 on every attempt: gives up and names the rate limit',
    () =>
      scenario(
        { kind: 'throttle', options: { retryAfter: '1', times: Infinity } },
        { with: { 'max-attempts': 2 } },
        (result, stage) => {
          const said =
            'Cloudsmith answered 429: Request was throttled. Expected available in 1 seconds.'
          expectFailed(result, stage, {
            title: 'Cloudsmith rate limit',
            middle: [retryLine(1, 2, said)],
            keyLines: [
              /^The OpenID exchange failed after 2 attempt\(s\) over \d+\.\ds\.$/,
              `Last error: ${said}`,
              /max-attempts/
            ]
          })
          expect(stage.cloudsmith.exchanges()).toHaveLength(2)
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'a hang: the attempt ends at timeout-seconds and the next one gets a key',
    () =>
      scenario(
        { kind: 'hang' },
        // the second attempt (an ID token and an exchange) has the same budget: 4 s holds on a
        // loaded machine, where 1 s did not
        { with: { 'timeout-seconds': SHORT_TIMEOUT_SECONDS, 'max-attempts': 2 } },
        (result, stage) => {
          expectSignedIn(result, stage, [
            retryLine(
              1,
              2,
              `no complete answer from ${host(stage)} within ${SHORT_TIMEOUT_SECONDS}s`
            )
          ])
          expect(stage.cloudsmith.exchanges()).toHaveLength(2)
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'a hang on every attempt: gives up at the deadline, and the process ends right away',
    () =>
      scenario(
        { kind: 'hang', options: { times: Infinity } },
        { with: { 'timeout-seconds': SHORT_TIMEOUT_SECONDS, 'max-attempts': 1 } },
        (result, stage) => {
          expectFailed(result, stage, {
            title: `No answer from ${host(stage)}`,
            keyLines: [
              // a loaded machine fires the deadline's timer late: the seconds are not exact
              /^The OpenID exchange failed after 1 attempt\(s\) over \d+\.\ds\.$/,
              `Last error: no complete answer from ${host(stage)} within ${SHORT_TIMEOUT_SECONDS}s`
            ]
          })
          expect(stage.cloudsmith.exchanges()).toHaveLength(1)
          // the open socket does not keep the step alive: it ends long before the test's timeout
          expect(result.main.durationMs).toBeLessThan(SHORT_TIMEOUT_SECONDS * 1000 + 12_000)
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'a connection reset in the middle of the body: retried, then a key',
    () =>
      scenario({ kind: 'reset' }, { with: { 'max-attempts': 2 } }, (result, stage) => {
        const retried = new RegExp(
          `^The OpenID exchange: attempt 1 of 2 failed \\(the answer from ${host(stage).replace(/\./g, '\\.')} broke off[^)]*\\)+; retrying in \\d+\\.\\ds\\.$`
        )
        expectSignedIn(result, stage, [retried])
        expect(stage.cloudsmith.exchanges()).toHaveLength(2)
      }),
    TIMEOUT
  )

  test.concurrent(
    'truncated JSON in a 201: unusable, not retried',
    () =>
      scenario({ kind: 'truncated-json' }, {}, (result, stage) => {
        expectFailed(result, stage, {
          title: 'Unusable answer from Cloudsmith',
          keyLines: [
            'Cloudsmith answered 201 to the exchange, but the body is not JSON.',
            // the cut-off body holds most of a key: never quoted
            /^Body: not shown: it may hold a key \(\d+ characters\)$/,
            `Tried: org '${ORG}', service account '${SERVICE_SLUG}', at ${stage.cloudsmith.url}/openid/${ORG}/`
          ]
        })
        expect(stage.cloudsmith.exchanges()).toHaveLength(1)
      }),
    TIMEOUT
  )

  test.concurrent(
    'a slow body that ends within timeout-seconds is read whole',
    () =>
      scenario(
        { kind: 'slow-body', options: { durationMs: 800 } },
        // 12x the body's 800 ms: the rest of the step fits beside it on a loaded machine
        { with: { 'timeout-seconds': 10 } },
        (result, stage) => {
          expectSignedIn(result, stage)
          expect(stage.cloudsmith.exchanges()).toHaveLength(1)
          expect(result.main.durationMs).toBeGreaterThanOrEqual(800)
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'a body slower than timeout-seconds is cut off at the deadline and retried',
    () =>
      scenario(
        // the body would take a minute, 15x the deadline, so the deadline cuts it off however
        // late the machine's timers fire; the second attempt (an ID token and a normal exchange)
        // has 4 s, which holds at a load average of 10 where the 1 s this test had did not
        { kind: 'slow-body', options: { durationMs: 60_000 } },
        { with: { 'timeout-seconds': SHORT_TIMEOUT_SECONDS, 'max-attempts': 2 } },
        (result, stage) => {
          expectSignedIn(result, stage, [
            retryLine(
              1,
              2,
              `no complete answer from ${host(stage)} within ${SHORT_TIMEOUT_SECONDS}s`
            )
          ])
          expect(stage.cloudsmith.exchanges()).toHaveLength(2)
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'a 5 MiB 201 body with a real key in it: read no further than 64 KiB, not retried',
    () =>
      scenario({ kind: 'huge-body', options: { status: 201 } }, {}, (result, stage) => {
        expectFailed(result, stage, {
          title: 'Answer too large',
          keyLines: [
            `The answer from ${host(stage)} is larger than 65536 bytes; it was not read further.`,
            /api-url/
          ]
        })
        expect(stage.cloudsmith.exchanges()).toHaveLength(1)
      }),
    TIMEOUT
  )

  test.concurrent(
    'a 5 MiB HTML 500 page: its first 64 KiB quoted, retried like any 500',
    () =>
      scenario(
        { kind: 'huge-body', options: { status: 500, times: Infinity } },
        { with: { 'max-attempts': 2 } },
        (result, stage) => {
          expectFailed(result, stage, {
            title: 'Cloudsmith unavailable (500)',
            middle: [
              /^The OpenID exchange: attempt 1 of 2 failed \(Cloudsmith answered 500: <html>.*… \(65536 characters\)\); retrying in \d+\.\ds\.$/
            ],
            keyLines: [
              /^The OpenID exchange failed after 2 attempt\(s\) over \d+\.\ds\.$/,
              /^Last error: Cloudsmith answered 500: .*… \(\d+ characters\)$/
            ]
          })
          expect(stage.cloudsmith.exchanges()).toHaveLength(2)
        }
      ),
    TIMEOUT
  )

  test.concurrent.each([307, 302] as const)(
    'a %i redirect to another host: not followed, the ID token goes nowhere else',
    (status) =>
      scenario({ kind: 'redirect', options: { redirectStatus: status } }, {}, (result, stage) => {
        const other = new URL(stage.cloudsmith.otherHostUrl).host
        expectFailed(result, stage, {
          title: 'Redirect refused',
          keyLines: [
            `The OpenID exchange was answered with a redirect (${status} to ${other}), which the action does not follow: the ID token must never be sent anywhere but api-url.`,
            `Cloudsmith said: ${status} (empty body)`,
            /api-url/
          ]
        })
        expect(stage.cloudsmith.requests.map((r) => r.listener)).toEqual(['primary'])
      }),
    TIMEOUT
  )

  test.concurrent(
    'a 201 without a token: unusable, not retried',
    () =>
      scenario({ kind: 'no-token' }, {}, (result, stage) => {
        expectFailed(result, stage, {
          title: 'Unusable answer from Cloudsmith',
          keyLines: [
            'Cloudsmith answered 201 to the exchange, but the JSON has no non-empty string "token".',
            'Body: a JSON object with keys detail'
          ]
        })
        expect(stage.cloudsmith.exchanges()).toHaveLength(1)
      }),
    TIMEOUT
  )

  test.concurrent(
    'a 201 whose token is not a JWT: masked anyway, unusable, not retried',
    () =>
      scenario({ kind: 'not-a-jwt' }, {}, (result, stage) => {
        expectFailed(result, stage, {
          title: 'Unusable answer from Cloudsmith',
          keyLines: [
            'Cloudsmith answered 201 to the exchange, but its "token" is not a JWT.',
            'Body: a JSON object with keys token'
          ]
        })
        expect(result.main.masks).toContain(lastKey(stage))
        expect(stage.cloudsmith.exchanges()).toHaveLength(1)
      }),
    TIMEOUT
  )

  test.concurrent(
    'a 201 whose token expired already: masked anyway, unusable, not retried',
    () =>
      scenario({ kind: 'expired-token' }, {}, (result, stage) => {
        expectFailed(result, stage, {
          title: 'Unusable answer from Cloudsmith',
          keyLines: [
            /^Cloudsmith answered 201 to the exchange, but its token expired already \(exp \S+Z\); check this machine's clock\.$/,
            'Body: a JSON object with keys token'
          ]
        })
        expect(result.main.masks).toContain(lastKey(stage))
        expect(stage.cloudsmith.exchanges()).toHaveLength(1)
      }),
    TIMEOUT
  )
})
