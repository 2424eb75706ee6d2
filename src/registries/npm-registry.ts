/**
 * npm: one `registries` line resolved to where its registry is, and the names npm gives it: the
 * registry URL, the nerf dart npm looks credentials up by, the config key that selects it.
 */
import { API_KEY_VARIABLE } from '../outputs.js'
import { domainEndpoint } from './domains.js'
import type { RegistryRequest } from './plan.js'
import { lineName } from './request.js'

export const DEFAULT_NPM_HOST = 'npm.cloudsmith.io'
/** The value npm and pnpm expand at read time: the only form of the key this step writes. */
export const KEY_REFERENCE = `\${${API_KEY_VARIABLE}}`

/** One npm line, resolved: where its registry is and what it is for. */
export interface NpmRegistry {
  readonly request: RegistryRequest
  /** `https://HOST/PATH/` */
  readonly url: string
  /** `//HOST/PATH/`, the prefix npm looks credentials up by. */
  readonly nerfDart: string
  readonly scope: string | undefined
}

export function registryOf(request: RegistryRequest): NpmRegistry {
  const endpoint = domainEndpoint(request, 'host', DEFAULT_NPM_HOST)
  const host = normaliseHost(endpoint.host)
  return {
    request,
    url: `https://${host}${endpoint.path}`,
    nerfDart: `//${host}${endpoint.path}`,
    scope: request.options.get('scope')
  }
}

/** The config key that sets this line's registry: `registry`, or `@scope:registry`. */
export function registryKey(registry: NpmRegistry): string {
  return registry.scope === undefined ? 'registry' : `${registry.scope}:registry`
}

/** The token key this step writes for the line: `//HOST/PATH/:_authToken`. */
export function tokenKey(registry: NpmRegistry): string {
  return `${registry.nerfDart}:_authToken`
}

/** How each of the line's problems starts. */
export function where(registry: NpmRegistry): string {
  return lineName(registry.request)
}

/** A nerf-darted key with its host in lower case, as npm compares them. */
export function lowerCaseHost(nerfDart: string): string {
  const slash = nerfDart.indexOf('/', 2)
  return slash === -1
    ? nerfDart.toLowerCase()
    : nerfDart.slice(0, slash).toLowerCase() + nerfDart.slice(slash)
}

/** The host as npm sees it in a request URL: lower case, without the default port 443. */
function normaliseHost(host: string): string {
  try {
    return new URL(`https://${host}/`).host
  } catch {
    return host.toLowerCase()
  }
}
