/**
 * The post step: undo what main configured for the `registries` input, clear the key main exported
 * (and the API host with it, when main exported one), and say so when the key ran out before the
 * job ended.
 * It acts only while CLOUDSMITH_API_KEY still holds this step's key: when the action ran again
 * later in the job, that later run's key is the one in use. It never fails the job: every problem
 * becomes a warning.
 */
import type { ActionsIO } from './actions-io.js'
import { type Deadline, stepDeadline } from './deadline.js'
import { errorMessage } from './error-message.js'
import { DEFAULT_TIMEOUT_SECONDS, DEFAULT_TOTAL_TIMEOUT_SECONDS } from './step-inputs.js'
import type { Env } from './oidc-availability.js'
import { API_HOST_VARIABLE, API_KEY_VARIABLE, fingerprint, STATE } from './outputs.js'
import { log } from './print-gate.js'
import { undoRecord } from './registries/cleanup.js'
import { parseRecord, REGISTRIES_STATE } from './registries/record.js'
import type { System } from './system.js'
import type { RefreshMachine } from './refresh/machine.js'
import { undoRefresh } from './refresh/step.js'

export async function post(
  io: ActionsIO,
  env: Env,
  nowMs: number,
  system?: System,
  /** Takes the refresh helper down (src/refresh/); only a main step with refresh: true set one up. */
  refreshMachine?: (tempDir: string) => RefreshMachine | Promise<RefreshMachine>,
  now: () => number = () => Date.now()
): Promise<void> {
  undoRegistries(io, system, postDeadline(io, now))
  clearKey(io, env, nowMs)
  await undoRefresh(io, env.RUNNER_TEMP ?? '', system?.platform ?? 'linux', refreshMachine)
}

/** Clears CLOUDSMITH_API_KEY (and the API host) while it still holds this step's key. */
function clearKey(io: ActionsIO, env: Env, nowMs: number): void {
  try {
    if (io.getState(STATE.expiresAt) === '') {
      io.info(log`Nothing to clean up: the main step did not produce a key.`)
      return
    }
    if (io.getState(STATE.exported) !== 'true') {
      io.info(log`Nothing to clean up: ${API_KEY_VARIABLE} was not exported.`)
      return
    }
    const current = env[API_KEY_VARIABLE]
    if (!current || fingerprint(current) !== io.getState(STATE.fingerprint)) {
      io.info(
        log`Nothing to clean up: ${API_KEY_VARIABLE} no longer holds this step's key (a later step replaced or cleared it).`
      )
      return
    }
    const expiresAt = io.getState(STATE.expiresAt)
    const expiredMs = nowMs - Date.parse(expiresAt)
    if (expiredMs > 0) {
      io.warning(
        log`The Cloudsmith key in ${API_KEY_VARIABLE} expired at ${expiresAt}, ${Math.ceil(expiredMs / 60_000)} minute(s) before this job ended; a step that used it after then was refused. Run the action again right before long-running steps.`,
        log`Cloudsmith key expired during the job`
      )
    }
    if (io.getState(STATE.cleanup) !== 'true') {
      io.info(log`cleanup is false: ${API_KEY_VARIABLE} is left as it is.`)
      return
    }
    io.exportVariable(API_KEY_VARIABLE, '')
    io.info(log`Cleared ${API_KEY_VARIABLE} for the rest of the job.`)
    const apiHost = io.getState(STATE.apiHost)
    if (apiHost !== '' && env[API_HOST_VARIABLE] === apiHost) {
      io.exportVariable(API_HOST_VARIABLE, '')
      io.info(log`Cleared ${API_HOST_VARIABLE} for the rest of the job.`)
    }
  } catch (error) {
    io.warning(log`Cleanup failed: ${errorMessage(error)}`, log`Cleanup failed`)
  }
}

/**
 * Post's own budget, from the same inputs as main's (the runner gives post the step's inputs):
 * every program it runs gets at most timeout-seconds, and all of them together at most
 * total-timeout-seconds. A value main would refuse counts as its default.
 */
function postDeadline(io: ActionsIO, now: () => number): Deadline {
  const seconds = (name: string, fallback: number, max: number): number => {
    const value = io.getInput(name).trim()
    const n = /^\d+$/.test(value) ? Number(value) : NaN
    return n >= 1 && n <= max ? n : fallback
  }
  const eachMs = seconds('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 300) * 1000
  const totalMs = seconds('total-timeout-seconds', DEFAULT_TOTAL_TIMEOUT_SECONDS, 3600) * 1000
  return stepDeadline(now() + totalMs, eachMs, now)
}

/**
 * Undoes what main applied for the `registries` input (files, variables, docker logins), in
 * reverse, whatever export-env said; `cleanup: false` leaves it all. Nothing when main applied
 * nothing.
 */
function undoRegistries(io: ActionsIO, system: System | undefined, deadline: Deadline): void {
  try {
    const rules = {
      tempDir: system?.env['RUNNER_TEMP'] ?? '',
      platform: system?.platform ?? 'linux'
    }
    const record = parseRecord(io.getState(REGISTRIES_STATE), rules)
    if (record === undefined) return
    if (record instanceof Error) throw record
    if (record.steps.length === 0) return
    if (!record.cleanup) {
      io.info(
        log`cleanup is false: the package manager configuration of the registries input is left as it is.`
      )
      return
    }
    if (system === undefined) throw new Error('the post step was given no system to undo with')
    undoRecord(record, { io, system, deadline })
  } catch (error) {
    io.warning(
      log`Could not undo the registries configuration: ${errorMessage(error)}`,
      log`Cleanup incomplete`
    )
  }
}
