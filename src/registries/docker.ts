/**
 * docker: `docker [host=HOST] [username=NAME]`. Logs the real docker CLI in to Cloudsmith's
 * registry (docker.cloudsmith.io, or an organization's custom domain) with the key on standard
 * input. Docker keeps the credential in its config (DOCKER_CONFIG, or ~/.docker/config.json) or in
 * the credential store that config names, until the post step logs out.
 *
 * The line is refused (each refusal with its cause and fix) when docker already holds a login it
 * would use or erase for the host (docker-view.ts), when it cannot read its config as docker does
 * (docker-config.ts), or when the key would land in the workspace or in a file others can read
 * (docker-guard.ts).
 */
import { posix, win32 } from 'node:path'
import {
  type ConfigRead,
  type DockerConfig,
  holdsCredential,
  readDockerConfig
} from './docker-config.js'
import { modeRefusal, ownConfig, placeRefusal } from './docker-guard.js'
import { defaultStore, storeFor } from './docker-stores.js'
import { type AskHelper, type Standing, standingLogins } from './docker-view.js'
import type { FormatModule, PlanContext, PlanProblems, Refusal, RegistryRequest } from './plan.js'
import { helperPlan } from './docker-refresh.js'
import { lineName } from './request.js'
import { UnreadableFileError } from '../read-file.js'

export const DOCKER_HOST = 'docker.cloudsmith.io'
/** The username Cloudsmith's credential helper and the External Secrets generator use with a key. */
export const DOCKER_USERNAME = 'token'
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/

function host(request: RegistryRequest): string {
  return request.options.get('host') ?? DOCKER_HOST
}

/** DOCKER_CONFIG, or .docker in the home directory, with the platform's separators. */
export function dockerConfigDir(
  context: Pick<PlanContext, 'platform' | 'env' | 'homeDir'>
): string {
  const paths = context.platform === 'win32' ? win32 : posix
  const configured = context.env['DOCKER_CONFIG']
  return configured ? paths.resolve(configured) : paths.join(context.homeDir, '.docker')
}

export function dockerConfigFile(configDir: string, platform: NodeJS.Platform): string {
  return (platform === 'win32' ? win32 : posix).join(configDir, 'config.json')
}

export const docker: FormatModule = {
  format: 'docker',
  repository: 'none',
  options: {
    host: "the registry's host (default docker.cloudsmith.io; an organization's custom domain)",
    username: `the user name to log in as (default ${DOCKER_USERNAME})`
  },
  programs: ['docker'],
  hosts: (request) => [host(request)],
  validate(request) {
    const username = request.options.get('username')
    if (username !== undefined && !USERNAME.test(username)) {
      return [
        `username=${username} is not a user name: letters, digits, '_', '.', '@', '+' and '-', starting with a letter or digit, at most 128.`
      ]
    }
    return []
  },
  plan(request, context) {
    const registry = host(request)
    const username = request.options.get('username') ?? DOCKER_USERNAME
    const configDir = dockerConfigDir(context)
    const configFile = dockerConfigFile(configDir, context.platform)
    const refuse = (refusal: Refusal): PlanProblems => ({ problems: [], refusals: [refusal] })
    const place = placeRefusal(request, context, configDir, configFile)
    if (place !== undefined) return refuse(place)
    const read = readConfig(context, configFile)
    if (!read.ok) return refuse(unreadable(request, context.platform, configFile, read.why))
    const store = defaultStore(
      context.platform,
      (name) => context.findProgram?.(name) !== undefined
    )
    const ask: AskHelper = (helper, address) =>
      context.readCredentialHelper?.(helper, address, configDir) ?? {
        kind: 'unknown',
        why: `docker's credential store could not be asked`
      }
    const standing = [
      ...standingLogins(read.config, registry, store, ask),
      ...variableLogin(context.env['DOCKER_AUTH_CONFIG'], registry)
    ]
    if (standing.length > 0) {
      return {
        problems: [],
        refusals: standing.map((found) =>
          standingRefusal(request, context.platform, configFile, found)
        )
      }
    }
    if (context.refresh !== undefined) {
      return helperPlan(request, {
        host: registry,
        username,
        defaultUsername: DOCKER_USERNAME,
        helper: context.refresh.dockerHelper,
        configFile,
        ownHelper: read.config.credHelpers?.get(registry),
        // docker's platform default store, in use only while the config names no store and holds
        // no login: a credHelpers entry would end that for every other registry, so it is named
        pinStore:
          read.config.credsStore === ''
            ? storeFor(read.config, registry, store) || undefined
            : undefined
      })
    }
    const hostStore = storeFor(read.config, registry, store)
    if (hostStore === '') {
      const loose = modeRefusal(request, context, configFile)
      if (loose !== undefined) return refuse(loose)
    }
    return {
      request,
      title: `docker: log in to ${registry} as ${username}`,
      steps: [{ kind: 'docker-login', host: registry, username, configDir }],
      notes: [
        hostStore !== ''
          ? `docker keeps the credential in its credential store '${hostStore}' (${storeOrigin(read.config, registry, configFile)}) until the post step logs out.`
          : `docker keeps the credential in ${configFile} until the post step logs out.`
      ]
    }
  }
}

/**
 * A login for the host in DOCKER_AUTH_CONFIG, which docker 28 asks before its config (for the
 * address exactly; a value it cannot read it ignores).
 */
function variableLogin(text: string | undefined, registry: string): Standing[] {
  if (!text) return []
  const read = readDockerConfig(text)
  return read.ok && holdsCredential(read.config.auths.get(registry))
    ? [{ kind: 'variable', address: registry }]
    : []
}

/** config.json as docker reads it; a file that is there but cannot be read is no empty config. */
function readConfig(context: PlanContext, configFile: string): ConfigRead {
  let text: string | undefined
  try {
    text = context.readFile(configFile)
  } catch (error) {
    // a named pipe, a device, a folder, a dangling link, too large (src/read-file.ts)
    if (error instanceof UnreadableFileError) return { ok: false, why: error.message }
    throw error
  }
  if (text === undefined && context.inspectPath?.(configFile).exists === true) {
    return { ok: false, why: 'it cannot be read (not a regular file, or no permission)' }
  }
  return readDockerConfig(text)
}

function storeOrigin(config: DockerConfig, registry: string, configFile: string): string {
  if (config.credHelpers?.has(registry)) return `credHelpers in ${configFile}`
  return config.credsStore !== ''
    ? `credsStore in ${configFile}`
    : `docker's default on this platform, its program being on PATH`
}

const STANDING_CAUSE = (registry: string): string =>
  `a login made before this step (by an earlier step, or kept in the runner's docker config): this step's docker login would replace it, and the post step's docker logout ${registry} would erase it (docker logout also erases http://${registry} and https://${registry}).`

function standingRefusal(
  request: RegistryRequest,
  platform: NodeJS.Platform,
  configFile: string,
  found: Standing
): Refusal {
  const registry = host(request)
  const fix = `${ownConfig(platform)}; or, if the standing login is not needed, run docker logout ${registry} before this step.`
  switch (found.kind) {
    case 'config':
      return {
        problem: `${lineName(request)}: docker already holds a login for ${registry} in ${configFile}, under "${found.address}".`,
        cause: STANDING_CAUSE(registry),
        fix
      }
    case 'store':
      return {
        problem: `${lineName(request)}: docker's credential store '${found.store}' already holds a login for "${found.address}", which docker uses or erases for ${registry}.`,
        cause: STANDING_CAUSE(registry),
        fix
      }
    case 'unknown':
      return {
        problem: `${lineName(request)}: cannot tell whether docker already holds a login for "${found.address}" (${registry}): ${found.why}.`,
        cause: `docker's credential store '${found.store}' did not answer (a locked keychain, or its program missing on this runner).`,
        fix: `make docker-credential-${found.store} answer (for example, unlock its keychain), or ${ownConfig(platform)}.`
      }
    case 'variable':
      return {
        problem: `${lineName(request)}: DOCKER_AUTH_CONFIG holds a login for ${registry}.`,
        cause: `docker takes a login from DOCKER_AUTH_CONFIG before its config, so it would go on using that one, not this step's.`,
        fix: `unset DOCKER_AUTH_CONFIG for this step and the steps that should use this step's login, or leave this line out.`
      }
    case 'dropped':
      return {
        problem: `${lineName(request)}: docker reads ${configFile} differently from how it is written: the login for "${found.address}" is written more than once (or auths is set again after it), docker keeps only its last reading, and would lose the rest when it writes the file back after logging in.`,
        cause: `the file was written by hand or by a tool other than docker.`,
        fix: `leave one entry per address and one auths in that file, or ${ownConfig(platform)}.`
      }
  }
}

function unreadable(
  request: RegistryRequest,
  platform: NodeJS.Platform,
  configFile: string,
  why: string
): Refusal {
  return {
    problem: `${lineName(request)}: docker cannot read ${configFile}: ${why}. docker would warn, start from an empty config and write it back over the file, losing every login it holds.`,
    cause: `the file was written by hand or by a tool that writes what docker does not take (docker's JSON reader takes no byte order mark, and an auth must be base64 of NAME:PASSWORD).`,
    fix: `correct the file, or ${ownConfig(platform)}.`
  }
}

/** What docker stores in config.json for a login: base64 of `NAME:KEY` (mask it too). */
export function basicAuth(username: string, key: string): string {
  return Buffer.from(`${username}:${key}`).toString('base64')
}
