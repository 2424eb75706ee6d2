/**
 * What the action leaves for later steps and for its post step: outputs, the environment variable,
 * and the state the post step reads. The key is masked before any of it (see readTokenAnswer).
 */
import type { ActionsIO } from './actions-io.js'
import type { CloudsmithToken } from './cloudsmith-response.js'

export const API_KEY_VARIABLE = 'CLOUDSMITH_API_KEY'

/** Names of the state main saves for post. */
export const STATE = {
  exported: 'exported',
  cleanup: 'cleanup',
  expiresAt: 'expires-at'
} as const

export function publish(
  key: CloudsmithToken,
  options: { exportEnv: boolean; cleanup: boolean },
  io: ActionsIO
): void {
  io.setSecret(key.token) // already masked when parsed; repeated here so publish is safe on its own
  io.setOutput('token', key.token)
  io.setOutput('expires-at', key.expiresAt.toISOString())
  io.saveState(STATE.expiresAt, key.expiresAt.toISOString())
  if (options.exportEnv) {
    io.exportVariable(API_KEY_VARIABLE, key.token)
    io.saveState(STATE.exported, 'true')
    io.saveState(STATE.cleanup, String(options.cleanup))
    io.info(`Exported ${API_KEY_VARIABLE} for the following steps of this job.`)
  }
}
