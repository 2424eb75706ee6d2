/**
 * One new key for the helper: a fresh ID token from the job's request variables, exchanged at
 * Cloudsmith, with the main step's retry policy, per-request time limit and one deadline for the
 * whole call. Every credential it meets is added to `secrets`, so nothing quoted shows one.
 */
import type { CloudsmithToken } from '../cloudsmith-response.js'
import { requestTimeoutMs } from '../deadline.js'
import { exchange, EXCHANGE_OPERATION } from '../exchange.js'
import type { Http } from '../http.js'
import { fetchIdToken, ID_TOKEN_OPERATION, idTokenKeeper } from '../id-token.js'
import type { Env } from '../oidc-availability.js'
import { requireCertificateChecks, requireQuietRequests } from '../transport-fault.js'
import { DEFAULT_RETRY_POLICY, retry, type Clock } from '../retry.js'
import { runnerIdTokenSource } from './runner-id-token.js'
import type { HelperSettings } from './settings.js'

/** The job's ID token request variables are not in the helper's environment. */
export class NoRequestVariablesError extends Error {
  override readonly name = 'NoRequestVariablesError'
}

export interface MintDeps {
  readonly env: Env
  readonly http: Http
  readonly clock: Clock
  readonly random: () => number
  /** Credentials held so far; the ID token and the new key join. */
  readonly secrets: string[]
}

export async function mintKey(settings: HelperSettings, deps: MintDeps): Promise<CloudsmithToken> {
  const { env, http, clock, secrets } = deps
  const url = env['ACTIONS_ID_TOKEN_REQUEST_URL']
  const requestToken = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']
  if (!url || !requestToken) {
    throw new NoRequestVariablesError(
      "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set here, so no new key can be exchanged (they reach only the job's own steps and the programs those start, not a `docker run` container or another job; the job also needs `permissions: id-token: write`)"
    )
  }
  secrets.push(requestToken)
  requireCertificateChecks(env)
  requireQuietRequests(env)
  const budgetMs = settings.totalTimeoutMs
  const deadline = { atMs: clock.now() + budgetMs, budgetMs }
  const timeoutMs = (): number => requestTimeoutMs(settings.timeoutMs, deadline.atMs, clock.now())
  const options = (operation: string) => ({
    operation,
    policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: settings.maxAttempts },
    clock,
    random: deps.random,
    deadline
  })
  const source = runnerIdTokenSource({ url, requestToken, timeoutMs }, http)
  const idTokens = idTokenKeeper(async () => {
    const idToken = await retry(
      () => fetchIdToken(source, settings.audience, timeoutMs(), secrets),
      options(ID_TOKEN_OPERATION)
    )
    secrets.push(idToken.value)
    return idToken
  }, clock.now)
  return retry(async () => {
    const idToken = await idTokens.current()
    const request = {
      apiUrl: settings.apiUrl,
      org: settings.org,
      serviceSlug: settings.serviceSlug,
      idToken: idToken.value,
      timeoutMs: timeoutMs(),
      secrets
    }
    return exchange(request, http, clock.now, (key) => secrets.push(key))
  }, options(EXCHANGE_OPERATION))
}
