/**
 * Optional check that Cloudsmith accepts the new key: GET <api-url>/user/self/ with it, and read
 * who it authenticates as. Like the exchange, the path is appended to api-url as it is, as the
 * Cloudsmith CLI does with CLOUDSMITH_API_HOST: Cloudsmith answers at its API root and under /v1/,
 * so `https://api.cloudsmith.io` and `https://api.cloudsmith.io/v1` both work.
 */
import { answerError, callCloudsmith } from './cloudsmith-call.js'
import { CloudsmithError, parseJson } from './cloudsmith-response.js'
import { MAX_BODY_BYTES, type Http } from './http.js'
import { excerpt } from './redact.js'

/** The retry policy's and the error messages' name for this call. */
export const VERIFY_OPERATION = 'Verifying the key'

export interface Identity {
  readonly slug: string
  readonly name: string
}

/** The longest name or slug shown; Cloudsmith's are far shorter. */
const IDENTITY_MAX_CHARS = 100

/** Cloudsmith answered, and does not accept the key. */
export class VerifyError extends Error {
  override readonly name = 'VerifyError'
}

export function userSelfUrl(apiUrl: string): string {
  return `${apiUrl}/user/self/`
}

export async function verifyKey(
  apiUrl: string,
  token: string,
  timeoutMs: number,
  http: Http,
  now: () => number,
  /** Other credentials the action holds, cut from anything quoted besides the key. */
  knownSecrets: readonly string[] = []
): Promise<Identity> {
  const secrets = [token, ...knownSecrets]
  const url = userSelfUrl(apiUrl)
  const response = await callCloudsmith(http, {
    method: 'GET',
    url,
    headers: { Accept: 'application/json', 'X-Api-Key': token },
    timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
    secrets
  })
  if (response.status !== 200) {
    const error = answerError(VERIFY_OPERATION, response, secrets, now())
    if (error instanceof CloudsmithError) {
      throw new VerifyError(`GET ${url} was answered ${error.status}: ${error.said}`)
    }
    throw error
  }
  const parsed = parseJson(response.body)
  if (parsed === undefined) {
    throw new VerifyError(`GET ${url} did not answer JSON: ${excerpt(response.body, secrets)}`)
  }
  const body = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>
  if (body.authenticated !== true) {
    throw new VerifyError(`GET ${url} says the key is not authenticated`)
  }
  // outside text like any other: bounded, and without anything a secret holds
  const text = (value: unknown): string =>
    typeof value === 'string' && value ? excerpt(value, secrets, IDENTITY_MAX_CHARS) : 'unknown'
  return { slug: text(body.slug), name: text(body.name) }
}
