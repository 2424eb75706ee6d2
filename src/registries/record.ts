/**
 * What main applied for the `registries` input, as the post step reads it from the step's state.
 * Never the key: a variable's value and a docker login are recorded by SHA-256 only. Main saves
 * an empty record when it starts (so post never reads a record this step did not write: the
 * runner gives post the job's environment first, where an earlier step may have put a
 * STATE_registries), then the record again after each file and variable exists, and before each
 * docker login (a login may complete after main is stopped). Post checks every field before it
 * acts on any.
 */
import { posix, win32 } from 'node:path'
import { isInside } from './paths.js'
import { hostProblem } from './request.js'
import { RECORD_VERSION, REGISTRIES_STATE, serialiseRecord } from './record-state.js'
import { VARIABLE_NAME } from './variable-names.js'

export { REGISTRIES_STATE, serialiseRecord }

export type AppliedStep =
  | {
      readonly kind: 'file'
      readonly line: number
      readonly path: string
      /** `dev:ino:birth` of the file main created, and the SHA-256 of what it wrote: post removes only it. */
      readonly id: string
      readonly sha256: string
    }
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

/** Where post may act: files only under RUNNER_TEMP, with this platform's path rules. */
export interface RecordRules {
  readonly tempDir: string
  readonly platform: NodeJS.Platform
}

/**
 * The record in a state value; undefined for none, an Error for one post cannot read or that
 * holds a field main would never have written (a path outside RUNNER_TEMP, a host docker would
 * read as an option, a variable name that is not plain ASCII).
 */
export function parseRecord(text: string, rules: RecordRules): AppliedRecord | undefined | Error {
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
    (parsed as { version?: unknown }).version !== RECORD_VERSION ||
    !Array.isArray((parsed as { steps?: unknown }).steps) ||
    typeof (parsed as { cleanup?: unknown }).cleanup !== 'boolean'
  ) {
    return new Error('the saved record of what main applied has an unknown shape')
  }
  const record = parsed as { cleanup: boolean; steps: unknown[] }
  const steps = record.steps.filter((step) => isStep(step, rules))
  if (steps.length !== record.steps.length) {
    return new Error(
      'the saved record of what main applied holds a step main would not have written; nothing was undone'
    )
  }
  return { cleanup: record.cleanup, steps }
}

const SHA256 = /^[0-9a-f]{64}$/
/** A docker user name as the docker line accepts it. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/

function isStep(value: unknown, rules: RecordRules): value is AppliedStep {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const step = value as Record<string, unknown>
  const text = (name: string, valid: (value: string) => boolean): boolean => {
    const field = step[name]
    return typeof field === 'string' && valid(field)
  }
  const matches = (pattern: RegExp) => (field: string) => pattern.test(field)
  const paths = rules.platform === 'win32' ? win32 : posix
  const line = step['line']
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return false
  switch (step['kind']) {
    case 'file':
      return (
        text(
          'path',
          (path) => rules.tempDir !== '' && isInside(rules.tempDir, path, rules.platform)
        ) &&
        text('id', matches(/^\d+:\d+:\d+$/)) &&
        text('sha256', matches(SHA256))
      )
    case 'env':
      return (
        text('name', matches(VARIABLE_NAME)) &&
        text('sha256', matches(SHA256)) &&
        (step['restore'] === null || typeof step['restore'] === 'string')
      )
    case 'docker-login':
      return (
        text('host', (host) => hostProblem(host) === undefined) &&
        text('username', matches(USERNAME)) &&
        text('configDir', (dir) => paths.isAbsolute(dir) && !/[\0\r\n]/.test(dir)) &&
        text('keySha256', matches(SHA256))
      )
    default:
      return false
  }
}
