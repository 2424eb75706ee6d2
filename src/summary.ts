/**
 * Job summary texts (Markdown). They hold only what a reviewer of the run may see: never a key
 * or an ID token.
 */
import type { JWTPayload } from 'jose'
import {
  claimText,
  idClaimsNote,
  providerUrlNote,
  SHOWN_CLAIMS,
  subjectFormNote,
  type ProviderSuggestion
} from './claims.js'
import type { Failure } from './diagnose.js'
import type { Identity } from './verify.js'

function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ')
}

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  return [
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${cell(name)} | ${cell(value)} |`)
  ]
}

export interface SuccessFacts {
  readonly org: string
  readonly serviceSlug: string
  readonly audience: string
  readonly expiresAt: Date
  readonly minutesLeft: number
  readonly exported: boolean
  readonly identity?: Identity
}

export function successSummary(facts: SuccessFacts): string {
  return [
    '### Cloudsmith OIDC: signed in',
    '',
    ...table([
      ['Organization', facts.org],
      ['Service account', facts.serviceSlug],
      ['ID token audience', facts.audience],
      ['Key expires', `${facts.expiresAt.toISOString()} (in ${facts.minutesLeft} minutes)`],
      ['CLOUDSMITH_API_KEY', facts.exported ? 'exported' : 'not exported (export-env: false)'],
      [
        'Identity',
        facts.identity
          ? `verified: ${facts.identity.name} (${facts.identity.slug})`
          : 'not verified (verify: false)'
      ]
    ]),
    ''
  ].join('\n')
}

export function dryRunSummary(
  org: string,
  serviceSlug: string,
  claims: JWTPayload,
  suggestion: ProviderSuggestion
): string {
  return [
    '### Cloudsmith OIDC: dry run (nothing exchanged)',
    '',
    '#### ID token claims',
    '',
    ...table(SHOWN_CLAIMS.map((name) => [name, claimText(claims, name)] as const)),
    '',
    `#### Provider settings in Cloudsmith (${cell(org)} > Settings > OpenID Connect)`,
    '',
    ...table([
      ['Provider URL', suggestion.providerUrl],
      ...suggestion.claims.map(
        (claim) => [`Required claim (${claim.scope})`, `${claim.name} = ${claim.value}`] as const
      ),
      ['Service account to link', serviceSlug],
      ['aud (only if you make it a required claim)', suggestion.audience]
    ]),
    '',
    ...[providerUrlNote(suggestion.providerUrl), idClaimsNote(claims), subjectFormNote(claims)]
      .filter((note) => note !== undefined)
      .map((note) => `- ${cell(note)}`),
    ''
  ].join('\n')
}

export function failureSummary(failure: Failure): string {
  return [
    `### Cloudsmith OIDC: ${cell(failure.title)}`,
    '',
    '```text',
    failure.message.replace(/```/g, "'''"),
    '```',
    ''
  ].join('\n')
}
