/**
 * nuget: `nuget REPOSITORY [name=NAME]`. Gives the package source named NAME (default `cloudsmith`)
 * in the user's nuget.config its credentials through the one variable NuGet reads for it,
 * `NuGetPackageSourceCredentials_NAME` = `Username=token;Password=<key>` (masked whole). No file is
 * written: the source itself (`https://nuget.cloudsmith.io/ORG/REPO/v3/index.json`) is the user's
 * nuget.config entry, so the key goes only where that source points.
 *
 * NuGet looks the variable up by the source's name as written (`"NuGetPackageSourceCredentials_" +
 * name`; case-sensitive outside Windows), sends the credentials after the feed answers 401, and
 * parses the value as `Username=…;Password=…` (NuGet.Client's PackageSourceProvider). Names with
 * characters a variable name cannot carry, or that some NuGet versions rewrite (`.`), are refused.
 * `dotnet nuget push` takes the key with `--api-key`; it is not read from this variable.
 */
import { envFormat, keyArgument, secretVariable } from './env-format.js'
import { KEY, type RegistryRequest } from './plan.js'

export const NUGET_HOST = 'nuget.cloudsmith.io'
export const NUGET_DEFAULT_NAME = 'cloudsmith'
export const NUGET_VARIABLE_PREFIX = 'NuGetPackageSourceCredentials_'

/** A package source name that maps to a variable name as it is: a letter or '_', then letters, digits, '_' and '-'. */
const SOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/

export function sourceName(request: Pick<RegistryRequest, 'options'>): string {
  return request.options.get('name') ?? NUGET_DEFAULT_NAME
}

/** The v3 service index a nuget.config entry names for the repository. */
export function feedUrl(request: Pick<RegistryRequest, 'owner' | 'repository'>): string {
  return `https://${NUGET_HOST}/${request.owner}/${request.repository ?? ''}/v3/index.json`
}

export const nuget = envFormat({
  format: 'nuget',
  options: {
    name: `the package source's key in nuget.config (default ${NUGET_DEFAULT_NAME}): a letter or '_', then letters, digits, '_' and '-'`
  },
  // the feed, not the bare host: two repositories are two sources; the same one twice is refused
  hosts: (request) => [feedUrl(request).slice('https://'.length, -'v3/index.json'.length)],
  validate(request) {
    const name = sourceName(request)
    return SOURCE_NAME.test(name)
      ? []
      : [
          `name=${name} is not a package source name this action can map to NuGet's variable: use a letter or '_', then letters, digits, '_' and '-' (the same key in nuget.config).`
        ]
  },
  variables(request, context) {
    const name = sourceName(request)
    const variable = `${NUGET_VARIABLE_PREFIX}${name}`
    return {
      title: `nuget: credentials for the package source '${name}' (${feedUrl(request)})`,
      steps: [secretVariable(variable, ['Username=token;Password=', KEY])],
      notes: [
        `NuGet sends them to the source whose key is '${name}' in nuget.config, after it answers 401: <add key="${name}" value="${feedUrl(request)}" />. Push with dotnet nuget push PACKAGE.nupkg --source ${name} --api-key ${keyArgument(context)}.`
      ]
    }
  }
})
