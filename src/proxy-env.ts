/**
 * The runner's proxy variables as @actions/http-client reads them. A value without a scheme
 * (`HTTPS_PROXY=proxy:3128`, which curl takes as http://) parses as a URL of scheme `proxy:` there
 * and the proxy is silently not used; it is read as http:// here, and said so. A value http-client
 * cannot read at all (a `%ZZ` in the user name, a `#` in the password) makes it connect directly,
 * past the proxy, without a word: the step stops instead, naming the variable and never its value.
 */
import { log, type LogText } from './print-gate.js'
import type { Env } from './oidc-availability.js'

export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const

export interface ProxyFix {
  readonly name: string
  readonly value: string
  /** What was changed, without the proxy's credentials. */
  readonly note: LogText
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

export function schemelessProxyFixes(env: Env): ProxyFix[] {
  const fixes: ProxyFix[] = []
  for (const name of PROXY_VARIABLES) {
    const raw = env[name]?.trim()
    if (!raw || SCHEME.test(raw)) continue
    const value = `http://${raw}`
    // one http-client cannot use is left as it is, for requireUsableProxies to name
    if (proxyProblem(value) !== undefined) continue
    const url = new URL(value)
    const credentials = url.username || url.password ? '***@' : ''
    const where = `${credentials}${url.port ? `${url.hostname}:${url.port}` : url.hostname}`
    fixes.push({
      name,
      value,
      note: log`${name} names a proxy without a scheme (${where}); using it as http://${where}, as curl does.`
    })
  }
  return fixes
}

/** A proxy variable @actions/http-client would ignore (or misread): the request would go direct. */
export class ProxySettingError extends Error {
  override readonly name = 'ProxySettingError'
  constructor(
    /** The variable, never its value: that may hold a password. */
    readonly variable: string,
    /** Why it cannot be used, in words that quote nothing of the value. */
    readonly problem: string
  ) {
    super(`${variable} cannot be used as a proxy URL: ${problem}`)
  }
}

/**
 * Stops unless every proxy variable that is set is a URL http-client reads as the proxy it names.
 * Run after the schemeless fixes are applied.
 */
export function requireUsableProxies(env: Env): void {
  for (const name of PROXY_VARIABLES) {
    const value = env[name]
    if (value === undefined || value === '') continue
    const problem = proxyProblem(value)
    if (problem !== undefined) throw new ProxySettingError(name, problem)
  }
}

/**
 * Why http-client cannot use `value` as a proxy, or undefined when it can. It reads the value with
 * `new URL` and decodes the user name and password with `decodeURIComponent`; when either throws,
 * it uses no proxy at all. A value without a scheme is judged as http://, as schemelessProxyFixes
 * makes it.
 */
export function proxyProblem(value: string): string | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return 'it is blank.'
  const text = SCHEME.test(trimmed) ? value : `http://${trimmed}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return "it is not a URL (a '#', '/', '?' or '@' in the user name or password must be percent-encoded: %23, %2F, %3F, %40)."
  }
  try {
    decodeURIComponent(url.username)
    decodeURIComponent(url.password)
  } catch {
    return "its user name or password holds a '%' that does not start a percent-escape: write a '%' as %25."
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'its scheme is not http:// or https:// (the only proxies the action can use).'
  }
  if (url.hostname === '') return 'it names no host.'
  // an '@' after the authority: a '/', '?' or '#' in the password ended the authority early, and
  // the proxy would be another host
  const afterAuthority = /[/?#\\].*$/s.exec(trimmed.replace(SCHEME, ''))?.[0] ?? ''
  if (afterAuthority.includes('@')) {
    return "its '@' does not end the user information, so the proxy would be the wrong host (a '/', '?' or '#' in the password must be percent-encoded: %2F, %3F, %23)."
  }
  return undefined
}

/**
 * The credentials in the proxy variables (user name and password, as written and decoded), so
 * that nothing quoted from outside can show them.
 */
export function proxyCredentials(env: Env): string[] {
  const found = new Set<string>()
  for (const name of PROXY_VARIABLES) {
    const value = env[name]?.trim()
    if (!value) continue
    let url: URL
    try {
      url = new URL(SCHEME.test(value) ? value : `http://${value}`)
    } catch {
      continue
    }
    for (const part of [url.username, url.password]) {
      if (!part) continue
      found.add(part)
      try {
        found.add(decodeURIComponent(part))
      } catch {
        // kept as written
      }
    }
  }
  return [...found]
}
