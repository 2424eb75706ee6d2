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
import type { Deadline } from '../deadline.js'
import { fingerprint } from '../fingerprint.js'
import type { ProgramResult, RunOptions } from '../system.js'
import type { FormatModule, HelperRead, PlanContext, RegistryRequest } from './plan.js'
import { isInside } from './paths.js'
import { lineName } from './request.js'

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
    const outside = configInWorkspace(request, context, configDir)
    if (outside !== undefined) return { problems: [outside] }
    const configFile = dockerConfigFile(configDir, context.platform)
    const configText = context.readFile(configFile)
    const store = credentialStore(configText, registry)
    const standing = standingLogin(request, context, { configDir, configFile, configText, store })
    if (standing !== undefined) return { problems: [standing] }
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

/**
 * Docker keeps the stored key (base64 of NAME:KEY) in its config folder; a DOCKER_CONFIG that is
 * relative (resolved against the working directory, the workspace) or lies inside GITHUB_WORKSPACE
 * would put it where an upload-artifact or cache step could pick it up.
 */
function configInWorkspace(
  request: RegistryRequest,
  context: PlanContext,
  configDir: string
): string | undefined {
  const paths = context.platform === 'win32' ? win32 : posix
  const configured = context.env['DOCKER_CONFIG']
  const why = `docker would keep its stored key (base64 of the user name and the key) there, where an upload-artifact or cache step could pick it up. Fix: point DOCKER_CONFIG at a folder under RUNNER_TEMP (for example \${{ runner.temp }}/docker), or unset it.`
  if (configured && !paths.isAbsolute(configured)) {
    return `${lineName(request)}: DOCKER_CONFIG (${configured}) is a relative path, which docker resolves against the working directory, the workspace; ${why}`
  }
  const workspace = context.env['GITHUB_WORKSPACE']
  if (
    workspace &&
    paths.isAbsolute(workspace) &&
    (isInside(workspace, configDir, context.platform) ||
      paths.relative(paths.resolve(workspace), configDir) === '')
  ) {
    return `${lineName(request)}: docker's config folder ${configDir} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}); ${why}`
  }
  return undefined
}

/**
 * A login docker already holds for the line's host, made before this step: `docker login` would
 * replace it and the post step would log it out, so the line is refused (naming where the login
 * is, never what it holds). Undefined when there is none.
 */
function standingLogin(
  request: RegistryRequest,
  context: PlanContext,
  where: {
    configDir: string
    configFile: string
    configText: string | undefined
    store: string | undefined
  }
): string | undefined {
  const registry = host(request)
  const fix = `Fix: give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step), or remove the standing login (docker logout ${registry}) before this step.`
  const replaced = `this step's login would replace it and the post step would then log it out.`
  if (configAuth(where.configText, registry) !== undefined) {
    return `${lineName(request)}: docker already holds a login for ${registry} in ${where.configFile}, made before this step; ${replaced} ${fix}`
  }
  if (where.store === undefined) return undefined
  const read: HelperRead = context.readCredentialHelper?.(
    where.store,
    registry,
    where.configDir
  ) ?? {
    kind: 'unknown',
    why: `docker's credential store could not be asked`
  }
  if (read.kind === 'found') {
    return `${lineName(request)}: docker's credential store '${where.store}' (named in ${where.configFile}) already holds a login for ${registry}, made before this step; ${replaced} ${fix}`
  }
  if (read.kind === 'unknown') {
    return `${lineName(request)}: cannot tell whether docker already holds a login for ${registry}: ${read.why}. Fix: make docker-credential-${where.store} answer (for example, unlock its keychain), or give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step).`
  }
  return undefined
}

/** What findProgram and run of the System give: enough to ask a credential helper. */
export interface HelperMachine {
  findProgram(name: string): string | undefined
  run(program: string, args: readonly string[], options: RunOptions): ProgramResult
}

/**
 * Asks `docker-credential-HELPER get` what it holds for a host. A helper answers a host it has
 * nothing for with "credentials not found" and exit code 1; any other failure (a locked keychain,
 * a crash, a timeout) leaves the answer unknown.
 */
export function readCredentialHelper(
  machine: HelperMachine,
  helper: string,
  registry: string,
  configDir: string,
  deadline: Deadline
): HelperRead {
  const program = machine.findProgram(`docker-credential-${helper}`)
  if (program === undefined) {
    return {
      kind: 'unknown',
      why: `docker's credential store program docker-credential-${helper} is not on PATH`
    }
  }
  const result = machine.run(program, ['get'], {
    input: registry,
    env: { DOCKER_CONFIG: configDir },
    deadline
  })
  return helperRead(helper, result)
}

/** A credential helper's `get` result, read. */
export function helperRead(helper: string, result: ProgramResult): HelperRead {
  if (result.status === 0 && result.error === undefined) {
    return { kind: 'found', answer: result.stdout }
  }
  const said = `${result.stdout}\n${result.stderr}`
  if (result.error === undefined && /credentials not found/i.test(said)) return { kind: 'none' }
  const lines = said
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const output = lines.length === 0 ? '(nothing)' : lines.slice(-2).join(' / ').slice(0, 300)
  return {
    kind: 'unknown',
    why: `docker-credential-${helper} get failed (${result.error ?? `exit code ${result.status}`}) and said: ${output}`
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
  return decoded.slice(0, colon) === username && fingerprint(decoded.slice(colon + 1)) === keySha256
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
    fingerprint(parsed['Secret']) === keySha256
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
