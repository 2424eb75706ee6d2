/**
 * What a user may see of the GitHub ID token: its non-secret claims, and the Cloudsmith provider
 * settings that would accept them. Cloudsmith's refusals are generic by design, so these lines are
 * the only place a user learns what their token actually claimed.
 */
import type { JWTPayload } from 'jose'

export const SHOWN_CLAIMS = [
  'iss',
  'aud',
  'sub',
  'repository',
  'repository_owner',
  'ref',
  'environment',
  'workflow_ref',
  'job_workflow_ref',
  'event_name',
  'runner_environment'
] as const

export const MISSING = 'MISSING'
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

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

export interface ProviderSuggestion {
  readonly providerUrl: string
  /** Required claims, loosest first: any one of these is a sound start. */
  readonly claims: ReadonlyArray<{ name: string; value: string; scope: string }>
  readonly audience: string
}

/** Cloudsmith provider settings that would accept this token, from loosest to strictest. */
export function suggestProvider(claims: JWTPayload): ProviderSuggestion {
  const options: Array<{ name: string; value: string; scope: string }> = []
  const add = (name: string, scope: string): void => {
    const value = claimText(claims, name)
    if (value !== MISSING) options.push({ name, value, scope })
  }
  add('repository_owner', 'every repository of this owner')
  add('repository', 'this repository only')
  add('sub', 'this repository and this ref or environment only')
  const called = reusableWorkflow(claims)
  if (called) add('job_workflow_ref', 'only jobs running this reusable workflow at this ref')
  return {
    providerUrl: claimText(claims, 'iss'),
    claims: options,
    audience: claimText(claims, 'aud')
  }
}
