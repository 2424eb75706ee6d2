/**
 * One attempt at the OpenID exchange: POST the GitHub ID token to Cloudsmith and read the API key
 * from the answer. Retrying is the caller's business; this says which failures are transient.
 */
import { header, NetworkError, type Http } from './http.js'
import { parseRetryAfter, TransientError } from './retry.js'
import {
  CloudsmithError,
  errorText,
  readTokenAnswer,
  RETRYABLE_STATUSES,
  type CloudsmithToken
} from './cloudsmith-response.js'
import { MAX_BODY_BYTES } from './http.js'

export interface ExchangeRequest {
  readonly apiUrl: string
  readonly org: string
  readonly serviceSlug: string
  readonly idToken: string
  readonly timeoutMs: number
}

export function exchangeUrl(apiUrl: string, org: string): string {
  return `${apiUrl}/openid/${encodeURIComponent(org)}/`
}

export const EXCHANGE_CALL = 'the OpenID exchange'

export async function exchange(
  request: ExchangeRequest,
  http: Http,
  now: () => number,
  mask: (secret: string) => void
): Promise<CloudsmithToken> {
  const secrets = [request.idToken]
  const response = await send(http, {
    method: 'POST',
    url: exchangeUrl(request.apiUrl, request.org),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ oidc_token: request.idToken, service_slug: request.serviceSlug }),
    timeoutMs: request.timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES
  })
  if (response.status === 200 || response.status === 201) {
    return readTokenAnswer(response.status, response.body, now(), mask, secrets)
  }
  throw statusError(EXCHANGE_CALL, response, secrets, now())
}

/** An HTTP call whose network failures are transient (an oversized answer is not). */
export async function send(http: Http, ...args: Parameters<Http>): ReturnType<Http> {
  try {
    return await http(...args)
  } catch (error) {
    if (error instanceof NetworkError && error.kind !== 'too-large') {
      throw new TransientError(error.message, undefined, { cause: error })
    }
    throw error
  }
}

/** The error for a non-success answer: transient for RETRYABLE_STATUSES, final otherwise. */
export function statusError(
  call: string,
  response: Awaited<ReturnType<Http>>,
  secrets: readonly string[],
  nowMs: number
): Error {
  const said = errorText(response.body, secrets)
  if (RETRYABLE_STATUSES.has(response.status)) {
    const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), nowMs)
    return new TransientError(
      `${call}: Cloudsmith answered ${response.status}: ${said}`,
      retryAfterMs,
      {
        cause: new CloudsmithError(call, response.status, said)
      }
    )
  }
  return new CloudsmithError(call, response.status, said, header(response.headers, 'location'))
}
