/**
 * What every end-to-end scenario must show, whatever Cloudsmith did: a clean step for the runner,
 * no secret anywhere the runner would not hide it, and a log that tells the story in order.
 */
import { expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { decodeJwt } from 'jose'
import {
  defaultRunnerContext,
  findLeaks,
  type RunResult,
  type StepResult
} from '../support/runner.js'
import { expectLogSnapshot } from './log-snapshot.js'
import {
  ORG,
  SERVICE_SLUG,
  renderLog,
  runStep,
  secretsOf,
  startStage,
  type Stage,
  type StageOptions,
  type StepOptions
} from './harness.js'

/** What differs from the defaults in the opening lines. */
export interface Opening {
  /** The audience input. */
  audience?: string
  /** The ID token's `sub`. */
  sub?: string
  /** The service-slug input. */
  slug?: string
}

/** The first lines of every run that got an ID token and went on to the exchange. */
export function opening(stage: Stage, options: Opening = {}): string[] {
  const aud = options.audience ?? 'https://github.com/octo-org'
  const sub = options.sub ?? 'repo:octo-org/octo-repo:ref:refs/heads/main'
  return [
    `Requesting a GitHub ID token for audience ${options.audience ?? "GitHub's default (https://github.com/<repository owner>)"}.`,
    `Got an ID token for ${sub} (aud ${aud}).`,
    `Exchanging it at ${stage.cloudsmith.url}/openid/${ORG}/ for service account '${options.slug ?? SERVICE_SLUG}'.`
  ]
}

/** The log line of a retry of the exchange after a failed attempt. */
export function retryLine(attempt: number, of: number, error: string): RegExp {
  return new RegExp(
    `^The OpenID exchange: attempt ${attempt} of ${of} failed \\(${escape(error)}\\); retrying in (\\d+\\.\\d)s\\.$`
  )
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The state main saves first, whatever happens next: an empty registries record, so post never
 * reads one an earlier step put in the job's environment.
 */
export const EMPTY_RECORD_STATE = { registries: '{"version":1,"cleanup":false,"steps":[]}' }

/**
 * Checks that hold for every run: main was not killed, nothing on stderr, no rejected or
 * deprecated command, the runner had nothing to warn about, post ran (post-if: always()) and
 * succeeded, and no secret of the stage (API keys handed out, ID tokens, the runner's
 * ID-token request token) is in a log line before its mask, the step summary, an output other
 * than `token`, or a file left in RUNNER_TEMP or HOME after post. Then the run's user view is
 * compared with its log snapshot.
 */
export function expectCleanRun(result: RunResult, stage: Stage): void {
  for (const step of [result.main, result.post]) {
    expect(step).toBeDefined()
    const { timedOut, stderr, fileCommandErrors, deprecatedCommands } = step as StepResult
    expect({ step: step?.step, timedOut, stderr, fileCommandErrors, deprecatedCommands }).toEqual({
      step: step?.step,
      timedOut: false,
      stderr: [],
      fileCommandErrors: [],
      deprecatedCommands: []
    })
  }
  expect(result.warnings).toEqual([])
  expect(result.post?.exitCode).toBe(0)
  const secrets = secretsOf(stage)
  // at least the ID token and the request token: the leak check has something to look for
  expect(secrets.length).toBeGreaterThanOrEqual(2)
  expect(findLeaks(result, secrets, { allowOutputs: ['token'] })).toEqual([])
  // what the user reads, reviewed as a file (__tests__/__log_snapshots__)
  expectLogSnapshot(result)
}

/** The key Cloudsmith handed out in the last exchange, the one the action kept. */
export function lastKey(stage: Stage): string {
  const key = stage.cloudsmith.exchanges().at(-1)?.outcome.token
  if (key === undefined) throw new Error('the last exchange handed out no key')
  return key
}

/**
 * A run that got a key: outputs, exported variable, state for post, masks, summary, the log from
 * the opening lines through `middle` (retries) to the expiry line, and post clearing the variable.
 */
export function expectSignedIn(
  result: RunResult,
  stage: Stage,
  middle: Array<string | RegExp> = [],
  tail: string[] = [],
  options: Opening = {}
): string {
  const { main, post } = result
  const key = lastKey(stage)
  const expiresAt = new Date((decodeJwt(key).exp ?? 0) * 1000).toISOString()
  expect(main.exitCode).toBe(0)
  expect(main.outputs).toEqual({ token: key, 'expires-at': expiresAt })
  // the fake's loopback api-url is not the default: the Cloudsmith CLI gets it too
  const apiHost = stage.cloudsmith.url
  expect(main.env).toEqual({ CLOUDSMITH_API_KEY: key, CLOUDSMITH_API_HOST: apiHost })
  expect(main.state).toEqual({
    'expires-at': expiresAt,
    exported: 'true',
    cleanup: 'true',
    'key-sha256': createHash('sha256').update(key).digest('hex'),
    'api-host': apiHost,
    ...EMPTY_RECORD_STATE
  })
  expect(main.masks).toContain(key)
  expect(main.masks).toContain(stage.issuer.issued.at(-1))
  expect(main.annotations).toEqual([])
  expect(renderLog(main)).toEqual([
    ...opening(stage, options),
    ...middle.map((line) => (typeof line === 'string' ? line : expect.stringMatching(line))),
    'Exported CLOUDSMITH_API_KEY for the following steps of this job.',
    `Exported CLOUDSMITH_API_HOST=${apiHost}: the Cloudsmith CLI in later steps uses this API host too.`,
    // Cloudsmith's keys live about 90 minutes
    `Cloudsmith API key for '${SERVICE_SLUG}' in '${ORG}' is valid until ${expiresAt} (89 minutes).`,
    ...tail
  ])
  expect(main.summary).toMatch(/^### Cloudsmith OIDC: signed in\n/)
  expect(main.summary).toContain(`| Key expires | \`${expiresAt} (in 89 minutes)\` |`)
  expect(post?.log).toEqual([
    'Cleared CLOUDSMITH_API_KEY for the rest of the job.',
    'Cleared CLOUDSMITH_API_HOST for the rest of the job.'
  ])
  expect(result.finalEnv).toEqual({ CLOUDSMITH_API_KEY: '', CLOUDSMITH_API_HOST: '' })
  return key
}

export interface ExpectedFailure {
  title: string
  /** Lines of the log before the error, after the opening lines. */
  middle?: Array<string | RegExp>
  /** Lines of the error message that must appear, in this order (others may come between). */
  keyLines: Array<string | RegExp>
}

/**
 * A run that failed: exit code 1, one error annotation whose message is exactly the end of the
 * log, its key lines in order, the same in the summary, nothing published, and post saying there
 * was nothing to clean up.
 */
export function expectFailed(
  result: RunResult,
  stage: Stage,
  expected: ExpectedFailure,
  options: Opening = {}
): string[] {
  const { main, post } = result
  expect(main.exitCode).toBe(1)
  expect(main.annotations.map(({ level, title }) => ({ level, title }))).toEqual([
    { level: 'error', title: expected.title }
  ])
  const message = main.annotations[0]?.message.split('\n') ?? []
  expect(renderLog(main)).toEqual([
    ...opening(stage, options),
    ...(expected.middle ?? []).map((line) =>
      typeof line === 'string' ? line : expect.stringMatching(line)
    ),
    `Error: ${message[0]}`,
    ...message.slice(1)
  ])
  expectInOrder(message, expected.keyLines)
  expect(main.outputs).toEqual({})
  expect(main.env).toEqual({})
  expect(main.state).toEqual(EMPTY_RECORD_STATE)
  expect(main.summary).toMatch(new RegExp(`^### Cloudsmith OIDC: \`${escape(expected.title)}\`\n`))
  // the summary holds the whole message, or its short form and a link to the run's log
  expect(main.summary).toContain(message[0])
  const cause = message.find((line) => line.startsWith('Likely cause: '))
  if (cause !== undefined) expect(main.summary).toContain(cause)
  if (!main.summary.includes(message.join('\n'))) {
    const { serverUrl, repository, runId } = defaultRunnerContext
    expect(main.summary).toContain(`](${serverUrl}/${repository}/actions/runs/${runId})`)
  }
  expect(post?.log).toEqual(['Nothing to clean up: the main step did not produce a key.'])
  expect(result.finalEnv).toEqual({})
  return message
}

/** Each pattern matches a line after the line the previous one matched. */
export function expectInOrder(lines: string[], patterns: Array<string | RegExp>): void {
  let from = 0
  for (const pattern of patterns) {
    const index = lines.findIndex(
      (line, at) =>
        at >= from && (typeof pattern === 'string' ? line === pattern : pattern.test(line))
    )
    if (index < 0) {
      throw new Error(
        `No line ${typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern)} after line ${from} of:\n${lines.map((line, at) => `${at}: ${line}`).join('\n')}`
      )
    }
    from = index + 1
  }
}

/** Seconds of the "retrying in N.Ns" of a log line matched by `retryLine`. */
export function retryDelaySeconds(step: StepResult, pattern: RegExp): number {
  const line = renderLog(step).find((text) => pattern.test(text))
  return Number(pattern.exec(line ?? '')?.[1] ?? NaN)
}

/**
 * One scenario on a stage of its own: `prepare` sets the stage up (faults, token claims), main and
 * post run with `step`, every run is checked with expectCleanRun (and its log snapshot) and then
 * `check`, and the stage and the run's files are always torn down.
 */
export async function inStage(
  options: StageOptions,
  prepare: (stage: Stage) => void,
  step: StepOptions,
  check: (result: RunResult, stage: Stage) => void
): Promise<void> {
  const stage = await startStage(options)
  try {
    prepare(stage)
    const result = await runStep(stage, step)
    try {
      expectCleanRun(result, stage)
      check(result, stage)
    } finally {
      result.cleanup()
    }
  } finally {
    await stage.close()
  }
}
