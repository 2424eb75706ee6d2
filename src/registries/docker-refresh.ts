/**
 * docker with `refresh: true`: instead of a `docker login`, docker's config names the refresh
 * helper for the host (credHelpers), so docker asks it for the current key each time it needs
 * one. A helper entry the user already has for the host is refused, never replaced (one whose
 * store holds a login is refused before this, with the standing logins). Pure.
 */
import type { Plan, PlanProblems, RegistryRequest } from './plan.js'
import { lineName } from './request.js'

export interface HelperLine {
  readonly host: string
  readonly username: string
  /** The user name the helper answers with. */
  readonly defaultUsername: string
  /** The refresh helper's name in credHelpers. */
  readonly helper: string
  readonly configFile: string
  /** The helper the user's config already names for the host, if any. */
  readonly ownHelper: string | undefined
  /** docker's default store, used unnamed so far: named beside the entry (cred-helpers.ts). */
  readonly pinStore: string | undefined
}

export function helperPlan(request: RegistryRequest, line: HelperLine): Plan | PlanProblems {
  if (line.ownHelper !== undefined) {
    return {
      problems: [],
      refusals: [
        {
          problem: `${lineName(request)}: ${line.configFile} already names the credential helper '${line.ownHelper}' for ${line.host}; refresh would replace it.`,
          cause:
            'the runner or an earlier step set docker up to ask that helper for this registry.',
          fix: 'give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step), or remove that entry before this step.'
        }
      ]
    }
  }
  if (line.username !== line.defaultUsername) {
    return {
      problems: [
        `${lineName(request)}: with refresh: true the helper answers docker with the user name ${line.defaultUsername}; remove username=${line.username}, or set refresh: false.`
      ]
    }
  }
  const pinned =
    line.pinStore === undefined
      ? []
      : [
          `docker used its default store '${line.pinStore}' without the config naming it; the step names it (credsStore) so other registries stay there, and post takes it out again.`
        ]
  return {
    request,
    title: `docker: the refresh helper answers for ${line.host}`,
    steps: [],
    notes: [
      `docker asks docker-credential-${line.helper} (credHelpers in ${line.configFile}) for the key each time it needs one; the helper exchanges again before the key expires. The post step removes the entry.`,
      ...pinned
    ],
    helpers: [
      {
        protocol: 'docker',
        host: line.host,
        configFile: line.configFile,
        ...(line.pinStore === undefined ? {} : { pinnedStore: line.pinStore })
      }
    ]
  }
}
