import { actionNode, startStage } from '../__tests__/e2e/harness.js'
import { runAction } from '../__tests__/support/runner.js'
const stage = await startStage()
stage.issuer.fault('hang', 4)
stage.cloudsmith.fault('throttle', { times: 4, retryAfter: '60' })
stage.cloudsmith.fault('hang', { times: Infinity, endpoint: 'user-self' })
const r = await runAction({ runPost: false, timeoutMs: 2_400_000, nodePath: actionNode().path, actionDir: '/tmp/old-action',
  with: { org: 'acme', 'service-slug': 'ci-bot', 'api-url': stage.cloudsmith.url, verify: true }, env: stage.issuer.env() })
console.log(r.main.exitCode, r.main.durationMs, JSON.stringify(r.main.annotations.map(a => a.title)))
console.log(stage.cloudsmith.requests.map(q => `${q.time} ${q.path} ${q.outcome.status} ${q.outcome.reason ?? ''}`).join('\n'))
console.log(stage.issuer.requests?.map?.((q: any) => `${q.time} ${q.outcome}`).join('\n'))
console.log(r.main.log.join('\n'))
r.cleanup(); await stage.close()
