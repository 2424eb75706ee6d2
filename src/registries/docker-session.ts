/**
 * docker's side of applying and undoing: `docker login` for a planned step (the key on standard
 * input only), and, in post, `docker logout` only while docker still holds this step's credential.
 * Every program runs under the step's deadline (System.run).
 */
import type { ActionsIO } from '../actions-io.js'
import type { Deadline } from '../deadline.js'
import { fingerprint } from '../fingerprint.js'
import { log, type LogText } from '../print-gate.js'
import type { System } from '../system.js'
import { applyFailure } from './apply-error.js'
import {
  authIsOurs,
  configAuth,
  credentialStore,
  dockerConfigFile,
  helperAnswerIsOurs,
  readCredentialHelper
} from './docker.js'
import type { Plan, Step } from './plan.js'
import { lastLines, outputLines } from './program-output.js'
import type { AppliedStep } from './record.js'
import type { UndoAction } from './undo.js'

export interface SessionOptions {
  readonly io: ActionsIO
  readonly system: System
  readonly deadline: Deadline
}

/**
 * Logs docker in for a planned step. `record` is called before docker runs: a login may complete
 * after main is stopped, and post must then still log it out.
 */
export function dockerLogin(
  plan: Plan,
  step: Extract<Step, { kind: 'docker-login' }>,
  key: string,
  record: (step: AppliedStep) => void,
  { io, system, deadline }: SessionOptions
): void {
  const docker = system.findProgram('docker')
  if (docker === undefined) {
    throw applyFailure(plan, log`The docker program is no longer on PATH.`, [
      log`Fix: keep docker installed for the whole job.`
    ])
  }
  record({
    kind: 'docker-login',
    line: plan.request.line,
    host: step.host,
    username: step.username,
    configDir: step.configDir,
    keySha256: fingerprint(key)
  })
  const result = system.run(
    docker,
    ['login', step.host, '--username', step.username, '--password-stdin'],
    { input: key, env: { DOCKER_CONFIG: step.configDir }, deadline }
  )
  for (const text of outputLines(result.stdout + '\n' + result.stderr, [key])) {
    io.debug(log`docker: ${text}`)
  }
  if (result.status !== 0) {
    throw applyFailure(
      plan,
      log`docker login ${step.host} --username ${step.username} --password-stdin failed: ${result.error ?? `exit code ${result.status}`}.`,
      [
        log`docker said: ${lastLines(result.stdout + '\n' + result.stderr, [key])}`,
        log`Likely cause: the registry refused the key (is ${step.host} the organization's docker host, and may the service account read it?), or the registry cannot be reached from the runner.`,
        log`Fix: check the host= of this line and the service account's access to the repository; the key itself works for the API (the exchange succeeded).`
      ]
    )
  }
  io.info(log`  Logged docker in to ${step.host} as ${step.username}.`)
}

type Logout = Extract<UndoAction, { kind: 'docker-logout' }>

/** Whose credential docker holds for a host: this step's, someone else's, none, or unknown. */
type Holder = 'ours' | 'other' | 'none' | { readonly unknown: LogText }

function dockerHolder(
  action: Logout,
  { system, deadline }: Pick<SessionOptions, 'system' | 'deadline'>
): Holder {
  const configText = system.readFile(dockerConfigFile(action.configDir, system.platform))
  const helper = credentialStore(configText, action.host)
  if (helper === undefined) {
    const auth = configAuth(configText, action.host)
    if (auth === undefined) return 'none'
    return authIsOurs(auth, action.username, action.keySha256) ? 'ours' : 'other'
  }
  const read = readCredentialHelper(system, helper, action.host, action.configDir, deadline)
  if (read.kind === 'none') return 'none'
  if (read.kind === 'unknown') return { unknown: log`${read.why}` }
  return helperAnswerIsOurs(read.answer, action.username, action.keySha256) ? 'ours' : 'other'
}

/** Logs docker out of a host while it still holds this step's credential; a warning otherwise. */
export function dockerLogout(action: Logout, options: SessionOptions): void {
  const { io, system, deadline } = options
  const notLoggedOut = log`docker not logged out`
  const holder = dockerHolder(action, options)
  if (holder === 'none') {
    io.info(log`docker holds no credential for ${action.host}; nothing to log out.`)
    return
  }
  if (holder === 'other') {
    io.info(
      log`docker's credential for ${action.host} is no longer this step's (a later login replaced it); left as it is.`
    )
    return
  }
  if (holder !== 'ours') {
    io.warning(
      log`${holder.unknown}, so the post step cannot tell whether the credential for ${action.host} is still this step's; left logged in (it expires with the key).`,
      notLoggedOut
    )
    return
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
      log`docker logout ${action.host} failed (${result.error ?? `exit code ${result.status}`}): ${lastLines(result.stdout + '\n' + result.stderr)}`,
      notLoggedOut
    )
    return
  }
  // docker logout succeeds even when a credential store failed to erase the credential
  if (dockerHolder(action, options) === 'ours') {
    io.warning(
      log`docker logout ${action.host} ended without error, but docker still holds this step's credential (its credential store did not erase it); it expires with the key.`,
      notLoggedOut
    )
    return
  }
  io.info(log`Logged docker out of ${action.host}.`)
}
