/**
 * `npx tsx bench/deadline.ts`: the worst case of one main step of the committed dist/ against
 * servers that never succeed, with the default inputs (max-attempts 5, timeout-seconds 30,
 * total-timeout-seconds 180), all scenarios at once. With DEADLINE_BEFORE=<dir> (a directory
 * holding another version's action.yml and dist/), that version runs the same scenarios beside
 * it; DEADLINE_ONLY=<text> runs only the scenarios whose name holds it. Prints a Markdown table (bench/README.md, "Worst case of one step"); writes nothing.
 */
import {
  actionNode,
  requireBundle,
  runStep,
  startStage,
  type Stage
} from '../__tests__/e2e/harness.js'
import { runAction, type RunResult } from '../__tests__/support/runner.js'

interface Scenario {
  name: string
  /** Set the stage up to fail. */
  arrange(stage: Stage): void
  with?: Record<string, string | boolean>
}

const SCENARIOS: Scenario[] = [
  {
    name: 'Cloudsmith accepts the connection and never answers',
    arrange: (stage) => stage.cloudsmith.fault('hang', { times: Infinity })
  },
  {
    name: 'Cloudsmith answers 429 with Retry-After: 60, always',
    arrange: (stage) => stage.cloudsmith.fault('throttle', { times: Infinity, retryAfter: '60' })
  },
  {
    name: "GitHub's ID-token service never answers",
    arrange: (stage) => stage.issuer.fault('hang', Infinity)
  },
  {
    name: 'the exchange works; verify never answers (verify: true)',
    arrange: (stage) => stage.cloudsmith.fault('hang', { times: Infinity, endpoint: 'user-self' }),
    with: { verify: true }
  },
  {
    name: 'the ID token on the 5th attempt, then Cloudsmith never answers',
    arrange: (stage) => {
      stage.issuer.fault('hang', 4)
      stage.cloudsmith.fault('hang', { times: Infinity })
    }
  },
  {
    name: 'each at its worst: the ID token on the 5th attempt, 4 throttles (Retry-After: 60), verify never answers',
    arrange: (stage) => {
      stage.issuer.fault('hang', 4)
      stage.cloudsmith.fault('throttle', { times: 4, retryAfter: '60' })
      stage.cloudsmith.fault('hang', { times: Infinity, endpoint: 'user-self' })
    },
    with: { verify: true }
  }
]

/** Far beyond any budget: the emulator must not be what ends the step. */
const EMULATOR_LIMIT_MS = 40 * 60_000

async function measure(
  scenario: Scenario,
  actionDir: string | undefined
): Promise<{ seconds: number; title: string; requests: number }> {
  const stage = await startStage()
  try {
    scenario.arrange(stage)
    const options = { runPost: false, timeoutMs: EMULATOR_LIMIT_MS, with: scenario.with ?? {} }
    const result: RunResult =
      actionDir === undefined
        ? await runStep(stage, options)
        : await runAction({
            ...options,
            nodePath: actionNode().path,
            actionDir,
            with: {
              org: 'acme',
              'service-slug': 'ci-bot',
              'api-url': stage.cloudsmith.url,
              ...options.with
            },
            env: stage.issuer.env()
          })
    result.cleanup()
    return {
      seconds: result.main.durationMs / 1000,
      title: result.main.annotations[0]?.title ?? '(none)',
      requests: stage.cloudsmith.requests.length + stage.issuer.counters.idToken
    }
  } finally {
    await stage.close()
  }
}

requireBundle()
const before = process.env['DEADLINE_BEFORE']
const only = process.env['DEADLINE_ONLY']
const runs = SCENARIOS.filter((scenario) => !only || scenario.name.includes(only)).flatMap(
  (scenario) => [
    measure(scenario, undefined).then((now) => ({ scenario, version: 'this dist/', ...now })),
    ...(before
      ? [measure(scenario, before).then((then) => ({ scenario, version: 'before', ...then }))]
      : [])
  ]
)
const rows = (await Promise.all(runs)).map(
  (row) =>
    `| ${row.scenario.name} | ${row.version} | ${row.seconds.toFixed(1)} s | ${row.requests} | ${row.title} |`
)
console.log(
  [
    '| Server | Version | Main step, spawn to exit | Requests (Cloudsmith + ID token) | Error title |',
    '| --- | --- | --- | --- | --- |',
    ...rows
  ].join('\n')
)
