/**
 * What main applied for the `registries` input, as the post step reads it from the step's state.
 * Never the key: a variable's value and a docker login are recorded by SHA-256 only. Main saves
 * the record again before each step it applies, so a step that fails midway is undone too.
 */

/** Name of the state entry that holds the record. */
export const REGISTRIES_STATE = 'registries'

export type AppliedStep =
  | { readonly kind: 'file'; readonly line: number; readonly path: string }
  | {
      readonly kind: 'env'
      readonly line: number
      readonly name: string
      /** SHA-256 of the value this step exported. */
      readonly sha256: string
      /**
       * What post puts back while the variable still holds this step's value; null: post leaves
       * it as it is.
       */
      readonly restore: string | null
    }
  | {
      readonly kind: 'docker-login'
      readonly line: number
      readonly host: string
      readonly username: string
      readonly configDir: string
      /** SHA-256 of the key docker was given. */
      readonly keySha256: string
    }

export interface AppliedRecord {
  /** Whether post undoes it (the `cleanup` input). */
  readonly cleanup: boolean
  /** In the order applied; post undoes them in reverse. */
  readonly steps: readonly AppliedStep[]
}

export function serialiseRecord(record: AppliedRecord): string {
  return JSON.stringify({ version: 1, ...record })
}

/** The record in a state value; undefined for none, an Error for one post cannot read. */
export function parseRecord(text: string): AppliedRecord | undefined | Error {
  if (text === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return new Error('the saved record of what main applied is not JSON')
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { version?: unknown }).version !== 1 ||
    !Array.isArray((parsed as { steps?: unknown }).steps)
  ) {
    return new Error('the saved record of what main applied has an unknown shape')
  }
  const record = parsed as { cleanup?: unknown; steps: unknown[] }
  const steps = record.steps.filter(isStep)
  if (steps.length !== record.steps.length) {
    return new Error('the saved record of what main applied holds a step of unknown shape')
  }
  return { cleanup: record.cleanup === true, steps }
}

function isStep(value: unknown): value is AppliedStep {
  if (typeof value !== 'object' || value === null) return false
  const step = value as Record<string, unknown>
  const strings = (...names: string[]): boolean =>
    names.every((name) => typeof step[name] === 'string')
  if (typeof step['line'] !== 'number') return false
  switch (step['kind']) {
    case 'file':
      return strings('path')
    case 'env':
      return strings('name', 'sha256') && (step['restore'] === null || strings('restore'))
    case 'docker-login':
      return strings('host', 'username', 'configDir', 'keySha256')
    default:
      return false
  }
}
