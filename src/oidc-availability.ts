/**
 * Whether the job can ask GitHub for an ID token at all, and if not, why: a pull request from a
 * fork, a Dependabot run, or a job without `permissions: id-token: write`. Each has its own fix.
 */

export type Env = Readonly<Record<string, string | undefined>>

export type OidcUnavailableReason = 'fork' | 'dependabot' | 'permission'

export class OidcUnavailableError extends Error {
  override readonly name = 'OidcUnavailableError'
  constructor(
    readonly reason: OidcUnavailableReason,
    readonly eventName: string | undefined
  ) {
    super(`GitHub gave this job no way to request an ID token (${reason})`)
  }
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment'
])

/** Throws OidcUnavailableError unless both ACTIONS_ID_TOKEN_REQUEST_* variables are set. */
export function requireOidc(env: Env, readEvent: () => unknown): void {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return
  throw new OidcUnavailableError(whyUnavailable(env, readEvent), env.GITHUB_EVENT_NAME)
}

function whyUnavailable(env: Env, readEvent: () => unknown): OidcUnavailableReason {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const event = safely(readEvent)
  if (PULL_REQUEST_EVENTS.has(eventName) && isFromFork(event)) return 'fork'
  if (isDependabot(env.GITHUB_ACTOR) || isDependabot(senderLogin(event))) return 'dependabot'
  return 'permission'
}

/**
 * A pull request whose head repository is not the base repository. A deleted fork leaves the head
 * repository null: still a fork. (`head.repo.fork` is no test: it is also true for a pull request
 * between two branches of a repository that is itself a fork.)
 */
function isFromFork(event: unknown): boolean {
  const pr = field(event, 'pull_request')
  if (!pr) return false
  const head = field(field(pr, 'head'), 'repo')
  const baseName = field(field(field(pr, 'base'), 'repo'), 'full_name')
  if (head === null) return true
  const headName = field(head, 'full_name')
  return typeof headName === 'string' && typeof baseName === 'string' && headName !== baseName
}

function isDependabot(login: unknown): boolean {
  return login === 'dependabot[bot]'
}

function senderLogin(event: unknown): unknown {
  return field(field(event, 'sender'), 'login')
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
}

function safely(read: () => unknown): unknown {
  try {
    return read()
  } catch {
    return undefined
  }
}
