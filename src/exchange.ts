/**
 * One attempt at the OpenID exchange: POST the GitHub ID token to Cloudsmith and read the API key
 * from the answer. Retrying is the caller's business; failures say whether they are transient.
 */
import { answerError, callCloudsmith } from './cloudsmith-call.js'
import { readTokenAnswer, type CloudsmithToken } from './cloudsmith-response.js'
import { MAX_BODY_BYTES, type Http } from './http.js'

export interface ExchangeRequest {
  readonly apiUrl: string
  readonly org: string
  readonly serviceSlug: string
  readonly idToken: string
  readonly timeoutMs: number
  /** Other credentials the action holds, cut from anything quoted besides the ID token. */
  readonly secrets?: readonly string[]
}

/** The retry policy's and the error messages' name for this call. */
export const EXCHANGE_OPERATION = 'The OpenID exchange'

export function exchangeUrl(apiUrl: string, org: string): string {
  return `${apiUrl}/openid/${encodeURIComponent(org)}/`
}

/** `mask` receives the key the moment it is read from the answer. */
export async function exchange(
  request: ExchangeRequest,
  http: Http,
  now: () => number,
  mask: (secret: string) => void
): Promise<CloudsmithToken> {
  const secrets = [request.idToken, ...(request.secrets ?? [])]
  const response = await callCloudsmith(http, {
    method: 'POST',
    url: exchangeUrl(request.apiUrl, request.org),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ oidc_token: request.idToken, service_slug: request.serviceSlug }),
    timeoutMs: request.timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
    secrets
  })
  if (response.status === 200 || response.status === 201) {
    return readTokenAnswer(response.status, response.body, now(), mask, secrets)
  }
  throw answerError(EXCHANGE_OPERATION, response, secrets, now())
}
