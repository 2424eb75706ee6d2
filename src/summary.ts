/**
 * Job summary texts (Markdown). They hold only what a reviewer of the run may see: never a key
 * or an ID token. Every value goes through the print gate's `gfm`, which shows it as a code span.
 */
import type { JWTPayload } from 'jose'
import {
  claimText,
  providerUrlNote,
  SHOWN_CLAIMS,
  subjectFormNote,
  type ProviderSuggestion
} from './claims.js'
import type { Failure } from './diagnose.js'
import {
  codeBlock,
  gfm,
  joinLines,
  joinMarkdown,
  log,
  markdownLink,
  type Markdown
} from './print-gate.js'
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
      [gfm`Service account to link`, serviceSlug],
      [gfm`aud (only if you make it a required claim)`, suggestion.audience]
    ]),
    gfm``,
    gfm`#### Required claims: one is enough`,
    gfm``,
    gfm`Each admits the jobs named beside it, from broadest to narrowest; a second claim only narrows further (a job must match all of them).`,
    gfm``,
    gfm`| claim | admits |`,
    gfm`| --- | --- |`,
    ...suggestion.claims.map((claim) =>
      claim === suggestion.recommended
        ? gfm`| ${`${claim.name} = ${claim.value}`} (recommended) | ${claim.admits} |`
        : gfm`| ${`${claim.name} = ${claim.value}`} | ${claim.admits} |`
    ),
    gfm``,
    ...(suggestion.recommended
      ? [
          gfm`Recommended: ${suggestion.recommended.name}, because it admits this repository's jobs on every branch and in every environment, and no other repository's; an ID survives a rename.`,
          gfm``
        ]
      : []),
    codeBlock(
      joinLines([
        log`Provider URL: ${suggestion.providerUrl} (${providerUrlNote(suggestion.providerUrl)})`,
        subjectFormNote(claims)
      ])
    ),
    gfm``
  ])
}

/**
 * A failure in short (what failed, the cause, the fix) with a link to the step's log, which holds
 * the whole diagnosis; the whole message when it has no short form or there is no link.
 */
export function failureSummary(failure: Failure, logUrl?: string): Markdown {
  const link = logUrl === undefined ? undefined : markdownLink(gfm`the job's log`, logUrl)
  const short = link !== undefined && failure.brief !== undefined
  return joinMarkdown([
    gfm`### Cloudsmith OIDC: ${failure.title}`,
    gfm``,
    codeBlock(short ? (failure.brief ?? failure.message) : failure.message),
    gfm``,
    ...(short && link
      ? [
          gfm`The whole diagnosis, with every check and the ID token's claims, is in ${link} (this step's annotation and output).`,
          gfm``
        ]
      : [])
  ])
}

/**
 * The run's page, where the job's log is, from the runner's GITHUB_* variables; undefined when one
 * is missing or not of the expected shape.
 */
export function runLogUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const server = env['GITHUB_SERVER_URL'] ?? ''
  const repository = env['GITHUB_REPOSITORY'] ?? ''
  const runId = env['GITHUB_RUN_ID'] ?? ''
  if (!/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?$/.test(server)) return undefined
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) return undefined
  if (!/^\d+$/.test(runId)) return undefined
  return `${server}/${repository}/actions/runs/${runId}`
}
