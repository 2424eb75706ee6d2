/**
 * docker with `refresh: true`: instead of a `docker login`, docker's config names the refresh
 * helper for the host (credHelpers), so docker asks it for the current key each time it needs
 * one. A helper entry the user already has for the host is refused, never replaced (one whose
 * store holds a login is refused before this, with the standing logins). Pure.
 */
import { credHelperFor } from '../refresh/docker-config.js'
import type { Plan, RegistryRequest } from './plan.js'
import { lineName } from './request.js'

export interface HelperLine {
  readonly host: string
  readonly username: string
  /** The user name the helper answers with. */
  readonly defaultUsername: string
  /** The refresh helper's name in credHelpers. */
  readonly helper: string
  readonly configFile: string
  readonly configText: string | undefined
}

export function helperPlan(
  request: RegistryRequest,
  line: HelperLine
): Plan | { readonly problems: readonly string[] } {
  const own = credHelperFor(line.configText, line.host)
  if (own !== undefined) {
    return {
      problems: [
        `${lineName(request)}: ${line.configFile} already names the credential helper '${own}' for ${line.host}, set before this step; refresh would replace it. Fix: give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step), or remove that entry before this step.`
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
  return {
    request,
    title: `docker: the refresh helper answers for ${line.host}`,
    steps: [],
    notes: [
      `docker asks docker-credential-${line.helper} (credHelpers in ${line.configFile}) for the key each time it needs one; the helper exchanges again before the key expires. The post step removes the entry.`
    ],
    helpers: [{ protocol: 'docker', host: line.host, configFile: line.configFile }]
  }
}
