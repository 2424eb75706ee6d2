/**
 * Failures on GitHub's side of the step: no ID token for this run (a fork, Dependabot, a missing
 * permission), or GitHub's token service refusing the request.
 */
import { IdTokenError } from './id-token.js'
import { failure, type Failure } from './failure.js'
import { OidcUnavailableError } from './oidc-availability.js'
import { log } from './print-gate.js'

const PERMISSIONS_BLOCK = ['permissions:', '  id-token: write', '  contents: read']

export function oidcUnavailable(error: OidcUnavailableError): Failure {
  switch (error.reason) {
    case 'fork':
      return failure(log`No ID token for a pull request from a fork`, [
        log`GitHub gives no ID token to a workflow run for a pull request from a fork, whatever its permissions say.`,
        log`Likely cause: this ${error.eventName} run comes from a fork, and fork runs cannot be trusted with credentials.`,
        log`Fix: skip this step for forks (if: github.event_name != '${error.eventName ?? 'pull_request'}' || github.event.pull_request.head.repo.full_name == github.repository), and publish from runs on the base repository (push, release, or a merge).`
      ])
    case 'dependabot':
      return failure(log`No ID token for a Dependabot run`, [
        log`GitHub gave this run, triggered by dependabot[bot], no way to request an ID token.`,
        log`Likely cause: GitHub gives runs triggered by Dependabot a read-only token by default; only a permissions block that grants id-token: write raises it.`,
        log`Fix: if Dependabot runs should publish, add this to the job (and make sure the Cloudsmith provider's required claims accept Dependabot's branches, refs/heads/dependabot/...):`,
        ...PERMISSIONS_BLOCK.map((line) => log`  ${line}`),
        log`If they should not, skip this step for them: if: github.actor != 'dependabot[bot]'.`
      ])
    case 'permission':
      return failure(log`Missing permission id-token: write`, [
        log`GitHub gave this job no way to request an ID token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set).`,
        log`Likely cause: the job or workflow lacks the id-token permission.`,
        log`Fix: add this to the job (or the workflow):`,
        ...PERMISSIONS_BLOCK.map((line) => log`  ${line}`),
        log`A permissions block replaces the defaults, so list every other permission the job needs too.`
      ])
  }
}

export function idTokenRefused(error: IdTokenError): Failure {
  return failure(log`Could not get a GitHub ID token`, [
    log`${error.message}`,
    log`Likely cause: GitHub's token service refused the request or is having trouble.`,
    log`Fix: check that the job has 'permissions: id-token: write' and that the audience input is valid; re-run the job; see https://www.githubstatus.com if it persists.`
  ])
}
