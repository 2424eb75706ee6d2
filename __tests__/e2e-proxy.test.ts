/**
 * The committed bundle behind a proxy, as on a self-hosted runner that must use one: HTTP_PROXY
 * and HTTPS_PROXY set, the ID-token request (plain http here) and the exchange (https, with a
 * throw-away CA given through NODE_EXTRA_CA_CERTS) both go through a proxy on this machine, which
 * records them. A matching NO_PROXY sends both past it. The servers are named `idtoken.test` and
 * `cloudsmith.test`: @actions/http-client never proxies loopback addresses. This also proves the
 * bundle's undici stub is never reached: proxying is http-client's `tunnel` agent.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import { ORG, actionNode, requireBundle, runStep, startStage, type Stage } from './e2e/harness.js'
import {
  type RecordingProxy,
  type TestCa,
  type TlsFront,
  makeTestCa,
  startRecordingProxy,
  startTlsFront
} from './support/proxy.js'
import type { RunResult } from './support/runner.js'

requireBundle()
const node = actionNode()

let ca: TestCa
beforeAll(() => {
  ca = makeTestCa(['cloudsmith.test'])
})
afterAll(() => ca.remove())

interface ProxiedRun {
  result: RunResult
  stage: Stage
  proxy: RecordingProxy
  idTokenHost: string
  cloudsmithHost: string
}

/** One main and post step with the proxy variables set, and `env` on top. */
async function runBehindProxy(
  env: (proxy: RecordingProxy) => Record<string, string>,
  check: (run: ProxiedRun) => void
): Promise<void> {
  const stage = await startStage()
  let front: TlsFront | undefined
  let proxy: RecordingProxy | undefined
  try {
    front = await startTlsFront(Number(new URL(stage.cloudsmith.url).port), ca)
    proxy = await startRecordingProxy()
    const idTokenUrl = new URL(stage.issuer.env().ACTIONS_ID_TOKEN_REQUEST_URL)
    idTokenUrl.hostname = 'idtoken.test'
    const cloudsmithHost = `cloudsmith.test:${front.port}`
    const result = await runStep(stage, {
      with: { 'api-url': `https://${cloudsmithHost}` },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: idTokenUrl.href,
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: ca.caFile,
        ...env(proxy)
      }
    })
    try {
      expectCleanRun(result, stage)
      expect(result.main.exitCode).toBe(0)
      expect(result.main.outputs['token']).toBe(lastKey(stage))
      expect(result.main.log).toContain(
        `Exchanging it at https://${cloudsmithHost}/openid/${ORG}/ for service account 'ci-bot'.`
      )
      expect(stage.cloudsmith.exchanges().map((r) => r.outcome.status)).toEqual([201])
      check({ result, stage, proxy, idTokenHost: idTokenUrl.host, cloudsmithHost })
    } finally {
      result.cleanup()
    }
  } finally {
    await proxy?.close()
    await front?.close()
    await stage.close()
  }
}

describe(`dist/ on Node ${node.version} behind a proxy`, () => {
  test.concurrent(
    'HTTP_PROXY and HTTPS_PROXY: the ID token and the exchange go through the proxy',
    () =>
      runBehindProxy(
        () => ({}),
        ({ proxy, idTokenHost, cloudsmithHost }) => {
          // http-client tunnels both: CONNECT for https, and for http through its tunnel agent too;
          // a plain forwarded request would count as well
          const through = [...proxy.connects, ...proxy.forwarded.map((url) => new URL(url).host)]
          expect(through).toContain(idTokenHost)
          expect(through).toContain(cloudsmithHost)
          expect(proxy.connects).toContain(cloudsmithHost)
        }
      )
  )

  test.concurrent('proxy variables without a scheme are used as http://, as curl does', () =>
    runBehindProxy(
      (proxy) => {
        const hostPort = new URL(proxy.url).host
        return { HTTP_PROXY: hostPort, HTTPS_PROXY: hostPort }
      },
      ({ result, proxy, idTokenHost, cloudsmithHost }) => {
        const hostPort = new URL(proxy.url).host
        for (const name of ['HTTPS_PROXY', 'HTTP_PROXY']) {
          expect(result.main.log).toContain(
            `${name} names a proxy without a scheme (${hostPort}); using it as http://${hostPort}, as curl does.`
          )
        }
        const through = [...proxy.connects, ...proxy.forwarded.map((url) => new URL(url).host)]
        expect(through).toContain(idTokenHost)
        expect(proxy.connects).toContain(cloudsmithHost)
      }
    )
  )

  test.concurrent('a matching NO_PROXY goes past the proxy', () =>
    runBehindProxy(
      () => ({
        NO_PROXY: 'idtoken.test,cloudsmith.test',
        // without the proxy, this process resolves the .test names itself
        NODE_OPTIONS: `--require ${ca.dnsPreload}`
      }),
      ({ proxy }) => {
        expect(proxy.connects).toEqual([])
        expect(proxy.forwarded).toEqual([])
      }
    )
  )
})
