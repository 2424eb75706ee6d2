/**
 * npm: what stops a plan, checked before any request. A credential the user already keeps for
 * this registry's path (or below it) would fight this step's and is refused, never replaced; so
 * is an `npm_config_*` variable (npm reads those before any file) that would override this step's
 * registry or token; and two lines that would set the same registry path or scope.
 */
import type { PlanContext } from './plan.js'
import {
  KEY_REFERENCE,
  lowerCaseHost,
  registryKey,
  tokenKey,
  where,
  type NpmRegistry
} from './npm-registry.js'
import type { IniEntry } from './npm-user-config.js'

/** The per-registry settings npm-registry-fetch treats as a credential. */
const CREDENTIAL_FIELDS = ['_authToken', '_auth', 'username', '_password'] as const

/** Two lines may not share a registry path, a scope, or both be without a scope. */
export function betweenLines(registries: readonly NpmRegistry[]): string[] {
  const problems: string[] = []
  const seen = new Map<string, NpmRegistry>()
  for (const registry of registries) {
    const claims = [`path ${registry.nerfDart}`, `scope ${registry.scope ?? '(every package)'}`]
    for (const claim of claims) {
      const earlier = seen.get(claim)
      if (earlier) {
        problems.push(
          claim.startsWith('path')
            ? `${where(registry)}: line ${earlier.request.line} already configures the npm registry ${registry.url}; give each repository one npm line.`
            : `${where(registry)}: line ${earlier.request.line} already sets the registry for ${registry.scope ?? 'every package (no scope=)'}; npm takes one registry per scope, so give each npm line its own scope=.`
        )
        break
      }
    }
    for (const claim of claims) if (!seen.has(claim)) seen.set(claim, registry)
  }
  return problems
}

/** `npm_config_*` variables beat every config file: ones that would undo this step are refused. */
export function environmentOverrides(
  registries: readonly NpmRegistry[],
  env: PlanContext['env']
): string[] {
  const problems: string[] = []
  const set = Object.entries(env).filter(
    (entry): entry is [string, string] =>
      /^npm_config_/i.test(entry[0]) && entry[1] !== undefined && entry[1] !== ''
  )
  for (const registry of registries) {
    for (const [name] of set) {
      const key = name.slice('npm_config_'.length)
      if (key.toLowerCase() === registryKey(registry)) {
        problems.push(
          `${where(registry)}: the environment sets ${name}, which npm and pnpm read before any config file, so the registry this line sets would not be used. Remove ${name} from the job's env, or give this line a scope= of its own.`
        )
      } else if (key.startsWith('//') && credentialClash(key, registry.nerfDart)) {
        problems.push(
          `${where(registry)}: the environment sets ${name}, a credential for ${registry.nerfDart} that npm reads before any config file. Remove it from the job's env: this step signs npm in to that registry.`
        )
      }
    }
  }
  return problems
}

/** Top-level credentials of the user config that cover a line's registry path. */
export function credentialClashes(
  registries: readonly NpmRegistry[],
  entries: readonly IniEntry[],
  path: string
): string[] {
  const problems: string[] = []
  for (const registry of registries) {
    for (const entry of entries) {
      if (!entry.topLevel || !entry.key.startsWith('//')) continue
      if (isOwnTokenLine(entry, registry)) continue
      if (credentialClash(entry.key, registry.nerfDart)) {
        const field = entry.key.slice(entry.key.lastIndexOf(':') + 1)
        problems.push(
          `${where(registry)}: line ${entry.line} of the existing npm user config ${path} already holds a credential (${field}) for ${registry.nerfDart}, and this step will not write a second one. Remove that line (or that file from NPM_CONFIG_USERCONFIG), or drop this registries line and keep your own.`
        )
      }
    }
  }
  return problems
}

/**
 * Whether a credential key's nerf dart (`//host/path[/]`) covers requests under `nerfDart`: npm
 * looks credentials up under the longest prefix of a request's URL (`//host/a/b/`, then
 * `//host/a/b`, `//host/a/`, ...).
 */
function credentialClash(key: string, nerfDart: string): boolean {
  const colon = key.lastIndexOf(':')
  if (colon === -1) return false
  const field = key.slice(colon + 1)
  if (!(CREDENTIAL_FIELDS as readonly string[]).includes(field)) return false
  const prefix = lowerCaseHost(key.slice(0, colon))
  return prefix === nerfDart || prefix === nerfDart.slice(0, -1) || prefix.startsWith(nerfDart)
}

/** Is this entry a token line this action wrote before (a second use of it in the same job)? */
function isOwnTokenLine(entry: IniEntry, registry: NpmRegistry): boolean {
  return entry.value === KEY_REFERENCE && lowerCaseHost(entry.key) === tokenKey(registry)
}
