/**
 * Network failures that no retry can mend, told apart from passing trouble: a TLS certificate the
 * runner does not trust (self-signed, expired, for another host, or replaced by a TLS-inspecting
 * proxy) and a proxy that refuses to open the tunnel (407, 403). They fail at once, under a name
 * of their own, instead of being retried and reported as "cannot reach".
 */
import { errorMessage } from './error-message.js'
import type { Env } from './oidc-availability.js'

export type TransportFault =
  | { readonly kind: 'tls'; readonly code: string | undefined }
  | { readonly kind: 'proxy'; readonly status: number }

/** A final network failure: the request never reached the server's answer. */
export class TransportRefusedError extends Error {
  override readonly name = 'TransportRefusedError'
  constructor(
    readonly fault: TransportFault,
    /** host:port the request was for, when the caller knows it. */
    readonly host: string | undefined,
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

/** Node's (OpenSSL's) codes for a certificate it will not accept. */
const TLS_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH'
])

/**
 * The same failures as their messages say them, for errors that kept only the text (the ID token
 * client wraps every failure into a message).
 */
const TLS_MESSAGE =
  /self[- ]signed certificate|unable to verify the first certificate|unable to get (?:local )?issuer certificate|certificate has expired|certificate is not yet valid|certificate signature failure|Hostname\/IP does not match certificate's altnames|certificate revoked/i

/** What http-client's tunnel agent throws when the proxy answers CONNECT with another status. */
const TUNNEL_REFUSED = /tunneling socket could not be established, statusCode=(\d{3})/

/** The final fault in `error`, or undefined when it is worth another attempt or unknown. */
export function finalTransportFault(error: unknown): TransportFault | undefined {
  const code = errorCode(error)
  const message = errorMessage(error)
  if (code !== undefined && TLS_CODES.has(code)) return { kind: 'tls', code }
  const tunnel = TUNNEL_REFUSED.exec(message)
  if (tunnel) return { kind: 'proxy', status: Number(tunnel[1]) }
  if (TLS_MESSAGE.test(message)) return { kind: 'tls', code }
  return undefined
}

function errorCode(error: unknown): string | undefined {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : undefined
}

/** NODE_TLS_REJECT_UNAUTHORIZED=0: Node checks no certificate in this process. */
export class CertificateChecksOffError extends Error {
  override readonly name = 'CertificateChecksOffError'
}

/**
 * Refuses to run when Node's certificate checks are turned off for the whole process: the ID
 * token would go to whoever answers for api-url, and a key would come from there.
 */
export function requireCertificateChecks(env: Env): void {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new CertificateChecksOffError('NODE_TLS_REJECT_UNAUTHORIZED is 0')
  }
}

/** Node's modules whose NODE_DEBUG output shows requests: their headers, with the key in them. */
const REQUEST_DEBUG_MODULES = ['http', 'https', 'net', 'tls', 'http2', 'undici', 'fetch'] as const

/** NODE_DEBUG names a module that prints request headers (the key, the runner's token) on stderr. */
export class RequestDebugOnError extends Error {
  override readonly name = 'RequestDebugOnError'
  constructor(readonly modules: readonly string[]) {
    super(`NODE_DEBUG turns on Node's debug output for ${modules.join(', ')}`)
  }
}

/**
 * Refuses to run when NODE_DEBUG makes Node print what goes over the wire: the request options
 * with their headers (X-Api-Key, the bearer token for the ID token) would reach the log.
 */
export function requireQuietRequests(env: Env): void {
  const modules = nodeDebugModules(env.NODE_DEBUG ?? '', REQUEST_DEBUG_MODULES)
  if (modules.length > 0) throw new RequestDebugOnError(modules)
}

/**
 * Which of `modules` NODE_DEBUG turns on, read as Node reads it: names separated by commas, `*`
 * for any run of characters, case ignored, nothing trimmed.
 */
export function nodeDebugModules(value: string, modules: readonly string[]): string[] {
  if (value === '') return []
  const pattern = value
    .replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/,/g, '$|^')
  const enabled = new RegExp(`^${pattern}$`, 'i')
  return modules.filter((name) => enabled.test(name))
}
