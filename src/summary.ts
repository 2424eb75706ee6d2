/**
 * Job summary texts (Markdown). They hold only what a reviewer of the run may see: never a key
 * or an ID token. Every value goes through the print gate's `gfm`, which shows it as a code span.
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
import { codeBlock, gfm, joinLines, joinMarkdown, type Markdown } from './print-gate.js'
import type { Identity } from './verify.js'

/** A two-column table: our own labels, values shown as code spans. */
function table(rows: ReadonlyArray<readonly [Markdown, unknown]>): Markdown[] {
  return [
    gfm`| | |`,
    gfm`| --- | --- |`,
    ...rows.map(([label, value]) => gfm`| ${label} | ${value} |`)
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

export function successSummary(facts: SuccessFacts): Markdown {
  return joinMarkdown([
    gfm`### Cloudsmith OIDC: signed in`,
    gfm``,
    ...table([
      [gfm`Organization`, facts.org],
      [gfm`Service account`, facts.serviceSlug],
      [gfm`ID token audience`, facts.audience],
      [gfm`Key expires`, `${facts.expiresAt.toISOString()} (in ${facts.minutesLeft} minutes)`],
      [gfm`CLOUDSMITH_API_KEY`, facts.exported ? 'exported' : 'not exported (export-env: false)'],
      [
        gfm`Identity`,
        facts.identity
          ? gfm`verified: ${facts.identity.name} (${facts.identity.slug})`
          : 'not verified (verify: false)'
      ]
    ]),
    gfm``
  ])
}

export function dryRunSummary(
  org: string,
  serviceSlug: string,
  claims: JWTPayload,
  suggestion: ProviderSuggestion
): Markdown {
  return joinMarkdown([
    gfm`### Cloudsmith OIDC: dry run (nothing exchanged)`,
    gfm``,
    gfm`#### ID token claims`,
    gfm``,
    ...table(SHOWN_CLAIMS.map((name) => [gfm`${name}`, claimText(claims, name)] as const)),
    gfm``,
    gfm`#### Provider settings in Cloudsmith (${org} > Settings > OpenID Connect)`,
    gfm``,
    ...table([
      [gfm`Provider URL`, suggestion.providerUrl],
      ...suggestion.claims.map(
        (claim) => [gfm`Required claim (${claim.scope})`, `${claim.name} = ${claim.value}`] as const
      ),
      [gfm`Service account to link`, serviceSlug],
      [gfm`aud (only if you make it a required claim)`, suggestion.audience]
    ]),
    gfm``,
    codeBlock(
      joinLines([
        providerUrlNote(suggestion.providerUrl),
        idClaimsNote(claims),
        subjectFormNote(claims)
      ])
    ),
    gfm``
  ])
}

export function failureSummary(failure: Failure): Markdown {
  return joinMarkdown([
    gfm`### Cloudsmith OIDC: ${failure.title}`,
    gfm``,
    codeBlock(failure.message),
    gfm``
  ])
}
