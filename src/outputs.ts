/**
 * What the action leaves for later steps and for its post step: outputs, the environment variables,
 * and the state the post step reads. The caller has masked the key already (readTokenAnswer does
 * it the moment the key is read).
 */
import { fingerprint } from './fingerprint.js'
import type { ActionsIO } from './actions-io.js'
import type { CloudsmithToken } from './cloudsmith-response.js'
import { log } from './print-gate.js'
import { DEFAULT_API_URL } from './step-inputs.js'

export const API_KEY_VARIABLE = 'CLOUDSMITH_API_KEY'
/** The API base URL the Cloudsmith CLI reads; exported only for a non-default api-url. */
export const API_HOST_VARIABLE = 'CLOUDSMITH_API_HOST'

/** Names of the state main saves for post. */
export const STATE = {
  exported: 'exported',
  cleanup: 'cleanup',
  expiresAt: 'expires-at',
  /** SHA-256 of the exported key: post acts only while the variable still holds this key. */
  fingerprint: 'key-sha256',
  /** The CLOUDSMITH_API_HOST value main exported, if it exported one: post clears only that. */
  apiHost: 'api-host'
} as const

export { fingerprint }

export function publish(
  key: CloudsmithToken,
  options: { exportEnv: boolean; cleanup: boolean; apiUrl: string },
  io: ActionsIO
): void {
  io.setOutput('token', key.token)
  io.setOutput('expires-at', key.expiresAt.toISOString())
  io.saveState(STATE.expiresAt, key.expiresAt.toISOString())
  if (options.exportEnv) {
    io.exportVariable(API_KEY_VARIABLE, key.token)
    io.saveState(STATE.exported, 'true')
    io.saveState(STATE.fingerprint, fingerprint(key.token))
    io.saveState(STATE.cleanup, String(options.cleanup))
    io.info(log`Exported ${API_KEY_VARIABLE} for the following steps of this job.`)
    if (options.apiUrl !== DEFAULT_API_URL) {
      io.exportVariable(API_HOST_VARIABLE, options.apiUrl)
      io.saveState(STATE.apiHost, options.apiUrl)
      io.info(
        log`Exported ${API_HOST_VARIABLE}=${options.apiUrl}: the Cloudsmith CLI in later steps uses this API host too.`
      )
    }
  }
}
