/**
 * npm and pnpm: one user config file in RUNNER_TEMP for every npm line, the way setup-node does
 * it. The file holds `//HOST/PATH/:_authToken=${CLOUDSMITH_API_KEY}`, which npm and pnpm expand
 * when they read it, so the key itself is never on disk; NPM_CONFIG_USERCONFIG points both
 * clients at it. Whatever the user config in force before the step held (one setup-node wrote, a
 * developer's ~/.npmrc) is carried over into the new file, below this step's lines.
 *
 * How npm reads it (npm's @npmcli/config and npm-registry-fetch): a user config is ini text;
 * `[section]` puts the keys after it out of reach, so this step's lines come first; the last of
 * two equal keys wins, so a carried-over line setting a key this step sets is commented out. For a
 * request, npm looks for credentials under the longest nerf-darted prefix of its URL
 * (`//host/a/b/`, then `//host/a/b`, `//host/a/`, ...): a credential the user already keeps for
 * this registry's path (or below it) would fight this step's, and is refused, never replaced.
 * Settings from the environment (`npm_config_*`) beat every file: one that would override this
 * step's registry or token is refused too.
 */
import { posix, win32 } from 'node:path'
import type { FormatModule, Plan, PlanContext, RegistryRequest, Step } from './plan.js'
import { cloudsmithHostProblem, domainEndpoint, domainOptionText } from './domains.js'
import { lineName } from './request.js'
import { asciiUpperCase } from './variable-names.js'

export const DEFAULT_NPM_HOST = 'npm.cloudsmith.io'
const USERCONFIG_VARIABLE = 'NPM_CONFIG_USERCONFIG'
/**
 * The variable main exports the key in (API_KEY_VARIABLE in outputs.ts, which cannot be imported
 * here: outputs.ts imports inputs.ts, which imports the format table).
 */
export const KEY_VARIABLE = 'CLOUDSMITH_API_KEY'
/** The value npm expands at read time: the only form of the key this step writes. */
const KEY_REFERENCE = `\${${KEY_VARIABLE}}`
/** The per-registry settings npm-registry-fetch treats as a credential. */
const CREDENTIAL_FIELDS = ['_authToken', '_auth', 'username', '_password'] as const
/** An npm scope: `@` and a name npm accepts for a new package (lower case, URL-safe). */
const SCOPE = /^@[a-z0-9-][a-z0-9._-]*$/
const SCOPE_MAX_LENGTH = 214

/** One npm line, resolved: where its registry is and what it is for. */
interface NpmRegistry {
  readonly request: RegistryRequest
  /** `https://HOST/PATH/` */
  readonly url: string
  /** `//HOST/PATH/`, the prefix npm looks credentials up by. */
  readonly nerfDart: string
  readonly scope: string | undefined
}

/** One `key=value` line of an ini file as npm's ini parser reads it. */
interface IniEntry {
  /** 1-based line number in the file. */
  readonly line: number
  readonly key: string
  readonly value: string
  /** False after a `[section]` header: npm does not read such keys. */
  readonly topLevel: boolean
}

/** The user config in force when the step started. */
interface ExistingConfig {
  /** The variables naming it (each case variant set in the environment). */
  readonly variables: ReadonlyMap<string, string>
  readonly path: string
  /** The file's text, or undefined when there is none. */
  readonly text: string | undefined
}

export const npm: FormatModule = {
  format: 'npm',
  repository: 'required',
  options: {
    scope:
      '@SCOPE: only packages of this npm scope come from the repository (without it, every package does)',
    host: `HOST[:PORT]: the registry's host (default ${DEFAULT_NPM_HOST}, path /OWNER/REPOSITORY/; another host is an organization-wide custom domain, path /REPOSITORY/, unless domain= says otherwise)`,
    domain: domainOptionText('domain')
  },
  programs: [],
  validate(request) {
    const problems = cloudsmithHostProblem(request, 'host', DEFAULT_NPM_HOST)
    const scope = request.options.get('scope')
    if (scope !== undefined && (scope.length > SCOPE_MAX_LENGTH || !SCOPE.test(scope))) {
      problems.push(
        `scope=${scope} is not an npm scope: use @ and a name of lower-case letters, digits, '-', '.' and '_' that does not start with '.' or '_', such as scope=@acme.`
      )
    }
    return problems
  },
  hosts(request) {
    return [registryOf(request).nerfDart.slice(2)]
  },
  plan(request, context) {
    const plans = planNpm([request], context)
    return 'problems' in plans ? plans : (plans[0] as Plan)
  },
  planAll: (requests, context) => planNpm(requests, context)
}

/** Every npm line at once: one file, one NPM_CONFIG_USERCONFIG, one plan per line. */
export function planNpm(
  requests: readonly RegistryRequest[],
  context: PlanContext
): readonly Plan[] | { readonly problems: readonly string[] } {
  const registries = requests.map(registryOf)
  const problems: string[] = []
  if (!context.exportEnv) {
    for (const registry of registries) {
      problems.push(
        `${where(registry)}: npm needs export-env: true. The user config this step writes refers to the key as ${KEY_REFERENCE}, which npm and pnpm read from the environment of later steps; with export-env: false the variable is not there. Set export-env: true, or write your own .npmrc from the token output.`
      )
    }
  }
  problems.push(...betweenLines(registries), ...environmentOverrides(registries, context.env))
  const existing = existingConfig(context)
  if ('problem' in existing) {
    return {
      problems: [...problems, `${where(registries[0] as NpmRegistry)}: ${existing.problem}`]
    }
  }
  const entries = existing.text === undefined ? [] : iniEntries(existing.text)
  problems.push(...credentialClashes(registries, entries, existing.path))
  if (problems.length > 0) return { problems }

  const replaced = replacedLines(registries, entries)
  const path = configPath(context)
  const content = configText(registries, existing, replaced)
  const steps: Step[] = [
    { kind: 'file', path, content },
    ...userconfigExports(path, existing, context.platform)
  ]

  const carried =
    existing.text === undefined
      ? `There was no user config at ${existing.path} to carry over.`
      : `It carries over the settings of ${existing.path}.`
  const replacedNotes = replaced.map(
    (entry) =>
      `Line ${entry.line} of ${existing.path} set ${entry.key}; this step's setting replaces it for the rest of the job.`
  )
  const first = registries[0]?.request.line
  return registries.map((registry, index) => ({
    request: registry.request,
    title: `npm: ${registry.scope ?? 'every package'} from ${registry.url}`,
    steps: index === 0 ? steps : [],
    notes:
      index === 0
        ? [
            `npm and pnpm read ${USERCONFIG_VARIABLE}=${path}; the token line refers to ${KEY_REFERENCE}. ${carried}`,
            ...replacedNotes,
            'A project .npmrc that sets the same registry or token takes precedence over the user config.'
          ]
        : [`Written into the same user config as line ${first}.`]
  }))
}

function registryOf(request: RegistryRequest): NpmRegistry {
  const endpoint = domainEndpoint(request, 'host', DEFAULT_NPM_HOST)
  const host = normaliseHost(endpoint.host)
  const path = endpoint.path
  return {
    request,
    url: `https://${host}${path}`,
    nerfDart: `//${host}${path}`,
    scope: request.options.get('scope')
  }
}

/** The host as npm sees it in a request URL: lower case, without the default port 443. */
function normaliseHost(host: string): string {
  try {
    return new URL(`https://${host}/`).host
  } catch {
    return host.toLowerCase()
  }
}

function where(registry: NpmRegistry): string {
  return lineName(registry.request)
}

/** Two lines may not share a registry path, a scope, or both be without a scope. */
function betweenLines(registries: readonly NpmRegistry[]): string[] {
  const problems: string[] = []
  const seen = new Map<string, NpmRegistry>()
  for (const registry of registries) {
    const claims = [`path ${registry.nerfDart}`, `scope ${registry.scope ?? '(every package)'}`]
    for (const claim of claims) {
      const earlier = seen.get(claim)
      if (earlier) {
        problems.push(
          claim.startsWith('path')
            ? `${where(registry)}: line ${earlier.request.line} already configures the npm registry ${registry.url}; give each repository one npm line.`
            : `${where(registry)}: line ${earlier.request.line} already sets the registry for ${registry.scope ?? 'every package (no scope=)'}; npm takes one registry per scope, so give each npm line its own scope=.`
        )
        break
      }
    }
    for (const claim of claims) if (!seen.has(claim)) seen.set(claim, registry)
  }
  return problems
}

/** `npm_config_*` variables beat every config file: ones that would undo this step are refused. */
function environmentOverrides(
  registries: readonly NpmRegistry[],
  env: PlanContext['env']
): string[] {
  const problems: string[] = []
  const set = Object.entries(env).filter(
    (entry): entry is [string, string] =>
      /^npm_config_/i.test(entry[0]) && entry[1] !== undefined && entry[1] !== ''
  )
  for (const registry of registries) {
    const registryKey = registry.scope === undefined ? 'registry' : `${registry.scope}:registry`
    for (const [name] of set) {
      const key = name.slice('npm_config_'.length)
      if (key.toLowerCase() === registryKey) {
        problems.push(
          `${where(registry)}: the environment sets ${name}, which npm and pnpm read before any config file, so the registry this line sets would not be used. Remove ${name} from the job's env, or give this line a scope= of its own.`
        )
      } else if (key.startsWith('//') && credentialClash(key, registry.nerfDart)) {
        problems.push(
          `${where(registry)}: the environment sets ${name}, a credential for ${registry.nerfDart} that npm reads before any config file. Remove it from the job's env: this step signs npm in to that registry.`
        )
      }
    }
  }
  return problems
}

/** Which user config npm would read now, following npm: a non-empty npm_config_userconfig (any case), else ~/.npmrc. */
function existingConfig(context: PlanContext): ExistingConfig | { problem: string } {
  const variables = new Map(
    Object.entries(context.env).filter(
      (entry): entry is [string, string] =>
        asciiUpperCase(entry[0]) === USERCONFIG_VARIABLE && entry[1] !== undefined
    )
  )
  const named = [...new Set([...variables.values()].filter((value) => value !== ''))]
  if (named.length > 1) {
    return {
      problem: `the environment names more than one npm user config (${[...variables.keys()].join(', ')}); npm reads whichever comes last in the environment, so this step cannot tell which one to carry over. Set only one of them.`
    }
  }
  const path =
    named[0] === undefined
      ? join(context, context.homeDir, '.npmrc')
      : expandHome(named[0], context)
  return { variables, path, text: context.readFile(path)?.replace(/^\uFEFF/, '') }
}

function expandHome(path: string, context: PlanContext): string {
  const home = /^~(?=$|[/\\])/
  return home.test(path) ? join(context, context.homeDir, path.slice(2)) : path
}

function join(context: PlanContext, ...parts: string[]): string {
  return context.platform === 'win32' ? win32.join(...parts) : posix.join(...parts)
}

/**
 * The file's lines as npm's ini parser (the `ini` package npm ships) reads them: a line whose first
 * non-blank character is `;` or `#` is a comment; `[name]` starting in the first column starts a
 * section (an indented `  [name]` is a key, and the keys after it stay top level); otherwise
 * `key = value`, a line that starts with `=` being skipped. Keys and values are trimmed, taken out
 * of their quotes, and end at an unescaped `;` or `#`.
 */
export function iniEntries(text: string): IniEntry[] {
  const entries: IniEntry[] = []
  let topLevel = true
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (/^\s*([;#]|$)/.test(raw)) return
    if (/^\[[^\]]*\]\s*$/.test(raw)) {
      topLevel = false
      return
    }
    const match = /^([^=]+)(=(.*))?$/.exec(raw)
    if (match === null) return
    const key = iniText(match[1] as string)
    const value = match[2] === undefined ? 'true' : iniText(match[3] as string)
    entries.push({ line: index + 1, key, value, topLevel })
  })
  return entries
}

/** A key or value as npm's ini reads it: trimmed, unquoted, cut at an unescaped `;` or `#`. */
function iniText(raw: string): string {
  const text = raw.trim()
  const double = text.startsWith('"') && text.endsWith('"')
  const single = text.startsWith("'") && text.endsWith("'")
  if (double || single) {
    const inner = single ? text.slice(1, -1) : text
    try {
      const parsed: unknown = JSON.parse(inner)
      return typeof parsed === 'string' ? parsed : inner
    } catch {
      return inner
    }
  }
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i)
    if (char === ';' || char === '#') break
    if (char !== '\\') {
      out += char
    } else if (i + 1 < text.length) {
      const next = text.charAt(++i)
      out += next === ';' || next === '#' || next === '\\' ? next : `\\${next}`
    } else {
      out += char
    }
  }
  return out.trim()
}

/** Whether a credential key's nerf dart (`//host/path[/]`) covers requests under `nerfDart`. */
function credentialClash(key: string, nerfDart: string): boolean {
  const colon = key.lastIndexOf(':')
  if (colon === -1) return false
  const field = key.slice(colon + 1)
  if (!(CREDENTIAL_FIELDS as readonly string[]).includes(field)) return false
  const prefix = lowerCaseHost(key.slice(0, colon))
  return prefix === nerfDart || prefix === nerfDart.slice(0, -1) || prefix.startsWith(nerfDart)
}

function lowerCaseHost(nerfDart: string): string {
  const slash = nerfDart.indexOf('/', 2)
  return slash === -1
    ? nerfDart.toLowerCase()
    : nerfDart.slice(0, slash).toLowerCase() + nerfDart.slice(slash)
}

/** Is this entry a token line this action wrote before (a second use of it in the same job)? */
function isOwnTokenLine(entry: IniEntry, nerfDart: string): boolean {
  return entry.value === KEY_REFERENCE && lowerCaseHost(entry.key) === `${nerfDart}:_authToken`
}

function credentialClashes(
  registries: readonly NpmRegistry[],
  entries: readonly IniEntry[],
  path: string
): string[] {
  const problems: string[] = []
  for (const registry of registries) {
    for (const entry of entries) {
      if (!entry.topLevel || !entry.key.startsWith('//')) continue
      if (isOwnTokenLine(entry, registry.nerfDart)) continue
      if (credentialClash(entry.key, registry.nerfDart)) {
        const field = entry.key.slice(entry.key.lastIndexOf(':') + 1)
        problems.push(
          `${where(registry)}: line ${entry.line} of the existing npm user config ${path} already holds a credential (${field}) for ${registry.nerfDart}, and this step will not write a second one. Remove that line (or that file from NPM_CONFIG_USERCONFIG), or drop this registries line and keep your own.`
        )
      }
    }
  }
  return problems
}

/**
 * Carried-over lines that set a key this step sets, wherever they sit (top level or in a section,
 * which another reader may not honour): commented out, so this step's value holds.
 */
function replacedLines(
  registries: readonly NpmRegistry[],
  entries: readonly IniEntry[]
): IniEntry[] {
  const keys = new Set(
    registries.map((registry) =>
      registry.scope === undefined ? 'registry' : `${registry.scope}:registry`
    )
  )
  return entries.filter(
    (entry) =>
      keys.has(entry.key) ||
      registries.some((registry) => lowerCaseHost(entry.key) === `${registry.nerfDart}:_authToken`)
  )
}

function configText(
  registries: readonly NpmRegistry[],
  existing: ExistingConfig,
  replaced: readonly IniEntry[]
): string {
  const lines = [
    '; npm and pnpm user config written by cloudsmith-oidc-action for this job; its post step removes it.',
    `; No key is stored here: npm and pnpm read ${KEY_REFERENCE} from the environment.`
  ]
  for (const registry of registries) {
    lines.push(
      `${registry.nerfDart}:_authToken=${KEY_REFERENCE}`,
      `${registry.scope === undefined ? 'registry' : `${registry.scope}:registry`}=${registry.url}`
    )
  }
  if (existing.text !== undefined) {
    const commentedOut = new Set(replaced.map((entry) => entry.line))
    lines.push('', `; carried over from ${existing.path}:`)
    existing.text.split(/\r\n|\r|\n/).forEach((line, index) => {
      lines.push(
        commentedOut.has(index + 1) ? `; replaced by cloudsmith-oidc-action: ${line}` : line
      )
    })
  }
  return `${lines.join('\n').replace(/\n*$/, '')}\n`
}

/**
 * A file name for this step in RUNNER_TEMP: the step's id (two uses of the action in one job get
 * two files), and a number when a file of that name is there already.
 */
function configPath(context: PlanContext): string {
  const step = (context.env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)
  const base = `cloudsmith-oidc-npmrc${step === '' ? '' : `-${step}`}`
  for (let n = 1; ; n++) {
    const path = join(context, context.tempDir, `${base}${n === 1 ? '' : `-${n}`}.npmrc`)
    if (context.readFile(path) === undefined) return path
  }
}

/**
 * NPM_CONFIG_USERCONFIG, and each other case variant of it already set (npm reads the variable in
 * any case, the last one in the environment winning); Windows has one variable whatever the case.
 */
function userconfigExports(path: string, existing: ExistingConfig, platform: string): Step[] {
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
