/**
 * One call to the Cloudsmith API as the retry policy sees it: network trouble and the statuses in
 * RETRYABLE_STATUSES are transient (with the server's Retry-After); everything else is final.
 */
import { CloudsmithError, errorText } from './cloudsmith-response.js'
import { header, NetworkError, type Http, type HttpRequest, type HttpResponse } from './http.js'
import { parseRetryAfter, RETRYABLE_STATUSES, TransientError } from './retry.js'

/** A success answer larger than the size cap: not Cloudsmith's API, or a proxy's page. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError'
}

/**
 * Sends the request. A network failure becomes a TransientError; a success answer larger than the
 * size cap is a final AnswerTooLargeError (an error page may be cut: it is only quoted).
 */
export async function callCloudsmith(http: Http, request: HttpRequest): Promise<HttpResponse> {
  let response: HttpResponse
  try {
    response = await http(request)
  } catch (error) {
    if (error instanceof NetworkError) {
      throw new TransientError(error.message, undefined, { cause: error })
    }
    throw error
  }
  if (response.truncated && response.status >= 200 && response.status < 300) {
    const host = new URL(request.url).host
    throw new AnswerTooLargeError(
      `the answer from ${host} is larger than ${request.maxBodyBytes} bytes; it was not read further`
    )
  }
  return response
}

/**
 * The error for an answer the caller cannot use: a TransientError around a CloudsmithError for
 * RETRYABLE_STATUSES, a plain CloudsmithError otherwise. `secrets` are cut from what is quoted.
 */
export function answerError(
  call: string,
  response: HttpResponse,
  secrets: readonly string[],
  nowMs: number
): TransientError | CloudsmithError {
  const said = errorText(response.body, secrets)
  const error = new CloudsmithError(
    call,
    response.status,
    said,
    header(response.headers, 'location')
  )
  if (!RETRYABLE_STATUSES.has(response.status)) return error
  const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), nowMs)
  // the retry log line names the call already
  return new TransientError(`Cloudsmith answered ${response.status}: ${said}`, retryAfterMs, {
    cause: error
  })
}
