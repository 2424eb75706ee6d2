/**
 * What the action tells users is true and reads right (issue 14 items 3 and 4), end to end with
 * the committed bundle under the runner emulator: the rate-limit advice works across jobs, the dry
 * run says that one required claim is enough and which one to pick, an absent claim reads "not in
 * this token", the provider URL's two spellings are named once, and a refusal's job summary is
 * short and links the log.
 */
import { describe, expect, test } from '@jest/globals'
import type { RunResult } from './support/runner.js'
import { defaultRunnerContext } from './support/runner.js'
import type { TokenContext } from './support/issuer.js'
import { expectInOrder, inStage } from './e2e/expectations.js'
import {
  GITHUB_ISSUER,
  ORG,
  actionNode,
  renderLog,
  requireBundle,
  type Stage,
  type StepOptions
} from './e2e/harness.js'

requireBundle()
const node = actionNode()
const TIMEOUT = 30_000

/** The IDs the local issuer puts in its tokens (its default context). */
const OWNER_ID = '987654'
const REPOSITORY_ID = '123456789'

function scenario(
  context: Partial<TokenContext> | undefined,
  step: StepOptions,
  check: (result: RunResult, stage: Stage) => void,
  prepare: (stage: Stage) => void = () => undefined
): Promise<void> {
  return inStage(
    {},
    (stage) => {
      if (context) stage.issuer.setScenario({ context })
      prepare(stage)
    },
    step,
    check
  )
}

/** The dry run's provider block: from its heading to the end of the log. */
function providerBlock(result: RunResult): string[] {
  const log = renderLog(result.main)
  const start = log.indexOf(
    `A Cloudsmith OpenID Connect provider in '${ORG}' that accepts this token:`
  )
  expect(start).toBeGreaterThan(0)
  return log.slice(start + 1)
}

describe(`dist/ on Node ${node.version}: advice that works`, () => {
  test.concurrent(
    'rate limit: run the action in each job (a key passed as a job output arrives empty), and strategy.max-parallel',
    () =>
      scenario(
        undefined,
        { with: { 'max-attempts': 1 } },
        (result) => {
          const [error] = result.main.annotations
          expect(error?.title).toBe('Cloudsmith rate limit')
          const message = error?.message ?? ''
          expect(message).toContain('strategy.max-parallel')
          expect(message).toContain('run this action in each job that needs the key')
          expect(message).toContain(
            'GitHub does not pass a job output that holds a masked value to other jobs'
          )
          expect(message).not.toMatch(/pass the key|once and pass/)
        },
        (stage) => stage.cloudsmith.fault('throttle', { retryAfter: '1', times: Infinity })
      ),
    TIMEOUT
  )
})

describe(`dist/ on Node ${node.version}: the dry run reads right`, () => {
  test.concurrent(
    'one required claim is enough: listed broadest to narrowest with what each admits, one recommended',
    () =>
      scenario(undefined, { with: { 'dry-run': true } }, (result) => {
        expect(result.main.exitCode).toBe(0)
        const block = providerBlock(result)
        // no line presents a claim as the one required claim
        expect(block.filter((line) => /Required claim:/.test(line))).toEqual([])
        expectInOrder(block, [
          /^ {2}Required claims: {2}one is enough\./,
          new RegExp(`^ {4}repository_owner_id = ${OWNER_ID} +every repository of octo-org`),
          /^ {4}repository_owner = octo-org +every repository of octo-org/,
          new RegExp(`^ {4}repository_id = ${REPOSITORY_ID} +only octo-org/octo-repo`),
          /^ {4}repository = octo-org\/octo-repo +only octo-org\/octo-repo/,
          /^ {4}sub = repo:octo-org\/octo-repo:ref:refs\/heads\/main +only octo-org\/octo-repo on refs\/heads\/main: .*another branch.* refused/,
          new RegExp(`^ {2}Recommended: {6}repository_id = ${REPOSITORY_ID}\\b`)
        ])
        expect(block.filter((line) => line.includes('Recommended:'))).toHaveLength(1)
        // the summary says the same
        expect(result.main.summary).toContain('one is enough')
        expect(result.main.summary).toContain(`\`repository_id = ${REPOSITORY_ID}\` (recommended)`)
      }),
    TIMEOUT
  )

  test.concurrent(
    'in an environment: sub admits only that environment, and the recommendation still holds',
    () =>
      scenario({ environment: 'production' }, { with: { 'dry-run': true } }, (result) => {
        const block = providerBlock(result)
        expectInOrder(block, [
          /^ {4}sub = repo:octo-org\/octo-repo:environment:production +only octo-org\/octo-repo in the environment production: .*refused/,
          new RegExp(`^ {2}Recommended: {6}repository_id = ${REPOSITORY_ID}\\b`)
        ])
      }),
    TIMEOUT
  )

  test.concurrent(
    'a claim absent from the token reads "not in this token", never MISSING',
    () =>
      scenario(undefined, { with: { 'dry-run': true } }, (result) => {
        const log = renderLog(result.main)
        expect(log).toContain('  environment          not in this token')
        expect(log.join('\n')).not.toContain('MISSING')
        expect(result.main.summary).not.toContain('MISSING')
      }),
    TIMEOUT
  )

  test.concurrent(
    'the provider URL note names the two spellings once, without printing the URL twice',
    () =>
      scenario(undefined, { with: { 'dry-run': true } }, (result) => {
        const block = providerBlock(result).join('\n')
        expect(block.split(GITHUB_ISSUER)).toHaveLength(2)
        expect(block).toContain(`  Provider URL:     ${GITHUB_ISSUER}\n`)
        expect(block).toMatch(/with a trailing slash/)
      }),
    TIMEOUT
  )
})

describe(`dist/ on Node ${node.version}: a refusal's job summary`, () => {
  test.concurrent(
    'is short and links the log, which holds the whole diagnosis',
    () =>
      scenario({ environment: 'production' }, {}, (result) => {
        expect(result.main.exitCode).toBe(1)
        const message = result.main.annotations[0]?.message ?? ''
        // the log and the annotation keep everything: the checks and the claims
        expect(message).toContain('ID token claims:')
        const summary = result.main.summary
        expect(summary).toMatch(/^### Cloudsmith OIDC: `Cloudsmith refused the ID token`\n/)
        expect(summary).toContain('Likely cause: ')
        expect(summary).toContain('Fix: ')
        expect(summary).not.toContain('ID token claims:')
        // the diagnosis in short: what failed, what Cloudsmith said, the cause, the fix, what was tried
        const block = /```text\n([\s\S]*?)\n```/.exec(summary)?.[1]?.split('\n') ?? []
        expect(block.map((line) => line.split(':')[0])).toEqual([
          'Cloudsmith refused to exchange the GitHub ID token for an API key.',
          'Cloudsmith said',
          'Likely cause',
          'Fix',
          'Tried'
        ])
        const { serverUrl, repository, runId } = defaultRunnerContext
        expect(summary).toContain(`(${serverUrl}/${repository}/actions/runs/${runId})`)
      }),
    TIMEOUT
  )
})
