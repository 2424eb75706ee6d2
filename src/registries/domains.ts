/**
 * Cloudsmith custom domains, one rule for every format whose URL names a repository (npm, python,
 * cargo). A host is one of three kinds, and the kind decides the path that names the repository
 * (Cloudsmith's documented rule for custom domains):
 *
 * - `cloudsmith`: Cloudsmith's own host (or a host that keeps its layout): `/ORG/REPO/`;
 * - `organization`: an organization-wide (account-wide) custom domain drops the organization:
 *   `/REPO/`;
 * - `repository`: a per-repository custom domain drops both: `/`.
 *
 * `domain=KIND` says which kind `host=` is, and `upload-domain=KIND` which kind `upload-host=` is:
 * each `…-domain` option describes the `…-host` option of the same prefix. Without it, the
 * format's own Cloudsmith host (the default) is `cloudsmith` and any other host `organization`.
 * The format adds what comes around the path (python's `basic/` before it and `python/simple/`
 * after it). docker needs none of this: it logs in by host alone.
 */
import type { RegistryRequest } from './plan.js'

export type DomainKind = 'cloudsmith' | 'organization' | 'repository'
export const DOMAIN_KINDS: readonly DomainKind[] = ['cloudsmith', 'organization', 'repository']

/** `domain` and every `…-domain` option take a kind. */
export function isDomainOption(key: string): boolean {
  return key === 'domain' || key.endsWith('-domain')
}

/** The host option a domain option describes: `domain` → `host`, `upload-domain` → `upload-host`. */
export function hostOptionOf(domainOption: string): string {
  return `${domainOption.slice(0, -'domain'.length)}host`
}

/** What a domain option takes, for the format's option table (and so its error messages). */
export function domainOptionText(domainOption: string): string {
  const host = hostOptionOf(domainOption)
  return `what ${host}= is: organization (an organization-wide custom domain, the default for any other host than Cloudsmith's: the path drops OWNER/), repository (a per-repository custom domain: the path drops OWNER/REPOSITORY/) or cloudsmith (keeps /OWNER/REPOSITORY/)`
}

/**
 * The common check of a domain option, naming the option (the caller names the line): a kind,
 * and the host option it describes given on the same line.
 */
export function domainProblems(options: ReadonlyMap<string, string>): string[] {
  const problems: string[] = []
  for (const [key, value] of options) {
    if (!isDomainOption(key)) continue
    const host = hostOptionOf(key)
    if (!(DOMAIN_KINDS as readonly string[]).includes(value)) {
      problems.push(
        `${key}=${value} is not one of ${DOMAIN_KINDS.join(', ')} (what ${host}= is: organization-wide custom domain, per-repository custom domain, or Cloudsmith's path layout).`
      )
    } else if (!options.has(host)) {
      problems.push(`${key}=${value} describes ${host}=, which is missing; give ${host}=HOST too.`)
    }
  }
  return problems
}

/**
 * A custom-domain kind given for the format's own Cloudsmith host (`host=npm.cloudsmith.io
 * domain=repository`): Cloudsmith's hosts keep `/ORG/REPO/`, so the URL would lead nowhere.
 */
export function cloudsmithHostProblem(
  request: Pick<RegistryRequest, 'options'>,
  hostOption: string,
  defaultHost: string
): string[] {
  const domainOption = `${hostOption.slice(0, -'host'.length)}domain`
  const host = request.options.get(hostOption)
  const kind = request.options.get(domainOption)
  if (host === undefined || (kind !== 'organization' && kind !== 'repository')) return []
  if (!sameHost(host, defaultHost)) return []
  return [
    `${domainOption}=${kind} says ${hostOption}= is a custom domain, but ${host} is Cloudsmith's own host, which keeps /OWNER/REPOSITORY/; give your custom domain as ${hostOption}=, or leave ${domainOption}= out.`
  ]
}

/** A line's host for one endpoint, with its kind and the path that names the repository. */
export interface DomainEndpoint {
  /** As written on the line, or the format's default. */
  readonly host: string
  readonly kind: DomainKind
  /** `/ORG/REPO/`, `/REPO/` or `/`. */
  readonly path: string
}

/** The host name without a default `:443`, lower case: how two spellings of one host compare. */
function sameHost(a: string, b: string): boolean {
  const plain = (host: string): string => host.toLowerCase().replace(/:443$/, '')
  return plain(a) === plain(b)
}

/**
 * Where a line's repository is for one of its endpoints: `hostOption` (`host`, `upload-host`) or
 * `defaultHost`, and the path its domain kind gives.
 */
export function domainEndpoint(
  request: Pick<RegistryRequest, 'owner' | 'repository' | 'options'>,
  hostOption: string,
  defaultHost: string
): DomainEndpoint {
  const host = request.options.get(hostOption) ?? defaultHost
  const given = request.options.get(`${hostOption.slice(0, -'host'.length)}domain`)
  const kind: DomainKind =
    given !== undefined && (DOMAIN_KINDS as readonly string[]).includes(given)
      ? (given as DomainKind)
      : sameHost(host, defaultHost)
        ? 'cloudsmith'
        : 'organization'
  // formats that use this rule require a repository, so the request always has one
  const repository = request.repository ?? ''
  const path = {
    cloudsmith: `/${request.owner}/${repository}/`,
    organization: `/${repository}/`,
    repository: '/'
  }[kind]
  return { host, kind, path }
}
