/**
 * The runner's proxy variables as @actions/http-client reads them. A value without a scheme
 * (`HTTPS_PROXY=proxy:3128`, which curl takes as http://) parses as a URL of scheme `proxy:` there
 * and the proxy is silently not used; it is read as http:// here, and said so.
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

export function schemelessProxyFixes(env: Env): ProxyFix[] {
  const fixes: ProxyFix[] = []
  for (const name of PROXY_VARIABLES) {
    const raw = env[name]?.trim()
    if (!raw || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)) continue
    const value = `http://${raw}`
    let where: string
    try {
      const url = new URL(value)
      where = url.port ? `${url.hostname}:${url.port}` : url.hostname
    } catch {
      continue // not a proxy address at all; http-client ignores it as before
    }
    fixes.push({
      name,
      value,
      note: log`${name} names a proxy without a scheme (${where}); using it as http://${where}, as curl does.`
    })
  }
  return fixes
}
