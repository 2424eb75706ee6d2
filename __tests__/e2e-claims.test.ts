/**
 * Required-claims mismatches, end to end with the committed bundle: Cloudsmith (the strict fake)
 * refuses each with the same generic 401, so the action must fail at once, without retrying, and
 * show the user what the ID token claimed where it differs from the provider's settings.
 */
import { describe, expect, test } from '@jest/globals'
import { decodeJwt, type JWTPayload } from 'jose'
import { claimMatches, type RefusalReason } from './support/fake-cloudsmith.js'
import type { ClaimOverrides, TokenContext } from './support/issuer.js'
import { escape, expectCleanRun, expectFailed, expectInOrder } from './e2e/expectations.js'
import {
  GITHUB_ISSUER,
  ORG,
  REQUIRED_CLAIMS,
  SERVICE_SLUG,
  actionNode,
  requireBundle,
  runStep,
  startStage
} from './e2e/harness.js'

requireBundle()
const node = actionNode()

/** The claims the action shows, in its order and alignment. */
const SHOWN = [
  'iss',
  'aud',
  'sub',
  'repository',
  'repository_owner',
  'repository_owner_id',
  'repository_id',
  'ref',
  'environment',
  'workflow_ref',
  'job_workflow_ref',
  'event_name',
  'runner_environment'
]

function claimBlock(claims: JWTPayload): string[] {
  return SHOWN.map((name) => {
    const value = claims[name]
    return `  ${name.padEnd(19)}  ${value === undefined || value === '' ? 'not in this token' : String(value)}`
  })
}

interface MismatchCase {
  name: string
  context?: Partial<TokenContext>
  claims?: ClaimOverrides
  with?: Record<string, string>
  reason: RefusalReason
  /** What differs from the provider's settings: claim names, or `service account`. */
  differs: string[]
  /** A line of the message that points at the difference. */
  pointer: (claims: JWTPayload) => RegExp
}

const cases: MismatchCase[] = [
  {
    name: 'wrong sub (the job runs in an environment)',
    context: { environment: 'production' },
    reason: 'claim-mismatch:sub',
    differs: ['sub'],
    pointer: () => /^- Required claims: /
  },
  {
    name: 'wrong aud (the audience input asks for another one)',
    with: { audience: 'https://api.cloudsmith.io' },
    reason: 'claim-mismatch:aud',
    differs: ['aud'],
    pointer: () => /^- Audience: the token's aud is https:\/\/api\.cloudsmith\.io\b/
  },
  {
    name: 'wrong iss (GitHub Enterprise with its own issuer)',
    claims: { iss: `${GITHUB_ISSUER}/octo-enterprise` },
    reason: 'unknown-issuer',
    differs: ['iss'],
    pointer: () =>
      new RegExp(`^- Provider URL: must be exactly ${escape(GITHUB_ISSUER)}/octo-enterprise\\b`)
  },
  {
    name: 'a service account not linked to the provider',
    with: { 'service-slug': 'deploy-bot' },
    reason: 'service-not-linked',
    differs: ['service account'],
    pointer: () => new RegExp(`^- Service account: 'deploy-bot' must exist in '${ORG}'`)
  }
]

describe(`dist/ on Node ${node.version}: Cloudsmith refuses the ID token`, () => {
  test.concurrent.each(cases)(
    '$name: fails at once and shows the claims that differ',
    async (scenario) => {
      const stage = await startStage()
      try {
        stage.issuer.setScenario({ context: scenario.context, claims: scenario.claims })
        const result = await runStep(stage, { with: scenario.with })
        try {
          expectCleanRun(result, stage)
          const claims = decodeJwt(stage.issuer.issued[0] ?? '')
          const slug = scenario.with?.['service-slug'] ?? SERVICE_SLUG

          // the scenario differs from what the fake was configured with in exactly one respect
          const provider = stage.cloudsmith.providers[0]
          expect(provider).toMatchObject({
            providerUrl: GITHUB_ISSUER,
            requiredClaims: REQUIRED_CLAIMS,
            serviceAccounts: [SERVICE_SLUG]
          })
          const differs = [
            ...(claims.iss === provider?.providerUrl ? [] : ['iss']),
            ...Object.entries(provider?.requiredClaims ?? {})
              .filter(([name, wanted]) => !claimMatches(claims[name], wanted))
              .map(([name]) => name),
            ...(provider?.serviceAccounts.includes(slug) ? [] : ['service account'])
          ]
          expect(differs).toEqual(scenario.differs)
          expect(stage.cloudsmith.reasons()).toEqual([scenario.reason])

          const message = expectFailed(
            result,
            stage,
            {
              title: 'Cloudsmith refused the ID token',
              keyLines: [
                'Cloudsmith said: 401 Authentication credentials were not provided or are invalid.',
                scenario.pointer(claims),
                `Tried: org '${ORG}', service account '${slug}', at ${stage.cloudsmith.url}/openid/${ORG}/`,
                'ID token claims:',
                ...claimBlock(claims)
              ]
            },
            { audience: scenario.with?.audience, sub: String(claims.sub), slug }
          )
          // the claims close the message, and every claim that differs is shown with its value
          expect(message.slice(-SHOWN.length)).toEqual(claimBlock(claims))
          for (const name of differs.filter((name) => name !== 'service account')) {
            expectInOrder(message, [new RegExp(`^  ${name} +${escape(String(claims[name]))}$`)])
          }
          // refused is final: one exchange, no retry
          expect(stage.cloudsmith.exchanges()).toHaveLength(1)
          expect(
            result.main.debug.filter((line) => line.startsWith('The OpenID exchange: attempt'))
          ).toEqual(['The OpenID exchange: attempt 1 of 5'])
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
