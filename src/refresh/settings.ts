/**
 * What the refresh helper is told by its launcher: which front-end answers (docker, cargo, pnpm),
 * who to exchange as (org, service slug, audience, API URL), where the key cache lives, and the
 * main step's retry policy and time limits. None of it is secret; the launcher holds it as
 * arguments. Pure: the launchers (launchers.ts) write what `parseHelperArgs` reads.
 */

/** The tool that runs the helper, and so the protocol it speaks. */
export type Protocol = 'docker' | 'cargo' | 'pnpm'

export const PROTOCOLS: readonly Protocol[] = ['docker', 'cargo', 'pnpm']

export interface HelperSettings {
  readonly org: string
  readonly serviceSlug: string
  /** Undefined: GitHub's default audience. */
  readonly audience: string | undefined
  readonly apiUrl: string
  /** The folder under RUNNER_TEMP holding the key cache and its lock. */
  readonly dir: string
  readonly maxAttempts: number
  readonly timeoutMs: number
  readonly totalTimeoutMs: number
}

export interface HelperCall {
  readonly protocol: Protocol
  readonly settings: HelperSettings
  /** What the tool added after the launcher's own arguments (docker: `get`, `store`, ...). */
  readonly args: readonly string[]
}

/** The helper was started with arguments its launchers never write. */
export class HelperUsageError extends Error {
  override readonly name = 'HelperUsageError'
}

/** The arguments a launcher passes, in order, before `--` and the tool's own. */
export function helperArgs(protocol: Protocol, settings: HelperSettings): string[] {
  return [
    protocol,
    '--org',
    settings.org,
    '--service-slug',
    settings.serviceSlug,
    ...(settings.audience === undefined ? [] : ['--audience', settings.audience]),
    '--api-url',
    settings.apiUrl,
    '--dir',
    settings.dir,
    '--max-attempts',
    String(settings.maxAttempts),
    '--timeout-seconds',
    String(settings.timeoutMs / 1000),
    '--total-timeout-seconds',
    String(settings.totalTimeoutMs / 1000),
    '--'
  ]
}

const OPTIONS = new Set([
  'org',
  'service-slug',
  'audience',
  'api-url',
  'dir',
  'max-attempts',
  'timeout-seconds',
  'total-timeout-seconds'
])

/** Reads what `helperArgs` wrote (and what the tool added after `--`). */
export function parseHelperArgs(argv: readonly string[]): HelperCall {
  const [protocol, ...rest] = argv
  if (!PROTOCOLS.includes(protocol as Protocol)) {
    throw new HelperUsageError(
      `the first argument must be one of ${PROTOCOLS.join(', ')}; this program is run by the launchers the action writes`
    )
  }
  const values = new Map<string, string>()
  let index = 0
  for (; index < rest.length; index += 2) {
    const flag = rest[index]!
    if (flag === '--') break
    const name = flag.startsWith('--') ? flag.slice(2) : ''
    const value = rest[index + 1]
    if (!OPTIONS.has(name) || value === undefined || values.has(name)) {
      throw new HelperUsageError(`unexpected argument ${flag}`)
    }
    values.set(name, value)
  }
  const text = (name: string): string => {
    const value = values.get(name)
    if (value === undefined || value === '') throw new HelperUsageError(`--${name} is missing`)
    return value
  }
  const whole = (name: string, min: number, max: number): number => {
    const value = Number(text(name))
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new HelperUsageError(`--${name} must be a whole number from ${min} to ${max}`)
    }
    return value
  }
  return {
    protocol: protocol as Protocol,
    settings: {
      org: text('org'),
      serviceSlug: text('service-slug'),
      audience: values.get('audience'),
      apiUrl: text('api-url'),
      dir: text('dir'),
      maxAttempts: whole('max-attempts', 1, 10),
      timeoutMs: whole('timeout-seconds', 1, 300) * 1000,
      totalTimeoutMs: whole('total-timeout-seconds', 1, 3600) * 1000
    },
    args: rest.slice(index + 1)
  }
}
