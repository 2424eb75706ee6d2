/**
 * Applies the plans (main, after the key is masked) and undoes the record (post), through the
 * System (files, processes) and ActionsIO (variables, state, log). Before each step it saves the
 * record with that step in it, so whatever happened before a failure is undone by post.
 */
import type { ActionsIO } from '../actions-io.js'
import { errorMessage } from '../error-message.js'
import { fingerprint } from '../fingerprint.js'
import { joinLines, log, type LogText } from '../print-gate.js'
import type { System } from '../system.js'
import { basicAuth } from './docker.js'
import { saidOnStderr } from './docker-helper.js'
import { dockerLogout } from './docker-logout.js'
import { KEY, type Plan, type Step, type Value } from './plan.js'
import {
  type AppliedRecord,
  type AppliedStep,
  REGISTRIES_STATE,
  serialiseRecord
} from './record.js'
import { lineName } from './request.js'
import { planUndo, type UndoAction } from './undo.js'

/** A step of a plan that could not be applied: what failed, what the client said, the fix. */
export class RegistryApplyError extends Error {
  override readonly name = 'RegistryApplyError'
  constructor(
    readonly failureTitle: LogText,
    readonly failureLines: readonly LogText[]
  ) {
    super(joinLines([...failureLines]).text)
  }
}

export interface ApplyOptions {
  readonly io: ActionsIO
  readonly system: System
  readonly key: string
  readonly cleanup: boolean
  readonly timeoutMs: number
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
  { io, system, key, timeoutMs }: ApplyOptions
): void {
  const line = plan.request.line
  switch (step.kind) {
    case 'file':
      record({ kind: 'file', line, path: step.path })
      try {
        system.writeFile(step.path, step.content)
      } catch (error) {
        throw failed(plan, log`Could not write ${step.path}: ${errorMessage(error)}`, [
          log`Likely cause: RUNNER_TEMP is not writable, or something else holds that path.`,
          log`Fix: run the action on a runner whose RUNNER_TEMP belongs to the job.`
        ])
      }
      io.info(log`  Wrote ${step.path} (mode 0600).`)
      return
    case 'env': {
      const value = resolveValue(step.value, key)
      record({
        kind: 'env',
        line,
        name: step.name,
        sha256: fingerprint(value),
        restore: step.restore
      })
      io.exportVariable(step.name, value)
      io.info(log`  Exported ${step.name}.`)
      return
    }
    case 'docker-login': {
      const docker = system.findProgram('docker')
      if (docker === undefined) {
        throw failed(plan, log`The docker program is no longer on PATH.`, [
          log`Fix: keep docker installed for the whole job.`
        ])
      }
      record({
        kind: 'docker-login',
        line,
        host: step.host,
        username: step.username,
        configDir: step.configDir,
        keySha256: fingerprint(key)
      })
      const result = system.run(
        docker,
        ['login', step.host, '--username', step.username, '--password-stdin'],
        {
          input: key,
          env: { DOCKER_CONFIG: step.configDir },
          timeoutMs
        }
      )
      // what docker says may echo the key or the form it stores: its error output only, redacted
      const secrets = [key, basicAuth(step.username, key)]
      if (result.stderr.trim() !== '') io.debug(log`docker${saidOnStderr(result.stderr, secrets)}`)
      if (result.status !== 0) {
        throw failed(
          plan,
          log`docker login ${step.host} --username ${step.username} --password-stdin failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr, secrets)}.`,
          [
            log`Likely cause: the registry refused the key (is ${step.host} the organization's docker host, and may the service account read it?), or the registry cannot be reached from the runner.`,
            log`Fix: check the host= of this line and the service account's access to the repository; the key itself works for the API (the exchange succeeded).`
          ]
        )
      }
      io.info(log`  Logged docker in to ${step.host} as ${step.username}.`)
      return
    }
  }
}

function failed(plan: Plan, what: LogText, rest: readonly LogText[]): RegistryApplyError {
  return new RegistryApplyError(log`Package manager not configured`, [
    log`${lineName(plan.request)}: ${plan.title}`,
    what,
    ...rest,
    log`The key itself was exchanged and published; the post step undoes what this step configured before the failure.`
  ])
}

export interface UndoOptions {
  readonly io: ActionsIO
  readonly system: System
  readonly timeoutMs: number
}

/** Undoes a record in reverse; every problem is a warning. */
export function undoRecord(record: AppliedRecord, options: UndoOptions): void {
  const { io } = options
  for (const action of planUndo(record, options.system.env)) {
    try {
      undoAction(action, options)
    } catch (error) {
      io.warning(
        log`Could not undo line ${action.line} of registries: ${errorMessage(error)}`,
        log`Cleanup incomplete`
      )
    }
  }
}

function undoAction(action: UndoAction, { io, system, timeoutMs }: UndoOptions): void {
  switch (action.kind) {
    case 'remove-file':
      io.info(
        system.removeFile(action.path)
          ? log`Removed ${action.path}.`
          : log`${action.path} was already gone.`
      )
      return
    case 'restore-env':
      io.exportVariable(action.name, action.value)
      io.info(
        action.value === ''
          ? log`Cleared ${action.name} for the rest of the job.`
          : log`Put ${action.name} back to its value before the action.`
      )
      return
    case 'keep-env':
      io.info(
        log`${action.name} no longer holds this step's value (a later step set it); left as it is.`
      )
      return
    case 'leave-env':
      io.info(
        log`Left ${action.name} as it is: it holds nothing secret and had no value before the action (a variable cannot be unset, and tools refuse it empty).`
      )
      return
    case 'docker-logout':
      dockerLogout(action, { io, system, timeoutMs })
      return
  }
}
