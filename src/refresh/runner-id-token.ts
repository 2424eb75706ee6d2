/**
 * The job's ID token, asked for the way core.getIDToken asks (GET ACTIONS_ID_TOKEN_REQUEST_URL
 * plus `&audience=`, the request token as a bearer token, `{"value": ...}` back), but through our
 * own HTTP client: core.getIDToken prints `::add-mask::<ID token>` on standard output, which a
 * credential helper's standard output (read by docker, cargo or pnpm) must never carry. Failures
 * are worded as core words them, so fetchIdToken (src/id-token.ts) classifies both alike.
 */
import { errorText, parseJson } from '../cloudsmith-response.js'
import type { IdTokenSource } from '../id-token.js'
import { MAX_BODY_BYTES, type Http } from '../http.js'

export interface RunnerTokenRequest {
  /** ACTIONS_ID_TOKEN_REQUEST_URL (it has a query string already). */
  readonly url: string
  /** ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly requestToken: string
  /** The time limit of each request. */
  readonly timeoutMs: () => number
}

export function runnerIdTokenSource(request: RunnerTokenRequest, http: Http): IdTokenSource {
  return async (audience) => {
    const url =
      audience === undefined
        ? request.url
        : `${request.url}&audience=${encodeURIComponent(audience)}`
    const response = await http({
      method: 'GET',
      url,
      headers: { Authorization: `Bearer ${request.requestToken}`, Accept: 'application/json' },
      timeoutMs: request.timeoutMs(),
      maxBodyBytes: MAX_BODY_BYTES,
      secrets: [request.requestToken]
    })
    if (response.status !== 200) {
      throw new Error(
        `Failed to get ID Token. Error Code : ${response.status} Error Message: ${errorText(response.body, [request.requestToken])}`
      )
    }
    const parsed = parseJson(response.body)
    const value =
      parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).value : undefined
    if (typeof value !== 'string' || value === '') {
      throw new Error('Response json body do not have ID Token field')
    }
    return value
  }
}
