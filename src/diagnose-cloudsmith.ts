/**
 * Failures in what Cloudsmith answered: a refused exchange (with the checks and the token's claims
 * to compare the provider with), a redirect, a 404, an answer that is not a key, one too large,
 * a key the API does not accept.
 */
import {
  claimLines,
  claimText,
  CLI_AUDIENCE,
  GITHUB_ISSUER,
  idClaimsNote,
  isGithubDefaultAudience,
  MISSING,
  providerUrlNote,
  reusableWorkflow,
  subjectFormNote,
  WILDCARD_RULE
} from './claims.js'
import { AnswerTooLargeError } from './cloudsmith-call.js'
import { CloudsmithError, REFUSED_STATUSES, TokenAnswerError } from './cloudsmith-response.js'
import { EXCHANGE_OPERATION } from './exchange.js'
import { capitalize, failure, tried, type Failure, type FailureContext } from './failure.js'
import { log } from './print-gate.js'
import { VerifyError } from './verify.js'

export function cloudsmithError(error: CloudsmithError, context: FailureContext): Failure {
  if (error.call === EXCHANGE_OPERATION && REFUSED_STATUSES.has(error.status)) {
    return exchangeRefused(error, context)
  }
  const said = log`Cloudsmith said: ${error.status} ${error.said}`
  if (error.status >= 300 && error.status < 400) {
    let where = 'no location'
    try {
      where = error.location ? new URL(error.location, context.inputs?.apiUrl).host : where
    } catch {
      where = 'an unreadable location'
    }
    return failure(log`Redirect refused`, [
      log`${error.call} was answered with a redirect (${error.status} to ${where}), which the action does not follow: the ID token must never be sent anywhere but api-url.`,
      said,
      log`Likely cause: api-url is not the Cloudsmith API (a web page, an old host, http instead of https).`,
      log`Fix: set api-url to https://api.cloudsmith.io, or to your Cloudsmith API host.`,
      tried(context)
    ])
  }
  if (error.status === 404) {
    return failure(log`Cloudsmith endpoint not found`, [
      log`${error.call} failed: Cloudsmith answered 404.`,
      said,
      log`Likely cause: the organization slug is wrong, or api-url does not point to the Cloudsmith API.`,
      log`Fix: use the organization slug as in https://app.cloudsmith.com/<org>, and api-url https://api.cloudsmith.io.`,
      tried(context)
    ])
  }
  return failure(log`Cloudsmith answered ${error.status}`, [
    log`${error.call} failed.`,
    said,
    log`Likely cause: a request Cloudsmith does not accept, or a change on Cloudsmith's side.`,
    log`Fix: check org, service-slug and api-url; re-run with debug logging and report it if it persists.`,
    tried(context)
  ])
}

function exchangeRefused(error: CloudsmithError, context: FailureContext): Failure {
  const claims = context.claims ?? {}
  const iss = claimText(claims, 'iss')
  const aud = claimText(claims, 'aud')
  const inputs = context.inputs
  const reusable = reusableWorkflow(claims)
  const checks = [
    log`- Provider URL: must be exactly ${iss}${iss !== MISSING ? log` (${providerUrlNote(iss)})` : ''}.`,
    iss !== GITHUB_ISSUER && iss !== MISSING
      ? log`  This is not the usual github.com issuer: GitHub Enterprise with its own issuer.`
      : undefined,
    log`- Audience: the token's aud is ${aud}${inputs?.audience === undefined ? " (GitHub's default)" : ''}. If the provider requires another aud, set the audience input to it.`,
    isGithubDefaultAudience(claims)
      ? log`  A provider set up for the Cloudsmith CLI's own OIDC support may require aud = ${CLI_AUDIENCE} (the audience the CLI asks for): then set 'audience: ${CLI_AUDIENCE}' on this step.`
      : undefined,
    reusable
      ? log`- Reusable workflow: this job runs ${reusable.called}, called from ${reusable.caller}. A required claim on workflow_ref matches the caller; require job_workflow_ref to pin the reusable workflow.`
      : undefined,
    inputs
      ? log`- Service account: '${inputs.serviceSlug}' must exist in '${inputs.org}' and be linked to the provider.`
      : undefined,
    log`- Required claims: each must equal a value below; ${WILDCARD_RULE}.`,
    idClaimsNote(claims) ? log`  ${idClaimsNote(claims)}` : undefined,
    claimText(claims, 'sub') !== MISSING ? log`  ${subjectFormNote(claims)}` : undefined
  ]
  const what = log`Cloudsmith refused to exchange the GitHub ID token for an API key.`
  const said = log`Cloudsmith said: ${error.status} ${error.said}`
  const cause = log`Likely cause: the org's OpenID Connect provider does not accept this token's claims, or the service account is not linked to it. Cloudsmith's answer does not say which, by design.`
  const where = `${inputs?.org ?? 'the organization'} > Settings > OpenID Connect`
  return failure(
    log`Cloudsmith refused the ID token`,
    [
      what,
      said,
      cause,
      log`Fix: in Cloudsmith, ${where}, compare the provider with these checks and claims (tip: the dry-run input prints settings that would accept this token):`,
      ...checks,
      tried(context),
      log`ID token claims:`,
      ...claimLines(claims).map((line) => log`  ${line}`)
    ],
    [
      what,
      said,
      cause,
      log`Fix: in Cloudsmith, ${where}, compare the provider with the checks and the ID token's claims in the step's log, or run the step with dry-run: true to print settings that would accept this token.`,
      tried(context)
    ]
  )
}

export function badTokenAnswer(error: TokenAnswerError, context: FailureContext): Failure {
  return failure(log`Unusable answer from Cloudsmith`, [
    log`Cloudsmith answered ${error.status} to the exchange, but ${error.problem}.`,
    log`Body: ${error.said}`,
    log`Likely cause: api-url points to something other than the Cloudsmith API (a proxy or a mock), or the API changed.`,
    log`Fix: check api-url; if it is https://api.cloudsmith.io, report this with the log.`,
    tried(context)
  ])
}

export function oversized(error: AnswerTooLargeError): Failure {
  return failure(log`Answer too large`, [
    log`${capitalize(error.message)}.`,
    log`Likely cause: api-url points to something other than the Cloudsmith API, or a proxy answered instead.`,
    log`Fix: check api-url and the runner's proxy settings.`
  ])
}

export function verifyFailed(error: VerifyError, context: FailureContext): Failure {
  return failure(log`Cloudsmith does not accept the new key`, [
    log`The exchange returned a key, but ${error.message}.`,
    log`Likely cause: the service account is disabled or lacks access, or api-url differs from where the key is valid.`,
    log`Fix: check the service account '${context.inputs?.serviceSlug ?? ''}' in Cloudsmith; set verify: false to skip this check.`
  ])
}
