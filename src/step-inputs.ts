/**
 * Turns the step's raw `with:` strings into one typed, validated object before anything touches the
 * network. Every problem is reported at once, each naming the input and what it accepts. The
 * `registries` lines are read by the registries code, passed in only when the input is set (main
 * loads that code then, and only then; src/inputs.ts binds it for callers that always want it).
 */
import { InputError } from './input-error.js'
import type { RegistryRequest } from './registries/plan.js'
import type { ParsedRegistries } from './registries/request.js'
import { withoutCredentials } from './redact.js'

export { InputError }

export interface Inputs {
  readonly org: string
  readonly serviceSlug: string
  /** Undefined: GitHub's default audience. */
  readonly audience: string | undefined
  /** Normalised, without a trailing slash. */
  readonly apiUrl: string
  readonly exportEnv: boolean
  readonly cleanup: boolean
  readonly maxAttempts: number
  readonly timeoutMs: number
  /** One time budget for the whole main step: every request, retry and wait. */
  readonly totalTimeoutMs: number
  readonly jobSummary: boolean
  readonly verify: boolean
  readonly dryRun: boolean
  /** docker, cargo and pnpm take the key from a helper that exchanges again before it expires. */
  readonly refresh: boolean
  /** The `registries` lines, validated; empty when the input is. */
  readonly registries: readonly RegistryRequest[]
}

/** What validating `registries` needs from the machine: where a program is on PATH. */
export interface ProgramLookup {
  findProgram(name: string): string | undefined
}

/** Reads the `registries` input's text for the action's `org`: the lines and their problems. */
export type RegistriesParser = (text: string, org: string) => ParsedRegistries

export const DEFAULT_API_URL = 'https://api.cloudsmith.io'
/** The default total-timeout-seconds: a hostile or broken server holds a job 3 minutes at most. */
export const DEFAULT_TOTAL_TIMEOUT_SECONDS = 180
export const DEFAULT_TIMEOUT_SECONDS = 30
const SLUG_MAX_LENGTH = 128
const AUDIENCE_MAX_LENGTH = 512
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
/** C0 and C1 controls, DEL and Unicode line or paragraph separators. */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
/** What GitHub's runner reads as a command: `##[` anywhere, `::` at the start. */
const RUNNER_COMMAND = /##\[|^\s*::/
const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/**
 * `read(name)` returns the raw value of an input, '' when unset (as core.getInput does). Without a
 * `registries` parser, a set `registries` input is a bug of the caller.
 */
export function readInputs(
  read: (name: string) => string,
  registriesParser?: RegistriesParser
): Inputs {
  const problems: string[] = []
  const conflicts: string[] = []
  const get = (name: string): string => read(name).trim()

  const slug = (name: string): string => {
    const value = get(name)
    if (value === '') {
      problems.push(`Input '${name}' is required and was empty.`)
    } else if (value.length > SLUG_MAX_LENGTH) {
      problems.push(
        `Input '${name}' is ${value.length} characters long; at most ${SLUG_MAX_LENGTH} are allowed.`
      )
    } else if (slugProblem(value)) {
      problems.push(
        `Input '${name}' is ${JSON.stringify(value)}: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'.`
      )
    }
    return value
  }

  const registries = (org: string): readonly RegistryRequest[] => {
    const value = read('registries')
    if (value.trim() === '') return []
    if (registriesParser === undefined) throw new Error('registries is set, and no parser for it')
    const parsed = registriesParser(value, org)
    problems.push(...parsed.problems)
    conflicts.push(...parsed.conflicts)
    return parsed.requests
  }

  const flag = (name: string, fallback: boolean): boolean => {
    const value = get(name)
    if (value === '') return fallback
    if (TRUE.includes(value)) return true
    if (FALSE.includes(value)) return false
    problems.push(`Input '${name}' is ${JSON.stringify(value)}: use true or false.`)
    return fallback
  }

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = get(name)
    if (value === '') return fallback
    const n = /^\d+$/.test(value) ? Number(value) : NaN
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(
        `Input '${name}' is ${JSON.stringify(value)}: use a whole number from ${min} to ${max}.`
      )
      return fallback
    }
    return n
  }

  const audience = (): string | undefined => {
    const value = get('audience')
    if (value === '') return undefined
    if (value.length > AUDIENCE_MAX_LENGTH || NOT_PRINTABLE.test(value)) {
      problems.push(
        `Input 'audience' must be at most ${AUDIENCE_MAX_LENGTH} printable characters (or empty for GitHub's default).`
      )
    } else if (RUNNER_COMMAND.test(value)) {
      problems.push(
        `Input 'audience' holds '##[' or starts with '::', which GitHub's runner would read as a command; an audience is a URL or a plain name.`
      )
    }
    return value
  }

  const apiUrl = (): string => {
    const value = get('api-url') || DEFAULT_API_URL
    const checked = checkApiUrl(value)
    if ('problem' in checked) {
      // named without what may be a credential: user information, a query, a fragment
      problems.push(
        `Input 'api-url' is ${JSON.stringify(withoutCredentials(value))}: ${checked.problem}`
      )
      return value
    }
    return checked.url
  }

  const org = slug('org')
  const inputs: Inputs = {
    org,
    serviceSlug: slug('service-slug'),
    audience: audience(),
    apiUrl: apiUrl(),
    exportEnv: flag('export-env', true),
    cleanup: flag('cleanup', true),
    maxAttempts: integer('max-attempts', 5, 1, 10),
    timeoutMs: integer('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 1, 300) * 1000,
    totalTimeoutMs: integer('total-timeout-seconds', DEFAULT_TOTAL_TIMEOUT_SECONDS, 1, 3600) * 1000,
    jobSummary: flag('job-summary', true),
    verify: flag('verify', false),
    dryRun: flag('dry-run', false),
    refresh: flag('refresh', false),
    registries: registries(org)
  }
  if (inputs.totalTimeoutMs < inputs.timeoutMs) {
    problems.push(
      `Input 'total-timeout-seconds' (${inputs.totalTimeoutMs / 1000}) is less than 'timeout-seconds' (${inputs.timeoutMs / 1000}): the step's budget must hold at least one whole request.`
    )
  }
  if (problems.length > 0 || conflicts.length > 0) throw new InputError(problems, conflicts)
  return inputs
}

/**
 * The API base URL exactly as it will be used (the parsed URL's origin and path, without a
 * trailing slash), or why `value` is not acceptable. Whitespace and control characters are refused
 * before parsing: the URL parser would drop a newline silently, and the raw text would differ
 * from what is requested.
 */
function checkApiUrl(value: string): { url: string } | { problem: string } {
  if (/\s/.test(value) || NOT_PRINTABLE.test(value)) {
    return { problem: 'whitespace and control characters are not allowed.' }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { problem: 'not an absolute URL (expected something like https://api.cloudsmith.io).' }
  }
  if (url.hostname.startsWith('[')) {
    // http-client hands the bracketed form to the resolver, which cannot look it up
    return { problem: 'an IPv6 address literal is not supported; use a host name.' }
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    return { problem: 'use https (plain http is accepted only for a loopback address, for tests).' }
  }
  if (url.username || url.password) return { problem: 'credentials in the URL are not allowed.' }
  if (url.search || value.includes('?')) return { problem: 'a query string is not allowed.' }
  if (url.hash || value.includes('#')) return { problem: 'a fragment is not allowed.' }
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` }
}

/** Undefined for a good slug (org, repository), else what a slug must look like. */
export function slugProblem(value: string): string | undefined {
  if (value === '') return 'is empty.'
  if (value.length > SLUG_MAX_LENGTH) return `is longer than ${SLUG_MAX_LENGTH} characters.`
  if (!SLUG.test(value) || value.includes('..')) {
    return "is not a slug: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'."
  }
  return undefined
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || /^127(\.\d{1,3}){3}$/.test(hostname)
}
