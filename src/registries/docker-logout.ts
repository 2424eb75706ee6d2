/**
 * The post step's half of a docker line: `docker logout HOST`, run only when docker's view of the
 * host is exactly this step's credential (user name and key, compared by SHA-256) and no other
 * spelling `docker logout` erases with it (http://HOST, https://HOST) holds a login; otherwise the
 * login is left to expire with the key, and the log says why. A main step killed during its
 * login recorded the login first, so this check finds it.
 */
import type { ActionsIO } from '../actions-io.js'
import type { Deadline } from '../deadline.js'
import { log } from '../print-gate.js'
import type { System } from '../system.js'
import { readDockerConfig } from './docker-config.js'
import { readCredentialHelper, saidOnStderr } from './docker-helper.js'
import { defaultStore } from './docker-stores.js'
import { dockerHolder, type Holder } from './docker-view.js'
import { dockerConfigFile } from './docker.js'
import type { UndoAction } from './undo.js'

type Logout = Extract<UndoAction, { kind: 'docker-logout' }>

export interface LogoutOptions {
  readonly io: ActionsIO
  readonly system: System
  /** Post's deadline: each program gets what is left of it. */
  readonly deadline: Deadline
}

/** docker's view of the host now, read as docker reads its config and stores. */
export function viewOf(action: Logout, { system, deadline }: LogoutOptions): Holder {
  const configFile = dockerConfigFile(action.configDir, system.platform)
  const read = readDockerConfig(system.readFile(configFile))
  if (!read.ok) return { kind: 'unknown', why: `docker cannot read ${configFile}: ${read.why}` }
  const store = defaultStore(system.platform, (name) => system.findProgram(name) !== undefined)
  return dockerHolder(read.config, action, store, (helper, address) =>
    readCredentialHelper(system, helper, address, action.configDir, deadline)
  )
}

export function dockerLogout(action: Logout, options: LogoutOptions): void {
  const { io, system, deadline } = options
  const notLoggedOut = log`docker not logged out`
  const holder = viewOf(action, options)
  switch (holder.kind) {
    case 'none':
      io.info(log`docker holds no credential for ${action.host}; nothing to log out.`)
      return
    case 'other':
      io.info(
        log`docker's credential for ${action.host} is no longer this step's (a later login replaced it); left as it is.`
      )
      return
    case 'unknown':
      io.warning(
        log`${holder.why}, so the post step cannot tell whether the credential for ${action.host} is still this step's; left logged in (it expires with the key).`,
        notLoggedOut
      )
      return
    case 'shared':
      io.warning(
        log`docker still holds this step's credential for ${action.host}, but ${holder.store} also holds a login for "${holder.address}" (made after this step's), which docker logout ${action.host} would erase too; left logged in (it expires with the key).`,
        notLoggedOut
      )
      return
    case 'ours':
      break
  }
  const docker = system.findProgram('docker')
  if (docker === undefined) {
    io.warning(
      log`docker is not on PATH any more, so the post step could not log out of ${action.host}; the credential stays with docker (${action.configDir}) until the key expires.`,
      notLoggedOut
    )
    return
  }
  const result = system.run(docker, ['logout', action.host], {
    env: { DOCKER_CONFIG: action.configDir },
    deadline
  })
  if (result.status !== 0) {
    io.warning(
      log`docker logout ${action.host} failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr)}.`,
      notLoggedOut
    )
    return
  }
  // docker logout succeeds even when a credential store failed to erase the credential
  if (viewOf(action, options).kind === 'ours') {
    io.warning(
      log`docker logout ${action.host} ended without error, but docker still holds this step's credential (its credential store did not erase it); it expires with the key.`,
      notLoggedOut
    )
    return
  }
  io.info(log`Logged docker out of ${action.host}.`)
}
