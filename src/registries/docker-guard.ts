/**
 * Where docker would keep the stored key, checked before the login: never in the workspace (by
 * real path, with the platform's rules for names), never in a config.json other users can read.
 * Each refusal says why and how to proceed. Pure: the machine's answers come in the PlanContext.
 */
import { posix, win32 } from 'node:path'
import type { PlanContext, Refusal, RegistryRequest } from './plan.js'
import { placeOf } from './paths.js'
import { lineName } from './request.js'

/** The command (in the runner's default shell) that gives later steps a config of their own. */
function setOwnConfig(platform: NodeJS.Platform): string {
  return platform === 'win32'
    ? `"DOCKER_CONFIG=$env:RUNNER_TEMP\\docker" >> $env:GITHUB_ENV`
    : `echo "DOCKER_CONFIG=$RUNNER_TEMP/docker" >> "$GITHUB_ENV"`
}

/** The fix that gives docker a config of its own for the job. */
export function ownConfig(platform: NodeJS.Platform): string {
  return `give docker a config of its own for this job (later steps then see only the logins made in it): in a step before this one, run: ${setOwnConfig(platform)}`
}
const WHERE_KEY_GOES = `docker keeps its stored key (base64 of the user name and the key) in that folder until the post step, where an upload-artifact or cache step could pick it up`
const fixPlace = (platform: NodeJS.Platform): string =>
  `point DOCKER_CONFIG at a folder under RUNNER_TEMP (in a step before this one, run: ${setOwnConfig(platform)}), or unset it.`

/** A DOCKER_CONFIG that is not a full path, or a config folder that is (or may be) in the workspace. */
export function placeRefusal(
  request: RegistryRequest,
  context: PlanContext,
  configDir: string,
  configFile: string
): Refusal | undefined {
  const windows = context.platform === 'win32'
  const paths = windows ? win32 : posix
  const configured = context.env['DOCKER_CONFIG']
  const full = windows ? /^(?:[A-Za-z]:[\\/]|[\\/]{2})/ : /^\//
  if (configured && !full.test(configured)) {
    return {
      problem: `${lineName(request)}: DOCKER_CONFIG (${configured}) is not a full path.`,
      cause: `docker resolves such a path against the working directory (the workspace) or the current drive; ${WHERE_KEY_GOES}.`,
      fix: fixPlace(context.platform)
    }
  }
  const workspace = context.env['GITHUB_WORKSPACE']
  if (!workspace || !paths.isAbsolute(workspace)) return undefined
  const real = (path: string): string | undefined =>
    context.inspectPath === undefined ? path : context.inspectPath(path).realPath
  const realWorkspace = real(workspace) ?? workspace
  const realDir = real(configDir)
  const realFile = real(configFile)
  if (realDir === undefined || realFile === undefined) {
    return {
      problem: `${lineName(request)}: cannot tell where docker's config ${configFile} really is (a symbolic link leads nowhere, in a loop, or through a folder that cannot be read).`,
      cause: `docker follows the link and would write its stored key wherever it ends; ${WHERE_KEY_GOES}.`,
      fix: fixPlace(context.platform)
    }
  }
  // as written, only a sure 'inside' counts: the real paths settle what the names leave open
  const compared: Array<[string, string, boolean]> = [
    [workspace, configDir, false],
    [realWorkspace, realDir, true],
    [realWorkspace, realFile, true]
  ]
  for (const [folder, path, resolved] of compared) {
    const placement = placeOf(folder, path, context.platform)
    if (placement === 'outside' || (!resolved && placement !== 'inside')) continue
    const really = path === configDir ? '' : ` (really ${path})`
    if (placement === 'inside') {
      return {
        problem: `${lineName(request)}: docker's config ${path === realFile ? configFile : configDir}${really} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}).`,
        cause: `DOCKER_CONFIG (or HOME) points into the workspace, directly or through a symbolic link; ${WHERE_KEY_GOES}.`,
        fix: fixPlace(context.platform)
      }
    }
    return {
      problem: `${lineName(request)}: cannot tell whether docker's config folder ${configDir} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}): ${placement.unknown}.`,
      cause: `the path is in a form the step cannot compare by the file system's rules; ${WHERE_KEY_GOES}.`,
      fix: fixPlace(context.platform)
    }
  }
  return undefined
}

/** A config.json docker would write the key into that other users can read. */
export function modeRefusal(
  request: RegistryRequest,
  context: PlanContext,
  configFile: string
): Refusal | undefined {
  if (context.platform === 'win32') return undefined
  const mode = context.inspectPath?.(configFile).mode
  if (mode === undefined || (mode & 0o077) === 0) return undefined
  return {
    problem: `${lineName(request)}: ${configFile} has mode ${(mode & 0o777).toString(8).padStart(4, '0')}: other users of this machine can read it, and docker keeps a file's mode when it rewrites it, so they could read the key docker stores there.`,
    cause: `the file was created with a loose umask, or copied in by an earlier step.`,
    fix: `run chmod 600 ${configFile} before this step, or ${ownConfig(context.platform)}.`
  }
}
