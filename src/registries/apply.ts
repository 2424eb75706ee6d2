/**
 * Applies the plans (main, after the key is masked) through the System (files, processes) and
 * ActionsIO (variables, state, log). The record is saved as each thing comes to exist: a file or a
 * variable after it is there, a docker login before docker runs (it may complete after main is
 * stopped), so whatever happened before a failure is undone by post, and post never touches what
 * this step did not make.
 */
import type { ActionsIO } from '../actions-io.js'
import type { Deadline } from '../deadline.js'
import { errorMessage } from '../error-message.js'
import { fingerprint } from '../fingerprint.js'
import { log } from '../print-gate.js'
import type { System } from '../system.js'
import { applyFailure, RegistryApplyError } from './apply-error.js'
import { basicAuth } from './docker.js'
import { dockerLogin } from './docker-login.js'
import { KEY, type Plan, type Step, type Value } from './plan.js'
import {
  type AppliedRecord,
  type AppliedStep,
  REGISTRIES_STATE,
  serialiseRecord
} from './record.js'

export { RegistryApplyError }

export interface ApplyOptions {
  readonly io: ActionsIO
  readonly system: System
  readonly key: string
  readonly cleanup: boolean
  /** The step's deadline: each program gets what is left of it. */
  readonly deadline: Deadline
}

/** The key put into a planned value. */
export function resolveValue(value: Value, key: string): string {
  return value.map((part) => (part === KEY ? key : part)).join('')
}

/** Credential-like forms of the key a step creates (besides the key itself, already masked). */
export function derivedSecrets(step: Step, key: string): string[] {
  switch (step.kind) {
    case 'docker-login':
      return [basicAuth(step.username, key)]
    case 'env': {
      const value = resolveValue(step.value, key)
      return step.secret && value !== key && value.includes(key) ? [value] : []
    }
    case 'file':
      return []
  }
}

export function applyPlans(plans: readonly Plan[], options: ApplyOptions): void {
  const { io, key } = options
  for (const plan of plans) {
    for (const step of plan.steps)
      for (const secret of derivedSecrets(step, key)) io.setSecret(secret)
  }
  const applied: AppliedStep[] = []
  const record = (step: AppliedStep): void => {
    applied.push(step)
    const saved: AppliedRecord = { cleanup: options.cleanup, steps: applied }
    io.saveState(REGISTRIES_STATE, serialiseRecord(saved))
  }
  for (const plan of plans) {
    io.info(log`${plan.title}`)
    for (const step of plan.steps) applyStep(plan, step, record, options)
    for (const note of plan.notes) io.info(log`  ${note}`)
  }
}

function applyStep(
  plan: Plan,
  step: Step,
  record: (step: AppliedStep) => void,
  options: ApplyOptions
): void {
  const { io, system, key } = options
  const line = plan.request.line
  switch (step.kind) {
    case 'file': {
      let identity
      try {
        identity = system.writeFile(step.path, step.content)
      } catch (error) {
        throw applyFailure(plan, log`Could not write ${step.path}: ${errorMessage(error)}`, [
          log`Likely cause: RUNNER_TEMP is not writable, or something else holds that path.`,
          log`Fix: run the action on a runner whose RUNNER_TEMP belongs to the job.`
        ])
      }
      record({ kind: 'file', line, path: step.path, ...identity })
      io.info(log`  Wrote ${step.path} (mode 0600).`)
      return
    }
    case 'env': {
      const value = resolveValue(step.value, key)
      io.exportVariable(step.name, value)
      record({
        kind: 'env',
        line,
        name: step.name,
        sha256: fingerprint(value),
        restore: step.restore
      })
      io.info(log`  Exported ${step.name}.`)
      return
    }
    case 'docker-login':
      dockerLogin(plan, step, key, record, options)
      return
  }
}
