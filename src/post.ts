/**
 * The post step: clear what main exported, and say so when the key ran out before the job ended.
 * It never fails the job: every problem becomes a warning.
 */
import { errorMessage } from './error-message.js'
import type { ActionsIO } from './actions-io.js'
import { API_KEY_VARIABLE, STATE } from './outputs.js'

export function post(io: ActionsIO, nowMs: number): void {
  try {
    const expiresAt = io.getState(STATE.expiresAt)
    if (expiresAt === '') {
      io.info('Nothing to clean up: the main step did not produce a key.')
      return
    }
    const expiredMs = nowMs - Date.parse(expiresAt)
    if (expiredMs > 0) {
      io.warning(
        `The Cloudsmith key expired at ${expiresAt}, ${Math.ceil(expiredMs / 60_000)} minute(s) before this job ended; steps that used it after that were refused. Run the action again right before long-running steps.`,
        'Cloudsmith key expired during the job'
      )
    }
    if (io.getState(STATE.exported) !== 'true') {
      io.info(`Nothing to clean up: ${API_KEY_VARIABLE} was not exported.`)
      return
    }
    if (io.getState(STATE.cleanup) !== 'true') {
      io.info(`cleanup is false: ${API_KEY_VARIABLE} is left as it is.`)
      return
    }
    io.exportVariable(API_KEY_VARIABLE, '')
    io.info(`Cleared ${API_KEY_VARIABLE} for the rest of the job.`)
  } catch (error) {
    io.warning(`Cleanup failed: ${errorMessage(error)}`)
  }
}
