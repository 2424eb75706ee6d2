/**
 * What users really set up, end to end with the committed bundle: a custom API host the Cloudsmith
 * CLI must reach too, GitHub's immutable subject (numeric IDs in `sub`), a provider made for the
 * Cloudsmith CLI's audience, a provider URL written with a trailing slash, and keys that live
 * about 90 minutes. Each scenario runs main and post under the runner emulator against a local
 * OIDC issuer and the strict fake Cloudsmith.
 */
import { describe, expect, test } from '@jest/globals'
import { decodeJwt } from 'jose'
import type { ProviderConfig } from './support/fake-cloudsmith.js'
import type { TokenContext } from './support/issuer.js'
import type { RunResult } from './support/runner.js'
import { expectFailed, expectSignedIn, inStage, lastKey } from './e2e/expectations.js'
import {
  GITHUB_ISSUER,
  ORG,
  REQUIRED_CLAIMS,
  SERVICE_SLUG,
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
const IDS_DASH_SUB = `repo:octo-org-${OWNER_ID}/octo-repo-${REPOSITORY_ID}:ref:refs/heads/main`
const IDS_AT_SUB = `repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:ref:refs/heads/main`

function provider(overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    providerUrl: GITHUB_ISSUER,
    requiredClaims: { ...REQUIRED_CLAIMS },
    serviceAccounts: [SERVICE_SLUG],
    ...overrides
  }
}

/** One stage with the given provider and token context; runs main and post, always tears down. */
async function scenario(
  setUp: { provider?: ProviderConfig; context?: Partial<TokenContext> },
  step: StepOptions,
  check: (result: RunResult, stage: Stage) => void
): Promise<void> {
  const options = { cloudsmith: setUp.provider ? { providers: [setUp.provider] } : {} }
  const prepare = (stage: Stage): void => {
    if (setUp.context) stage.issuer.setScenario({ context: setUp.context })
  }
  return inStage(options, prepare, step, check)
}

describe(`dist/ on Node ${node.version}: what users set up`, () => {
  test.concurrent(
    'a custom api-url reaches the Cloudsmith CLI as CLOUDSMITH_API_HOST; post clears it with the key; keys live about 90 minutes',
    () =>
      scenario({}, {}, (result, stage) => {
        // expectSignedIn checks CLOUDSMITH_API_HOST in the exported environment and the state,
        // its log line, post clearing it, and the 89 minutes left of a 90-minute key
        const key = expectSignedIn(result, stage)
        const { exp, iat } = decodeJwt(key)
        expect((exp ?? 0) - (iat ?? 0)).toBe(90 * 60)
        expect(result.main.env.CLOUDSMITH_API_HOST).toBe(stage.cloudsmith.url)
        expect(result.finalEnv.CLOUDSMITH_API_HOST).toBe('')
      }),
    TIMEOUT
  )

  test.concurrent(
    'export-env false exports neither the key nor the API host',
    () =>
      scenario({}, { with: { 'export-env': false } }, (result, stage) => {
        expect(result.main.exitCode).toBe(0)
        expect(result.main.outputs.token).toBe(lastKey(stage))
        expect(result.main.env).toEqual({})
        expect(result.finalEnv).toEqual({})
        expect(result.post?.log).toEqual([
          'Nothing to clean up: CLOUDSMITH_API_KEY was not exported.'
        ])
      }),
    TIMEOUT
  )

  test.concurrent(
    'cleanup false leaves the key and the API host for the rest of the job',
    () =>
      scenario({}, { with: { cleanup: false } }, (result, stage) => {
        expect(result.main.exitCode).toBe(0)
        expect(result.finalEnv).toEqual({
          CLOUDSMITH_API_KEY: lastKey(stage),
          CLOUDSMITH_API_HOST: stage.cloudsmith.url
        })
        expect(result.post?.log).toEqual(['cleanup is false: CLOUDSMITH_API_KEY is left as it is.'])
      }),
    TIMEOUT
  )

  test.concurrent(
    "immutable subject: a provider's sub in the old form is refused, and the message shows the token's own sub form and the numeric IDs",
    () =>
      scenario({ context: { subjectForm: 'ids-dash' } }, {}, (result, stage) => {
        expect(stage.cloudsmith.reasons()).toEqual(['claim-mismatch:sub'])
        const message = expectFailed(
          result,
          stage,
          {
            title: 'Cloudsmith refused the ID token',
            keyLines: [
              "- Required claims: each must equal a value below; Cloudsmith's one wildcard is .* at the very end of a value (ref = refs/tags/.* admits every tag); it is supported nowhere else in a value.",
              `  Prefer the numeric IDs (repository_owner_id = ${OWNER_ID}, repository_id = ${REPOSITORY_ID}): a name can be renamed or taken over later, an ID cannot, so a claim on an ID is one a recycled or renamed name cannot match.`,
              `  This token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${IDS_DASH_SUB}. A required sub claim must be written in this form, IDs included; copy it from here.`,
              'ID token claims:',
              `  sub                  ${IDS_DASH_SUB}`,
              `  repository_owner_id  ${OWNER_ID}`,
              `  repository_id        ${REPOSITORY_ID}`
            ]
          },
          { sub: IDS_DASH_SUB }
        )
        expect(message.join('\n')).not.toContain('carries names only')
      }),
    TIMEOUT
  )

  test.concurrent(
    'immutable subject: a provider that requires the numeric repository_id accepts the token whatever its sub form',
    () =>
      scenario(
        {
          context: { subjectForm: 'ids-at' },
          provider: provider({
            requiredClaims: { repository_id: REPOSITORY_ID, aud: REQUIRED_CLAIMS.aud }
          })
        },
        {},
        (result, stage) => {
          expectSignedIn(result, stage, [], [], { sub: IDS_AT_SUB })
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    "dry run: one required claim is enough, broadest first, one recommended; the other provider URL form; the token's sub form",
    () =>
      scenario(
        { context: { subjectForm: 'ids-at' } },
        { with: { 'dry-run': true } },
        (result, stage) => {
          expect(result.main.exitCode).toBe(0)
          expect(stage.cloudsmith.exchanges()).toEqual([])
          expect(result.main.outputs).toEqual({})
          expect(result.main.env).toEqual({})
          const log = renderLog(result.main)
          const start = log.indexOf(
            `A Cloudsmith OpenID Connect provider in '${ORG}' that accepts this token:`
          )
          expect(start).toBeGreaterThan(0)
          const sub = `sub = ${IDS_AT_SUB}`
          const width = sub.length
          expect(log.slice(start + 1)).toEqual([
            `  Provider URL:     ${GITHUB_ISSUER}`,
            "                    (or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other)",
            '  Required claims:  one is enough. Each admits the jobs named beside it, from broadest to narrowest; a second claim only narrows further (a job must match all of them):',
            `    ${`repository_owner_id = ${OWNER_ID}`.padEnd(width)}   every repository of octo-org, by ID`,
            `    ${'repository_owner = octo-org'.padEnd(width)}   every repository of octo-org, by name`,
            `    ${`repository_id = ${REPOSITORY_ID}`.padEnd(width)}   only octo-org/octo-repo, any branch or environment, by ID`,
            `    ${'repository = octo-org/octo-repo'.padEnd(width)}   only octo-org/octo-repo, any branch or environment, by name`,
            `    ${sub}   only octo-org/octo-repo on refs/heads/main: a job on another branch, for a pull request or in an environment is refused`,
            `  Recommended:      repository_id = ${REPOSITORY_ID}: it admits this repository's jobs on every branch and in every environment, and no other repository's; an ID survives a rename.`,
            "  Wildcards:        Cloudsmith's one wildcard is .* at the very end of a value (ref = refs/tags/.* admits every tag); it is supported nowhere else in a value.",
            `  Service account:  ${SERVICE_SLUG} (link it to the provider)`,
            '  aud:              https://github.com/octo-org (require it only if you want to pin the audience)',
            `This token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${IDS_AT_SUB}. A required sub claim must be written in this form, IDs included; copy it from here.`
          ])
          expect(result.main.summary).toContain(
            `| \`repository_owner_id = ${OWNER_ID}\` | \`every repository of octo-org, by ID\` |`
          )
          expect(result.post?.log).toEqual([
            'Nothing to clean up: the main step did not produce a key.'
          ])
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    "a provider set up for the Cloudsmith CLI (aud = cloudsmith) refuses GitHub's default audience, and the message names the fix",
    () =>
      scenario(
        { provider: provider({ requiredClaims: { ...REQUIRED_CLAIMS, aud: 'cloudsmith' } }) },
        {},
        (result, stage) => {
          expect(stage.cloudsmith.reasons()).toEqual(['claim-mismatch:aud'])
          expectFailed(result, stage, {
            title: 'Cloudsmith refused the ID token',
            keyLines: [
              "- Audience: the token's aud is https://github.com/octo-org (GitHub's default). If the provider requires another aud, set the audience input to it.",
              "  A provider set up for the Cloudsmith CLI's own OIDC support may require aud = cloudsmith (the audience the CLI asks for): then set 'audience: cloudsmith' on this step."
            ]
          })
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'the fix the message names works: audience cloudsmith gets a key from that provider',
    () =>
      scenario(
        { provider: provider({ requiredClaims: { ...REQUIRED_CLAIMS, aud: 'cloudsmith' } }) },
        { with: { audience: 'cloudsmith' } },
        (result, stage) => {
          expectSignedIn(result, stage, [], [], { audience: 'cloudsmith' })
          expect(result.main.summary).toContain('| ID token audience | `cloudsmith` |')
        }
      ),
    TIMEOUT
  )

  test.concurrent(
    'a provider URL written with a trailing slash: the message shows both forms',
    () =>
      scenario(
        { provider: provider({ providerUrl: `${GITHUB_ISSUER}/` }) },
        {},
        (result, stage) => {
          expect(stage.cloudsmith.reasons()).toEqual(['unknown-issuer'])
          expectFailed(result, stage, {
            title: 'Cloudsmith refused the ID token',
            keyLines: [
              `- Provider URL: must be exactly ${GITHUB_ISSUER} (or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other).`
            ]
          })
        }
      ),
    TIMEOUT
  )
})
