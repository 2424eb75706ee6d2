/**
 * What every explanation of a failure is made of, and the small readings of the environment they
 * share. The explanations themselves: diagnose.ts (which one), diagnose-github.ts (the ID token),
 * diagnose-cloudsmith.ts (Cloudsmith's answers), diagnose-network.ts (reaching a server at all).
 */
import type { JWTPayload } from 'jose'
import { exchangeUrl } from './exchange.js'
import type { Env } from './oidc-availability.js'
import { joinLines, log, type LogText } from './print-gate.js'
import { PROXY_VARIABLES } from './proxy-env.js'
import type { Inputs } from './step-inputs.js'

export interface Failure {
  readonly title: LogText
  readonly message: LogText
  /** The message in short, for the job summary beside a link to the log, when it is long. */
  readonly brief?: LogText
}

export interface FailureContext {
  readonly inputs?: Inputs
  /** Claims of the last ID token, when one was obtained. */
  readonly claims?: JWTPayload
  readonly env: Env
  /** Credentials the action held: never quoted back. */
  readonly secrets?: readonly string[]
}

/** The proxy variables and their exclusions, as the runner's tools read them. */
export const PROXY_SETTINGS = [...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy']

export function failure(
  title: LogText,
  lines: ReadonlyArray<LogText | undefined>,
  brief?: ReadonlyArray<LogText | undefined>
): Failure {
  return { title, message: joinLines(lines), ...(brief ? { brief: joinLines(brief) } : {}) }
}

/** `Tried: org …, service account …, at …`, when the inputs were read. */
export function tried(context: FailureContext): LogText | undefined {
  const inputs = context.inputs
  if (!inputs) return undefined
  return log`Tried: org '${inputs.org}', service account '${inputs.serviceSlug}', at ${exchangeUrl(inputs.apiUrl, inputs.org)}`
}

export function proxyNames(env: Env): string {
  return setVariables(env, PROXY_VARIABLES).join(', ') || 'none set'
}

export function setVariables(env: Env, names: readonly string[]): string[] {
  return names.filter((name) => env[name])
}

export function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined
  } catch {
    return undefined
  }
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
