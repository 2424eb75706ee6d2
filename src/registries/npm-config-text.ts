/**
 * npm: the user config this step writes, and the variables that point npm and pnpm at it. This
 * step's lines come first (a `[section]` in the carried-over text would put later keys out of
 * npm's reach), then the user's config as it was, a line setting a key of ours commented out (the
 * last of two equal keys wins). Nothing from outside is written as a setting: our keys and values
 * go through ini's own encoder and are checked to read back as written, and the carried-over
 * file's path stands in a comment with its control characters escaped, so a line break in it
 * cannot start a setting.
 */
import { decode, encode } from 'ini'
import type { PlanContext, Step } from './plan.js'
import { KEY_REFERENCE, lowerCaseHost, registryKey, tokenKey } from './npm-registry.js'
import type { NpmRegistry } from './npm-registry.js'
import {
  USERCONFIG_VARIABLE,
  joinPath,
  type ExistingConfig,
  type IniEntry
} from './npm-user-config.js'
import { asciiUpperCase } from './variable-names.js'

/**
 * Carried-over lines that set a key this step sets, wherever they sit (top level or in a section,
 * which another reader may not honour): commented out, so this step's value holds.
 */
export function replacedLines(
  registries: readonly NpmRegistry[],
  entries: readonly IniEntry[]
): IniEntry[] {
  const keys = new Set(registries.map(registryKey))
  const tokens = new Set(registries.map(tokenKey))
  return entries.filter((entry) => keys.has(entry.key) || tokens.has(lowerCaseHost(entry.key)))
}

export function configText(
  registries: readonly NpmRegistry[],
  existing: ExistingConfig,
  replaced: readonly IniEntry[],
  /** With refresh: the launcher pnpm runs for the key (pnpm prefers it to _authToken). */
  tokenHelper?: string
): string {
  const settings: Array<[string, string]> = registries.flatMap((registry) => [
    [tokenKey(registry), KEY_REFERENCE],
    ...(tokenHelper === undefined
      ? []
      : [[`${registry.nerfDart}:tokenHelper`, tokenHelper] as [string, string]]),
    [registryKey(registry), registry.url]
  ])
  const lines = [
    '; npm and pnpm user config written by cloudsmith-oidc-action for this job; its post step removes it.',
    `; No key is stored here: npm and pnpm read ${KEY_REFERENCE} from the environment.`,
    iniSettings(settings)
  ]
  if (existing.text !== undefined) {
    const commentedOut = new Set(replaced.map((entry) => entry.line))
    lines.push('', `; carried over from ${commentText(existing.path)}:`)
    existing.text.split(/\r\n|\r|\n/).forEach((line, index) => {
      lines.push(
        commentedOut.has(index + 1) ? `; replaced by cloudsmith-oidc-action: ${line}` : line
      )
    })
  }
  return `${lines.join('\n').replace(/\n*$/, '')}\n`
}

/**
 * `key=value` lines in ini's own encoding, in order; they must read back as exactly these
 * settings, or the plan stops (a value that would become something else is a bug of the action).
 */
function iniSettings(settings: ReadonlyArray<[string, string]>): string {
  const text = settings.map(([key, value]) => encode({ [key]: value }).trimEnd()).join('\n')
  const read = Object.entries(decode(text))
  if (JSON.stringify(read) !== JSON.stringify(settings)) {
    throw new Error(`the npm settings this step writes would not read back as written: ${text}`)
  }
  return text
}

/** Text for a comment line: control characters (a line break ends a comment) as `\uXXXX`. */
function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/**
 * A file name for this step in RUNNER_TEMP: the step's id (two uses of the action in one job get
 * two files), and a number when something is at that name already.
 */
export function configPath(context: PlanContext): string {
  const step = (context.env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)
  const base = `cloudsmith-oidc-npmrc${step === '' ? '' : `-${step}`}`
  for (let n = 1; ; n++) {
    const path = joinPath(context, context.tempDir, `${base}${n === 1 ? '' : `-${n}`}.npmrc`)
    if (context.readFile(path) === undefined) return path
  }
}

/**
 * NPM_CONFIG_USERCONFIG, and each other case variant of it already set (npm reads the variable in
 * any case, the last one in the environment winning); Windows has one variable whatever the case.
 */
export function userconfigExports(
  path: string,
  existing: ExistingConfig,
  platform: string
): Step[] {
  const variables = [...existing.variables]
  const names =
    platform === 'win32'
      ? [USERCONFIG_VARIABLE]
      : [...new Set([USERCONFIG_VARIABLE, ...existing.variables.keys()])]
  return names.map((name) => ({
    kind: 'env' as const,
    name,
    value: [path],
    secret: false,
    restore:
      platform === 'win32'
        ? (variables.find(([variable]) => asciiUpperCase(variable) === name)?.[1] ?? '')
        : (existing.variables.get(name) ?? '')
  }))
}
