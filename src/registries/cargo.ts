/**
 * cargo: `cargo REPOSITORY [name=NAME] [host=HOST] [domain=KIND]`. Names a Cloudsmith repository
 * as a Cargo registry through three variables Cargo reads for `[registries.NAME]`: the sparse
 * index, the token, and the `cargo:token` credential provider (without a provider Cargo refuses to
 * authenticate to an alternative registry). Then a dependency with `registry = "NAME"` and
 * `cargo publish --registry NAME` send the key. No file is written.
 *
 * The token is sent verbatim: Cargo's `cargo:token` provider puts the variable's value into the
 * `Authorization` header as it is, and Cloudsmith reads an API key (an OIDC-issued one too) there
 * under the `Token` scheme, so the value is `Token <key>`.
 */
import {
  KEY,
  type FormatModule,
  type Plan,
  type PlanContext,
  type RegistryRequest,
  type Step
} from './plan.js'
import { cloudsmithHostProblem, domainEndpoint, domainOptionText } from './domains.js'
import { lineName } from './request.js'

/** The variable the action exports the key in (src/outputs.ts). */
const API_KEY_VARIABLE = 'CLOUDSMITH_API_KEY'

export const CARGO_HOST = 'cargo.cloudsmith.io'

/** The scheme before the key in the `Authorization` header Cargo sends. */
export const CARGO_AUTH_SCHEME = 'Token'

/** The credential provider that reads `CARGO_REGISTRIES_<NAME>_TOKEN`. */
export const CARGO_TOKEN_PROVIDER = 'cargo:token'

/** The credential provider that runs a program for the token (the refresh helper's launcher). */
export const CARGO_HELPER_PROVIDER = 'cargo:token-from-stdout'

/**
 * A Cargo registry name this action can map to variables: Cargo's own rule (a letter or `_`,
 * then letters, digits, `-` and `_`) kept to ASCII, so the variable name is plain ASCII too.
 */
const REGISTRY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** Cargo's name for crates.io: its variables would send the key to crates.io. */
const CRATES_IO = 'CRATES_IO'

/** The registry's name: `name=`, else the repository slug. */
export function registryName(request: RegistryRequest): string {
  return request.options.get('name') ?? request.repository ?? ''
}

/**
 * The part every variable of a registry shares, the way Cargo maps `registries.NAME` to the
 * environment: upper case, `-` as `_`. `acme-crates` → `CARGO_REGISTRIES_ACME_CRATES_`.
 */
export function variablePrefix(name: string): string {
  return `CARGO_REGISTRIES_${name.toUpperCase().replaceAll('-', '_')}_`
}

/** `sparse+https://cargo.cloudsmith.io/ORG/REPO/`, or a custom domain's form of it (domains.ts). */
export function indexUrl(request: RegistryRequest): string {
  const { host, path } = domainEndpoint(request, 'host', CARGO_HOST)
  return `sparse+https://${host}${path}`
}

export const cargo: FormatModule = {
  format: 'cargo',
  repository: 'required',
  options: {
    name: `the Cargo registry name that Cargo.toml and --registry use (default: the repository slug)`,
    host: `the index host (default ${CARGO_HOST}; an organization's custom domain)`,
    domain: domainOptionText('domain')
  },
  programs: [],
  // The index rather than the bare host: two Cloudsmith repositories on cargo.cloudsmith.io are
  // two registries; the same index twice is one line too many.
  hosts: (request) => [indexUrl(request).slice('sparse+https://'.length)],
  validate(request) {
    const problems = cloudsmithHostProblem(request, 'host', CARGO_HOST)
    const name = registryName(request)
    const given = request.options.has('name')
    if (!REGISTRY_NAME.test(name)) {
      problems.push(
        given
          ? `name=${name} is not a Cargo registry name: a letter or '_', then letters, digits, '-' and '_'.`
          : `the repository slug '${name}' is not a Cargo registry name (a letter or '_', then letters, digits, '-' and '_'); give one with name=NAME.`
      )
    } else if (variablePrefix(name) === variablePrefix(CRATES_IO)) {
      problems.push(
        `${given ? `name=${name}` : `the repository slug '${name}'`} is Cargo's name for crates.io, whose token would then be the Cloudsmith key; choose another with name=NAME.`
      )
    }
    return problems
  },
  plan(request, context): Plan | { readonly problems: readonly string[] } {
    const name = registryName(request)
    const prefix = variablePrefix(name)
    const index = indexUrl(request)
    const names = {
      index: `${prefix}INDEX`,
      token: `${prefix}TOKEN`,
      provider: `${prefix}CREDENTIAL_PROVIDER`
    }
    const clash = clashingVariables(context, names, index)
    if (clash.length > 0) {
      return {
        problems: [
          `${lineName(request)}: ${clash.join(' and ')} ${clash.length === 1 ? 'is' : 'are'} already set for another registry named '${name}' (by an earlier step, the runner's environment or the workflow's env:); this line would replace ${clash.length === 1 ? 'it' : 'them'}. Give this registry another name with name=NAME, or remove the other setting.`
        ]
      }
    }
    // post clears the token; the index and provider hold nothing secret, and Cargo refuses an
    // empty index ("invalid index URL") in later post steps: they go back to an earlier value, or
    // stay set when there was none
    const previous = (variable: string): string | null => context.env[variable] || null
    const setting = (variable: string, value: string): Step => ({
      kind: 'env',
      name: variable,
      value: [value],
      secret: false,
      restore: previous(variable)
    })
    const use = `use registry = "${name}" on dependencies in Cargo.toml, or cargo publish --registry ${name}.`
    if (context.refresh !== undefined) {
      const launcher = context.refresh.launcherPath('cargo')
      // Cargo splits the provider setting at white space
      if (/\s/.test(launcher)) {
        return {
          problems: [
            `${lineName(request)}: the refresh helper's launcher path ${launcher} holds white space, which Cargo's credential-provider setting cannot carry. Fix: run on a runner whose RUNNER_TEMP has no spaces, or set refresh: false.`
          ]
        }
      }
      return {
        request,
        title: `cargo: registry '${name}' at ${index}, the key from the refresh helper`,
        steps: [
          setting(names.index, index),
          setting(names.provider, `${CARGO_HELPER_PROVIDER} ${launcher}`)
        ],
        notes: [
          `Cargo runs ${launcher} (${CARGO_HELPER_PROVIDER}) for the Authorization header ('${CARGO_AUTH_SCHEME} ' and the current key) of each request for this registry; ${use}`
        ],
        helpers: [{ protocol: 'cargo' }]
      }
    }
    return {
      request,
      title: `cargo: registry '${name}' at ${index}`,
      steps: [
        setting(names.index, index),
        setting(names.provider, CARGO_TOKEN_PROVIDER),
        {
          kind: 'env',
          name: names.token,
          value: [`${CARGO_AUTH_SCHEME} `, KEY],
          secret: true,
          restore: ''
        }
      ],
      notes: [
        `Cargo sends ${names.token} as the Authorization header ('${CARGO_AUTH_SCHEME} ' and the key) to every request for this registry; ${use}`
      ]
    }
  }
}

/**
 * The registry's variables that are already set to something else than this line would set.
 * An index equal to this line's, with no token or the token of the key this action exported (run
 * again to renew the key), is replaced; a token of the user's own under the same index is kept:
 * the line is refused rather than replace it (and post would then clear it).
 */
function clashingVariables(
  context: PlanContext,
  names: { readonly index: string; readonly token: string; readonly provider: string },
  index: string
): string[] {
  const set = (variable: string): boolean => (context.env[variable] ?? '') !== ''
  if (context.env[names.index] === index) {
    const token = context.env[names.token] ?? ''
    const ourKey = context.env[API_KEY_VARIABLE] ?? ''
    const ours = ourKey !== '' && token === `${CARGO_AUTH_SCHEME} ${ourKey}`
    return token === '' || ours ? [] : [names.token]
  }
  return [names.index, names.token, names.provider].filter(set)
}
