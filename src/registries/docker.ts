/**
 * docker: `docker [host=HOST] [username=NAME]`. Logs the real docker CLI in to Cloudsmith's
 * registry (docker.cloudsmith.io, or an organization's custom domain) with the key on standard
 * input. Docker keeps the credential in its config (DOCKER_CONFIG, or ~/.docker/config.json) or in
 * the credential store that config names, until the post step logs out.
 *
 * Also here, pure: where docker keeps a host's credential, and whether what it holds is still
 * the one this step wrote (the post step logs out only then).
 */
import { posix, win32 } from 'node:path'
import { sha256 } from './sha256.js'
import type { FormatModule, Plan, PlanContext, RegistryRequest } from './plan.js'

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
  plan(request, context): Plan {
    const registry = host(request)
    const username = request.options.get('username') ?? DOCKER_USERNAME
    const configDir = dockerConfigDir(context)
    const store = credentialStore(
      context.readFile(dockerConfigFile(configDir, context.platform)),
      registry
    )
    return {
      request,
      title: `docker: log in to ${registry} as ${username}`,
      steps: [{ kind: 'docker-login', host: registry, username, configDir }],
      notes: [
        store
          ? `docker keeps the credential in its credential store '${store}' (named in ${dockerConfigFile(configDir, context.platform)}) until the post step logs out.`
          : `docker keeps the credential in ${dockerConfigFile(configDir, context.platform)} until the post step logs out.`
      ]
    }
  }
}

/** Where docker keeps a host's credential: a credential helper's name, or config.json itself. */
export function credentialStore(configText: string | undefined, host: string): string | undefined {
  const config = parseConfig(configText)
  const helpers = config['credHelpers']
  if (isRecord(helpers) && typeof helpers[host] === 'string' && helpers[host] !== '') {
    return helpers[host]
  }
  const store = config['credsStore']
  return typeof store === 'string' && store !== '' ? store : undefined
}

/** The `auths[host].auth` value of a docker config.json, if there is one. */
export function configAuth(configText: string | undefined, host: string): string | undefined {
  const auths = parseConfig(configText)['auths']
  if (!isRecord(auths)) return undefined
  const entry = auths[host]
  return isRecord(entry) && typeof entry['auth'] === 'string' ? entry['auth'] : undefined
}

/** What docker stores in config.json for a login: base64 of `NAME:KEY` (mask it too). */
export function basicAuth(username: string, key: string): string {
  return Buffer.from(`${username}:${key}`).toString('base64')
}

/** Whether a config.json `auth` value is the login this step made (the key compared by SHA-256). */
export function authIsOurs(auth: string, username: string, keySha256: string): boolean {
  const decoded = Buffer.from(auth, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return false
  return decoded.slice(0, colon) === username && sha256(decoded.slice(colon + 1)) === keySha256
}

/** Whether a credential helper's `get` answer (`{"Username", "Secret"}`) is this step's login. */
export function helperAnswerIsOurs(answer: string, username: string, keySha256: string): boolean {
  let parsed: unknown
  try {
    parsed = JSON.parse(answer)
  } catch {
    return false
  }
  return (
    isRecord(parsed) &&
    parsed['Username'] === username &&
    typeof parsed['Secret'] === 'string' &&
    sha256(parsed['Secret']) === keySha256
  )
}

function parseConfig(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return isRecord(parsed) ? parsed : {}
  } catch {
    return {}
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
