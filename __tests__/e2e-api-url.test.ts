/**
 * Every form of `api-url` README accepts reaches the endpoints the Cloudsmith CLI reaches when it
 * is given the same host as CLOUDSMITH_API_HOST (issue 14 item 5). Cloudsmith answers at the API
 * root and under /v1/ alike, and so does the strict fake; anything else (/v1/v1/...) is a 404.
 * The committed bundle runs under the runner emulator with `verify: true`, so both of its
 * requests, the exchange and "who am I", are checked.
 */
import { describe, expect, test } from '@jest/globals'
import { expectCleanRun } from './e2e/expectations.js'
import {
  ORG,
  SERVICE_SLUG,
  actionNode,
  renderLog,
  requireBundle,
  runStep,
  startStage
} from './e2e/harness.js'

requireBundle()
const node = actionNode()

/**
 * Where the Cloudsmith CLI (cloudsmith-cli 1.x) sends its requests for an API host `host`: its
 * OIDC exchange strips trailing slashes and appends /openid/{org}/; its generated API client
 * appends /user/self/ to the host as it is.
 */
function cliEndpoints(host: string, org: string): { exchange: string; userSelf: string } {
  return {
    exchange: `${host.replace(/\/+$/, '')}/openid/${org}/`,
    userSelf: `${host}/user/self/`
  }
}

/** The forms of api-url README names, on the fake's loopback origin. */
const FORMS: Array<[string, (origin: string) => string]> = [
  ['the origin', (origin) => origin],
  ['the origin with a trailing slash', (origin) => `${origin}/`],
  ['the /v1 path', (origin) => `${origin}/v1`],
  ['the /v1/ path with a trailing slash', (origin) => `${origin}/v1/`]
]

describe(`dist/ on Node ${node.version}: api-url forms reach the endpoints the Cloudsmith CLI does`, () => {
  test.concurrent.each(FORMS)(
    '%s',
    async (_name, form) => {
      const stage = await startStage()
      try {
        const apiUrl = form(stage.cloudsmith.url)
        const result = await runStep(stage, { with: { 'api-url': apiUrl, verify: true } })
        try {
          expectCleanRun(result, stage)
          expect(result.main.exitCode).toBe(0)
          const host = apiUrl.replace(/\/+$/, '')
          // the CLI in later steps gets the host without the trailing slash
          expect(result.main.env['CLOUDSMITH_API_HOST']).toBe(host)
          const cli = cliEndpoints(host, ORG)
          const origin = stage.cloudsmith.url
          expect(stage.cloudsmith.requests.map((r) => `${r.method} ${origin}${r.path}`)).toEqual([
            `POST ${cli.exchange}`,
            `GET ${cli.userSelf}`
          ])
          expect(stage.cloudsmith.requests.map((r) => r.outcome.status)).toEqual([201, 200])
          expect(renderLog(result.main)).toContain(
            `Exchanging it at ${cli.exchange} for service account '${SERVICE_SLUG}'.`
          )
        } finally {
          result.cleanup()
        }
      } finally {
        await stage.close()
      }
    },
    30_000
  )
})
