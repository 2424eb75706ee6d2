/**
 * Failures in reaching a server at all, or in the runner's settings for it: every attempt failed,
 * the step's time budget ran out, a proxy or TLS refusal, certificate checks turned off, Node's
 * debug output on, a proxy URL that cannot be used.
 */
import { CloudsmithError } from './cloudsmith-response.js'
import {
  capitalize,
  failure,
  hostOf,
  proxyNames,
  PROXY_SETTINGS,
  setVariables,
  type Failure,
  type FailureContext
} from './failure.js'
import { NetworkError } from './http.js'
import { ID_TOKEN_OPERATION } from './id-token.js'
import { log } from './print-gate.js'
import { ProxySettingError } from './proxy-env.js'
import { formatSeconds, OutOfTimeError, RetriesExhaustedError } from './retry.js'
import { RequestDebugOnError, TransportRefusedError } from './transport-fault.js'

export function gaveUp(error: RetriesExhaustedError, context: FailureContext): Failure {
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

export function transportRefused(error: TransportRefusedError, context: FailureContext): Failure {
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

export function certificateChecksOff(): Failure {
  return failure(log`Certificate checks are turned off`, [
    log`NODE_TLS_REJECT_UNAUTHORIZED is 0, so Node.js would accept any certificate: the GitHub ID token could go to whoever answers for api-url. Nothing was sent anywhere.`,
    log`Likely cause: the workflow, the job, this step or the runner sets NODE_TLS_REJECT_UNAUTHORIZED=0, often to get past a TLS-inspecting proxy.`,
    log`Fix: remove NODE_TLS_REJECT_UNAUTHORIZED; to trust a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to its CA certificate file instead.`
  ])
}

export function requestDebugOn(error: RequestDebugOnError): Failure {
  return failure(log`Node debug output would show credentials`, [
    log`NODE_DEBUG turns on Node.js's debug output for ${error.modules.join(', ')}, which prints every request's options and headers on stderr: the Cloudsmith key (X-Api-Key) and the runner's token for the ID token would reach the log. Nothing was sent anywhere.`,
    log`Likely cause: NODE_DEBUG is set for the workflow, the job, this step or on the runner, to debug another step.`,
    log`Fix: remove NODE_DEBUG for this step (set it only on the steps that need it, or to modules other than http, https, net, tls, http2, undici and fetch); for the action's own details, turn on debug logging (secret ACTIONS_STEP_DEBUG=true).`
  ])
}

export function proxySettingUnusable(error: ProxySettingError): Failure {
  return failure(log`Proxy setting unusable`, [
    log`${error.variable} cannot be used as a proxy URL: ${error.problem} @actions/http-client would not use it as meant: it would connect directly, past the proxy, or to another host. Nothing was sent anywhere.`,
    log`Likely cause: a proxy password or user name with special characters written into the URL as they are.`,
    log`Fix: percent-encode the user name and password in ${error.variable} (in JavaScript, encodeURIComponent), for example http://user:p%23ss@proxy.example:3128; or unset ${error.variable} if the runner needs no proxy.`
  ])
}

export function outOfTime(error: OutOfTimeError, context: FailureContext): Failure {
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
