/**
 * What a user may see of the GitHub ID token: its non-secret claims, and the Cloudsmith provider
 * settings that would accept them. Cloudsmith's refusals are generic by design, so these lines are
 * the only place a user learns what their token actually claimed.
 */
import type { JWTPayload } from 'jose'
import { log, type LogText } from './print-gate.js'

export const SHOWN_CLAIMS = [
  'iss',
  'aud',
  'sub',
  'repository',
  'repository_owner',
  'repository_owner_id',
  'repository_id',
  'ref',
  'environment',
  'workflow_ref',
  'job_workflow_ref',
  'event_name',
  'runner_environment'
] as const

/** How a claim the token does not carry reads (an error-like MISSING would alarm a newcomer). */
export const MISSING = 'not in this token'
/** Numeric IDs GitHub never reuses, unlike the owner and repository names. */
const ID_CLAIMS = ['repository_owner_id', 'repository_id'] as const
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
/** The audience the Cloudsmith CLI's own OIDC support asks GitHub for. */
export const CLI_AUDIENCE = 'cloudsmith'

export function claimText(claims: JWTPayload, name: string): string {
  const value = claims[name]
  if (value === undefined || value === null || value === '') return MISSING
  if (Array.isArray(value)) return value.map(String).join(', ')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** `name: value` lines, aligned, for the claims worth showing. */
export function claimLines(claims: JWTPayload): string[] {
  const width = Math.max(...SHOWN_CLAIMS.map((name) => name.length))
  return SHOWN_CLAIMS.map((name) => `${name.padEnd(width)}  ${claimText(claims, name)}`)
}

/** The reusable workflow this job runs in, when it is not the workflow that was triggered. */
export function reusableWorkflow(
  claims: JWTPayload
): { caller: string; called: string } | undefined {
  const caller = claims.workflow_ref
  const called = claims.job_workflow_ref
  if (typeof caller === 'string' && typeof called === 'string' && caller !== called) {
    return { caller, called }
  }
  return undefined
}

export interface ClaimOption {
  readonly name: string
  readonly value: string
  /** Which jobs a provider requiring only this claim accepts. */
  readonly admits: string
}

export interface ProviderSuggestion {
  readonly providerUrl: string
  /** Required claims that would accept this token, broadest first; any one of them is enough. */
  readonly claims: readonly ClaimOption[]
  /** The one to start with, when the token has it. */
  readonly recommended: ClaimOption | undefined
  readonly audience: string
}

/**
 * How a required claim's value matches (Cloudsmith's OpenID Connect page: the wildcard `.*`, only
 * at the end of a claim's value).
 */
export const WILDCARD_RULE =
  "Cloudsmith's one wildcard is .* at the very end of a value (ref = refs/tags/.* admits every tag); it is supported nowhere else in a value"

/** Why the recommended claim is the one to start with. */
export const RECOMMENDED_BECAUSE =
  "it admits this repository's jobs on every branch and in every environment, and no other repository's; an ID survives a rename"

/** Cloudsmith provider settings that would accept this token; claims from broadest to narrowest. */
export function suggestProvider(claims: JWTPayload): ProviderSuggestion {
  const options: ClaimOption[] = []
  const owner = claimText(claims, 'repository_owner')
  const repository = claimText(claims, 'repository')
  const ownerName = owner !== MISSING ? owner : 'this owner'
  const repositoryName = repository !== MISSING ? repository : 'this repository'
  const add = (name: string, admits: string): void => {
    const value = claimText(claims, name)
    if (value !== MISSING) options.push({ name, value, admits })
  }
  add('repository_owner_id', `every repository of ${ownerName}, by ID`)
  add('repository_owner', `every repository of ${ownerName}, by name`)
  add('repository_id', `only ${repositoryName}, any branch or environment, by ID`)
  add('repository', `only ${repositoryName}, any branch or environment, by name`)
  add('sub', subAdmits(claims, repositoryName))
  const called = reusableWorkflow(claims)
  if (called) add('job_workflow_ref', `only jobs running ${called.called}`)
  return {
    providerUrl: claimText(claims, 'iss'),
    claims: options,
    recommended: options.find((option) => option.name === 'repository_id'),
    audience: claimText(claims, 'aud')
  }
}

/** What a provider requiring this token's exact `sub` accepts, and what it refuses. */
function subAdmits(claims: JWTPayload, repositoryName: string): string {
  const environment = claimText(claims, 'environment')
  if (environment !== MISSING) {
    return `only ${repositoryName} in the environment ${environment}: a job outside it, or in another environment, is refused`
  }
  const ref = claimText(claims, 'ref')
  if (ref !== MISSING) {
    return `only ${repositoryName} on ${ref}: a job on another branch, for a pull request or in an environment is refused`
  }
  return `only jobs whose sub is exactly this one`
}

/**
 * Which form of `sub` the token carries: GitHub's immutable subject (repositories created, renamed
 * or transferred on github.com after 2026-06-18, or opted in) puts the numeric owner and
 * repository IDs beside the names. Its exact spelling is GitHub's to choose, so this only looks
 * for the token's own IDs in its own `sub`, and callers show that `sub` as it is.
 */
export function subjectForm(claims: JWTPayload): 'with-ids' | 'names-only' | 'unknown' {
  const sub = claimText(claims, 'sub')
  const ids = ID_CLAIMS.map((name) => claimText(claims, name)).filter((id) => /^\d+$/.test(id))
  if (sub === MISSING || ids.length === 0) return 'unknown'
  const carries = (id: string): boolean => new RegExp(`(^|\\D)${id}(\\D|$)`).test(sub)
  return ids.some(carries) ? 'with-ids' : 'names-only'
}

/** Why the numeric ID claims come first, with their values, or undefined when the token has none. */
export function idClaimsNote(claims: JWTPayload): LogText | undefined {
  const ids = ID_CLAIMS.filter((name) => claimText(claims, name) !== MISSING).map(
    (name) => `${name} = ${claimText(claims, name)}`
  )
  if (ids.length === 0) return undefined
  return log`Prefer the numeric IDs (${ids.join(', ')}): a name can be renamed or taken over later, an ID cannot, so a claim on an ID is one a recycled or renamed name cannot match.`
}

/** One sentence on the token's `sub` form, with the `sub` itself. */
export function subjectFormNote(claims: JWTPayload): LogText {
  const sub = claimText(claims, 'sub')
  switch (subjectForm(claims)) {
    case 'with-ids':
      return log`This token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${sub}. A required sub claim must be written in this form, IDs included; copy it from here.`
    case 'names-only':
      return log`This token's sub carries names only, without the numeric IDs: ${sub}. After a rename or transfer (or an opt-in) GitHub switches the repository to a sub with the numeric IDs, which a required sub in this form no longer matches.`
    default:
      return log`This token's sub is ${sub}; it has no repository_id or repository_owner_id to compare it with.`
  }
}

/**
 * The other spelling of the provider URL, named once beside the URL shown: Cloudsmith's help page
 * writes GitHub's without a trailing slash, its API schema with one.
 */
export function providerUrlNote(iss: string): LogText {
  return iss.endsWith('/')
    ? log`or the same without the trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other`
    : log`or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other`
}

/** The token's audience is GitHub's default for its owner: `https://github.com/<owner>`. */
export function isGithubDefaultAudience(claims: JWTPayload): boolean {
  const owner = claimText(claims, 'repository_owner')
  return owner !== MISSING && claimText(claims, 'aud') === `https://github.com/${owner}`
}
