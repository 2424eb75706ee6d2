/**
 * One HTTP request through @actions/http-client (which brings the runner's proxy settings), with
 * the safety rails a credential exchange needs: redirects are never followed, the whole request
 * has a deadline, and the body is read only up to a size cap (the caller decides whether a cut
 * body is usable: an error page is, a token answer is not).
 */
import { HttpClient } from '@actions/http-client'
import type { IncomingHttpHeaders } from 'node:http'
import { withDeadline } from './deadline.js'
import { errorMessage } from './error-message.js'
import { excerpt } from './redact.js'
import { finalTransportFault, TransportRefusedError } from './transport-fault.js'

export interface HttpRequest {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  readonly timeoutMs: number
  readonly maxBodyBytes: number
  /** Credentials this request carries or the action holds: never quoted back from a message. */
  readonly secrets?: readonly string[]
}

export interface HttpResponse {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  /** At most `maxBodyBytes` of the body. */
  readonly body: string
  /** The body was longer than `maxBodyBytes`; the rest was not read. */
  readonly truncated: boolean
}

export type Http = (request: HttpRequest) => Promise<HttpResponse>

/** The request could not be completed: no answer in time, or a broken connection. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
  constructor(
    readonly kind: 'timeout' | 'connection',
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

export const MAX_BODY_BYTES = 64 * 1024

export function createHttp(userAgent: string): Http {
  return async (request) => {
    const client = new HttpClient(userAgent, undefined, {
      allowRedirects: false,
      allowRetries: false,
      keepAlive: false,
      socketTimeout: request.timeoutMs
    })
    const host = new URL(request.url).host
    try {
      return await withDeadline(send(client, request, host), request.timeoutMs, () => {
        client.dispose() // destroys the agent's sockets, so nothing is left hanging
        return timeoutError(host, request.timeoutMs)
      })
    } finally {
      client.dispose()
    }
  }
}

async function send(client: HttpClient, request: HttpRequest, host: string): Promise<HttpResponse> {
  let response
  try {
    response = await client.request(request.method, request.url, request.body ?? null, {
      // an encoded error body would be quoted as binary
      'Accept-Encoding': 'identity',
      ...request.headers
    })
  } catch (error) {
    // http-client reports its own socket timeout as "Request timeout: <path>"
    if (errorMessage(error).startsWith('Request timeout')) {
      throw timeoutError(host, request.timeoutMs)
    }
    // a library's message is outside text: it may quote a certificate, a proxy, a header
    const said = excerpt(errorMessage(error), request.secrets)
    const fault = finalTransportFault(error)
    if (fault) {
      throw new TransportRefusedError(fault, host, `request to ${host} failed: ${said}`, {
        cause: error
      })
    }
    throw new NetworkError('connection', `request to ${host} failed: ${said}`, { cause: error })
  }
  const message = response.message
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  try {
    for await (const chunk of message as AsyncIterable<Buffer>) {
      if (size + chunk.length > request.maxBodyBytes) {
        chunks.push(chunk.subarray(0, request.maxBodyBytes - size))
        truncated = true
        message.destroy() // read no further
        break
      }
      size += chunk.length
      chunks.push(chunk)
    }
  } catch (error) {
    throw new NetworkError(
      'connection',
      `the answer from ${host} broke off: ${excerpt(errorMessage(error), request.secrets)}`,
      {
        cause: error
      }
    )
  }
  if (!truncated && !message.complete) {
    throw new NetworkError('connection', `the answer from ${host} broke off before its end`)
  }
  // asked for identity; a server that encodes anyway gets described, never quoted as binary
  const encoding = header(message.headers, 'content-encoding')?.trim()
  const encoded = encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'identity'
  return {
    status: message.statusCode ?? 0,
    headers: message.headers,
    body: encoded
      ? `(a ${excerpt(encoding, request.secrets, 40)}-encoded body of ${size} bytes, not decoded: the action asked for none)`
      : Buffer.concat(chunks).toString('utf8'),
    truncated
  }
}

function timeoutError(host: string, timeoutMs: number): NetworkError {
  return new NetworkError('timeout', `no complete answer from ${host} within ${timeoutMs / 1000}s`)
}

/** A header's single value. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
