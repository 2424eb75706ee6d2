/**
 * The dry run's report in the log: the ID token's claims, and a Cloudsmith provider that would
 * accept them. Written for someone setting a provider up for the first time: one required claim
 * is enough, so the claims that would work are listed from broadest to narrowest with what each
 * admits, and one is recommended.
 */
import type { JWTPayload } from 'jose'
import {
  claimLines,
  providerUrlNote,
  RECOMMENDED_BECAUSE,
  subjectFormNote,
  WILDCARD_RULE,
  type ProviderSuggestion
} from './claims.js'
import { log, type LogText } from './print-gate.js'

export function providerAdvice(
  org: string,
  serviceSlug: string,
  claims: JWTPayload,
  suggestion: ProviderSuggestion
): LogText[] {
  const width = Math.max(0, ...suggestion.claims.map((c) => `${c.name} = ${c.value}`.length))
  const { recommended } = suggestion
  return [
    log`Dry run: nothing is exchanged. The ID token claims:`,
    ...claimLines(claims).map((line) => log`  ${line}`),
    log`A Cloudsmith OpenID Connect provider in '${org}' that accepts this token:`,
    log`  Provider URL:     ${suggestion.providerUrl}`,
    log`                    (${providerUrlNote(suggestion.providerUrl)})`,
    suggestion.claims.length > 0
      ? log`  Required claims:  one is enough. Each admits the jobs named beside it, from broadest to narrowest; a second claim only narrows further (a job must match all of them):`
      : log`  Required claims:  none of the usual claims is in this token; require one the token shows above.`,
    ...suggestion.claims.map(
      (claim) => log`    ${`${claim.name} = ${claim.value}`.padEnd(width)}   ${claim.admits}`
    ),
    ...(recommended
      ? [
          log`  Recommended:      ${recommended.name} = ${recommended.value}: ${RECOMMENDED_BECAUSE}.`
        ]
      : []),
    ...(suggestion.claims.length > 0 ? [log`  Wildcards:        ${WILDCARD_RULE}.`] : []),
    log`  Service account:  ${serviceSlug} (link it to the provider)`,
    log`  aud:              ${suggestion.audience} (require it only if you want to pin the audience)`,
    subjectFormNote(claims)
  ]
}
