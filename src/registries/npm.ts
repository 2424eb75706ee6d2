/**
 * npm and pnpm: one user config file in RUNNER_TEMP for every npm line, the way setup-node does
 * it. The file holds `//HOST/PATH/:_authToken=${CLOUDSMITH_API_KEY}`, which npm and pnpm expand
 * when they read it, so the key itself is never on disk; NPM_CONFIG_USERCONFIG points both
 * clients at it. Whatever the user config in force before the step held is carried over into the
 * new file, below this step's lines.
 *
 * The parts: the line's registry and npm's names for it (npm-registry.ts), reading the user's
 * config (npm-user-config.ts), the refusals (npm-refusals.ts), and the file this step writes with
 * its variables (npm-config-text.ts).
 */
import type { FormatModule, Plan, PlanContext, RegistryRequest, Step } from './plan.js'
import { cloudsmithHostProblem, domainOptionText } from './domains.js'
import { configPath, configText, replacedLines, userconfigExports } from './npm-config-text.js'
import { betweenLines, credentialClashes, environmentOverrides } from './npm-refusals.js'
import {
  DEFAULT_NPM_HOST,
  KEY_REFERENCE,
  registryOf,
  where,
  type NpmRegistry
} from './npm-registry.js'
import { USERCONFIG_VARIABLE, existingConfig, iniEntries } from './npm-user-config.js'

export { DEFAULT_NPM_HOST, iniEntries }

/** An npm scope: `@` and a name npm accepts for a new package (lower case, URL-safe). */
const SCOPE = /^@[a-z0-9-][a-z0-9._-]*$/
const SCOPE_MAX_LENGTH = 214

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
  const steps: Step[] = [
    { kind: 'file', path, content: configText(registries, existing, replaced) },
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
