/**
 * The main step's half of a docker line: `docker login` for a planned step, the key on standard
 * input only, under the step's deadline. The login is recorded before docker runs: it may complete
 * after main is stopped, and post must then still find it (src/registries/docker-logout.ts).
 */
import type { ActionsIO } from '../actions-io.js'
import type { Deadline } from '../deadline.js'
import { fingerprint } from '../fingerprint.js'
import { log } from '../print-gate.js'
import type { System } from '../system.js'
import { applyFailure } from './apply-error.js'
import { saidOnStderr } from './docker-helper.js'
import { basicAuth } from './docker.js'
import type { Plan, Step } from './plan.js'
import type { AppliedStep } from './record.js'

export interface LoginOptions {
  readonly io: ActionsIO
  readonly system: System
  readonly deadline: Deadline
}

export function dockerLogin(
  plan: Plan,
  step: Extract<Step, { kind: 'docker-login' }>,
  key: string,
  record: (step: AppliedStep) => void,
  { io, system, deadline }: LoginOptions
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
  // what docker says may echo the key or the form it stores: its error output only, redacted
  const secrets = [key, basicAuth(step.username, key)]
  if (result.stderr.trim() !== '') io.debug(log`docker${saidOnStderr(result.stderr, secrets)}`)
  if (result.status !== 0) {
    throw applyFailure(
      plan,
      log`docker login ${step.host} --username ${step.username} --password-stdin failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr, secrets)}.`,
      [
        log`Likely cause: the registry refused the key (is ${step.host} the organization's docker host, and may the service account read it?), or the registry cannot be reached from the runner.`,
        log`Fix: check the host= of this line and the service account's access to the repository; the key itself works for the API (the exchange succeeded).`
      ]
    )
  }
  io.info(log`  Logged docker in to ${step.host} as ${step.username}.`)
}
