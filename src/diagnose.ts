/**
 * Turns any failure into what the user needs: what failed, what the server said, the likely cause
 * and the fix, with a short title for the annotation. Every text here is built from values that
 * were already redacted or are not secret.
 */
import { errorMessage } from './error-message.js'
import type { JWTPayload } from 'jose'
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
  subjectFormNote
} from './claims.js'
import { AnswerTooLargeError } from './cloudsmith-call.js'
import { CloudsmithError, REFUSED_STATUSES, TokenAnswerError } from './cloudsmith-response.js'
import { EXCHANGE_OPERATION, exchangeUrl } from './exchange.js'
import { NetworkError } from './http.js'
import { ID_TOKEN_OPERATION, IdTokenError } from './id-token.js'
import { InputError, type Inputs } from './inputs.js'
import { RegistriesRefusedError, refusalLines } from './registries/refusal.js'
import { OidcUnavailableError, type Env } from './oidc-availability.js'
import { joinLines, log, type LogText } from './print-gate.js'
import { PROXY_VARIABLES, ProxySettingError } from './proxy-env.js'
import { redact } from './redact.js'
import { RegistryApplyError } from './registries/apply-error.js'
import { formatSeconds, OutOfTimeError, RetriesExhaustedError } from './retry.js'
import {
  CertificateChecksOffError,
  RequestDebugOnError,
  TransportRefusedError
} from './transport-fault.js'
import { VerifyError } from './verify.js'

export interface Failure {
  readonly title: LogText
  readonly message: LogText
  /** The message in short, for the job summary beside a link to the log, when it is long. */
  readonly brief?: LogText
}

export interface FailureContext {
  readonly inputs?: Inputs
  /** Claims of the last ID token, when one was obtained. */
  readonly claims?: JWTPayload
  readonly env: Env
  /** Credentials the action held: never quoted back. */
  readonly secrets?: readonly string[]
}

const PERMISSIONS_BLOCK = ['permissions:', '  id-token: write', '  contents: read']
const PROXY_SETTINGS = [...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy']

function failure(
  title: LogText,
  lines: ReadonlyArray<LogText | undefined>,
  brief?: ReadonlyArray<LogText | undefined>
): Failure {
  return { title, message: joinLines(lines), ...(brief ? { brief: joinLines(brief) } : {}) }
}

export function explain(error: unknown, context: FailureContext): Failure {
  if (error instanceof InputError) return invalidInputs(error)
  if (error instanceof RegistryApplyError) {
    return failure(error.failureTitle, [...error.failureLines])
  }
  if (error instanceof OidcUnavailableError) return oidcUnavailable(error)
  if (error instanceof IdTokenError) return idTokenRefused(error)
  if (error instanceof RetriesExhaustedError) return gaveUp(error, context)
  if (error instanceof VerifyError) return verifyFailed(error, context)
  if (error instanceof CloudsmithError) return cloudsmithError(error, context)
  if (error instanceof TokenAnswerError) return badTokenAnswer(error, context)
  if (error instanceof AnswerTooLargeError) return oversized(error)
  if (error instanceof TransportRefusedError) return transportRefused(error, context)
  if (error instanceof CertificateChecksOffError) return certificateChecksOff()
  if (error instanceof RequestDebugOnError) return requestDebugOn(error)
  if (error instanceof ProxySettingError) return proxySettingUnusable(error)
  if (error instanceof OutOfTimeError) return outOfTime(error, context)
  const text = redact(errorMessage(error), context.secrets)
  return failure(log`Unexpected error`, [
    log`The action failed unexpectedly: ${text}`,
    log`Likely cause: a bug in cloudsmith-oidc-action.`,
    log`Fix: re-run with debug logging (secret ACTIONS_STEP_DEBUG=true) and report the log in an issue.`
  ])
}

function invalidInputs(error: InputError): Failure {
  if (error instanceof RegistriesRefusedError) {
    const refused = refusalLines(error)
    return failure(refused.title, refused.lines)
  }
  return failure(log`Invalid input`, [
    log`The step's inputs are not valid; nothing was sent anywhere.`,
    ...error.problems.map((problem) => log`- ${problem}`),
    log`Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).`,
    log`Fix: correct the 'with:' values of this step.`
  ])
}

function oidcUnavailable(error: OidcUnavailableError): Failure {
  switch (error.reason) {
    case 'fork':
      return failure(log`No ID token for a pull request from a fork`, [
        log`GitHub gives no ID token to a workflow run for a pull request from a fork, whatever its permissions say.`,
        log`Likely cause: this ${error.eventName} run comes from a fork, and fork runs cannot be trusted with credentials.`,
        log`Fix: skip this step for forks (if: github.event_name != '${error.eventName ?? 'pull_request'}' || github.event.pull_request.head.repo.full_name == github.repository), and publish from runs on the base repository (push, release, or a merge).`
      ])
    case 'dependabot':
      return failure(log`No ID token for a Dependabot run`, [
        log`GitHub gave this run, triggered by dependabot[bot], no way to request an ID token.`,
        log`Likely cause: GitHub gives runs triggered by Dependabot a read-only token by default; only a permissions block that grants id-token: write raises it.`,
        log`Fix: if Dependabot runs should publish, add this to the job (and make sure the Cloudsmith provider's required claims accept Dependabot's branches, refs/heads/dependabot/...):`,
        ...PERMISSIONS_BLOCK.map((line) => log`  ${line}`),
        log`If they should not, skip this step for them: if: github.actor != 'dependabot[bot]'.`
      ])
    case 'permission':
      return failure(log`Missing permission id-token: write`, [
        log`GitHub gave this job no way to request an ID token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set).`,
        log`Likely cause: the job or workflow lacks the id-token permission.`,
        log`Fix: add this to the job (or the workflow):`,
        ...PERMISSIONS_BLOCK.map((line) => log`  ${line}`),
        log`A permissions block replaces the defaults, so list every other permission the job needs too.`
      ])
  }
}

function idTokenRefused(error: IdTokenError): Failure {
  return failure(log`Could not get a GitHub ID token`, [
    log`${error.message}`,
    log`Likely cause: GitHub's token service refused the request or is having trouble.`,
    log`Fix: check that the job has 'permissions: id-token: write' and that the audience input is valid; re-run the job; see https://www.githubstatus.com if it persists.`
  ])
}

function gaveUp(error: RetriesExhaustedError, context: FailureContext): Failure {
  const last = error.lastError
  const status = last.cause instanceof CloudsmithError ? last.cause.status : undefined
  const timedOut = last.cause instanceof NetworkError && last.cause.kind === 'timeout'
  const target = context.inputs ? new URL(context.inputs.apiUrl).host : 'the server'
  const idTokenHost = hostOf(context.env.ACTIONS_ID_TOKEN_REQUEST_URL) ?? "GitHub's token service"
  const proxies = setVariables(context.env, PROXY_SETTINGS)
  const proxyNote = proxies.length
    ? `the proxy settings: ${proxies.join(', ')} ${proxies.length === 1 ? 'is' : 'are'} set`
    : ''
  const lines = [
    log`${error.operation} failed after ${error.attempts} attempt(s) over ${formatSeconds(error.elapsedMs)}.`,
    log`Last error: ${last.message}`
  ]
  if (error.operation === ID_TOKEN_OPERATION) {
    return failure(log`GitHub ID token unavailable`, [
      ...lines,
      log`Likely cause: GitHub's token service at ${idTokenHost} is unreachable or having trouble${proxyNote ? `, or ${proxyNote}` : ''}.`,
      log`Fix: re-run the job; check that the runner can reach ${idTokenHost}; see https://www.githubstatus.com if it persists.`
    ])
  }
  if (status === 429) {
    return failure(log`Cloudsmith rate limit`, [
      ...lines,
      log`Likely cause: too many requests to Cloudsmith at once (for example a large matrix starting together).`,
      log`Fix: set strategy.max-parallel on the matrix so fewer jobs ask at once, or raise max-attempts. To use the key in several jobs, run this action in each job that needs the key: GitHub does not pass a job output that holds a masked value to other jobs, so a key handed on as a job output arrives empty.`
    ])
  }
  if (status !== undefined) {
    return failure(log`Cloudsmith unavailable (${status})`, [
      ...lines,
      log`Likely cause: Cloudsmith is having trouble.`,
      log`Fix: re-run the job; see https://status.cloudsmith.io if it persists.`
    ])
  }
  if (timedOut) {
    return failure(log`No answer from ${target}`, [
      ...lines,
      log`Likely cause: ${target} or something in between (${proxyNote ? `${proxyNote}; ` : ''}a firewall that drops traffic) took longer than timeout-seconds to answer.`,
      log`Fix: raise timeout-seconds for a slow link; check that the runner can reach ${target} and that api-url is right.`
    ])
  }
  return failure(log`Cannot reach ${target}`, [
    ...lines,
    log`Likely cause: a network problem between the runner and ${target} (DNS, a firewall${proxyNote ? `, or ${proxyNote}` : ''}).`,
    log`Fix: check that the runner can reach ${target} and that api-url is right.`
  ])
}

function tried(context: FailureContext): LogText | undefined {
  const inputs = context.inputs
  if (!inputs) return undefined
  return log`Tried: org '${inputs.org}', service account '${inputs.serviceSlug}', at ${exchangeUrl(inputs.apiUrl, inputs.org)}`
}

function cloudsmithError(error: CloudsmithError, context: FailureContext): Failure {
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
    log`- Required claims: each must equal (or, ending in *, prefix-match) a value below.`,
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

function badTokenAnswer(error: TokenAnswerError, context: FailureContext): Failure {
  return failure(log`Unusable answer from Cloudsmith`, [
    log`Cloudsmith answered ${error.status} to the exchange, but ${error.problem}.`,
    log`Body: ${error.said}`,
    log`Likely cause: api-url points to something other than the Cloudsmith API (a proxy or a mock), or the API changed.`,
    log`Fix: check api-url; if it is https://api.cloudsmith.io, report this with the log.`,
    tried(context)
  ])
}

function oversized(error: AnswerTooLargeError): Failure {
  return failure(log`Answer too large`, [
    log`${capitalize(error.message)}.`,
    log`Likely cause: api-url points to something other than the Cloudsmith API, or a proxy answered instead.`,
    log`Fix: check api-url and the runner's proxy settings.`
  ])
}

function verifyFailed(error: VerifyError, context: FailureContext): Failure {
  return failure(log`Cloudsmith does not accept the new key`, [
    log`The exchange returned a key, but ${error.message}.`,
    log`Likely cause: the service account is disabled or lacks access, or api-url differs from where the key is valid.`,
    log`Fix: check the service account '${context.inputs?.serviceSlug ?? ''}' in Cloudsmith; set verify: false to skip this check.`
  ])
}

function transportRefused(error: TransportRefusedError, context: FailureContext): Failure {
  const host =
    error.host ?? hostOf(context.env.ACTIONS_ID_TOKEN_REQUEST_URL) ?? "GitHub's token service"
  const what = log`${capitalize(error.message)}. This is not retried: another attempt meets the same refusal.`
  if (error.fault.kind === 'tls') {
    return failure(log`TLS certificate not trusted`, [
      what,
      log`Likely cause: the certificate ${host} presented is not one Node.js trusts: a TLS-inspecting proxy or firewall on the runner's network replaced it with its own, or it is self-signed, expired, or made out for another host.`,
      log`Fix: on a network that inspects TLS, give the runner that proxy's CA certificate: set NODE_EXTRA_CA_CERTS to its PEM file in the job's env (Node.js reads it at start). Otherwise check that api-url names the Cloudsmith API host. The action never turns certificate checks off.`
    ])
  }
  const status = error.fault.status
  return failure(log`Proxy refused the connection (${status})`, [
    what,
    status === 407
      ? log`Likely cause: the proxy in the runner's proxy settings (${proxyNames(context.env)}) asks for credentials, and none were given.`
      : log`Likely cause: the proxy in the runner's proxy settings (${proxyNames(context.env)}) does not let this runner reach ${host}.`,
    status === 407
      ? log`Fix: put the credentials in the proxy URL, from a secret: HTTPS_PROXY=http://user:password@proxy:port (and HTTP_PROXY likewise).`
      : log`Fix: ask for ${host} to be allowed through the proxy, or add it to NO_PROXY if the runner can reach it directly.`
  ])
}

function certificateChecksOff(): Failure {
  return failure(log`Certificate checks are turned off`, [
    log`NODE_TLS_REJECT_UNAUTHORIZED is 0, so Node.js would accept any certificate: the GitHub ID token could go to whoever answers for api-url. Nothing was sent anywhere.`,
    log`Likely cause: the workflow, the job, this step or the runner sets NODE_TLS_REJECT_UNAUTHORIZED=0, often to get past a TLS-inspecting proxy.`,
    log`Fix: remove NODE_TLS_REJECT_UNAUTHORIZED; to trust a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to its CA certificate file instead.`
  ])
}

function requestDebugOn(error: RequestDebugOnError): Failure {
  return failure(log`Node debug output would show credentials`, [
    log`NODE_DEBUG turns on Node.js's debug output for ${error.modules.join(', ')}, which prints every request's options and headers on stderr: the Cloudsmith key (X-Api-Key) and the runner's token for the ID token would reach the log. Nothing was sent anywhere.`,
    log`Likely cause: NODE_DEBUG is set for the workflow, the job, this step or on the runner, to debug another step.`,
    log`Fix: remove NODE_DEBUG for this step (set it only on the steps that need it, or to modules other than http, https, net, tls, http2, undici and fetch); for the action's own details, turn on debug logging (secret ACTIONS_STEP_DEBUG=true).`
  ])
}

function proxySettingUnusable(error: ProxySettingError): Failure {
  return failure(log`Proxy setting unusable`, [
    log`${error.variable} cannot be used as a proxy URL: ${error.problem} @actions/http-client would not use it as meant: it would connect directly, past the proxy, or to another host. Nothing was sent anywhere.`,
    log`Likely cause: a proxy password or user name with special characters written into the URL as they are.`,
    log`Fix: percent-encode the user name and password in ${error.variable} (in JavaScript, encodeURIComponent), for example http://user:p%23ss@proxy.example:3128; or unset ${error.variable} if the runner needs no proxy.`
  ])
}

function outOfTime(error: OutOfTimeError, context: FailureContext): Failure {
  const target =
    error.operation === ID_TOKEN_OPERATION
      ? (hostOf(context.env.ACTIONS_ID_TOKEN_REQUEST_URL) ?? "GitHub's token service")
      : context.inputs
        ? new URL(context.inputs.apiUrl).host
        : 'the server'
  const budget = formatSeconds(error.budgetMs)
  return failure(log`Step time budget used up`, [
    log`${error.operation} was stopped after ${error.attempts} attempt(s): the step's time budget (total-timeout-seconds, ${budget}) ran out.`,
    error.waitMs !== undefined
      ? log`The next attempt had to wait ${formatSeconds(error.waitMs)}${error.lastError?.retryAfterMs !== undefined ? ' (the server asked for that with Retry-After)' : ''}, past the end of the budget.`
      : undefined,
    error.lastError ? log`Last error: ${error.lastError.message}` : undefined,
    log`Likely cause: ${target} kept failing, or answered too slowly, for the whole budget.`,
    log`Fix: re-run the job later; check that the runner can reach ${target}. To wait longer, raise total-timeout-seconds (and max-attempts); to give up sooner, lower them.`
  ])
}

function proxyNames(env: Env): string {
  return setVariables(env, PROXY_VARIABLES).join(', ') || 'none set'
}

function setVariables(env: Env, names: readonly string[]): string[] {
  return names.filter((name) => env[name])
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined
  } catch {
    return undefined
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
