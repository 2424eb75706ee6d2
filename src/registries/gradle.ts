/**
 * gradle: `gradle REPOSITORY [name=NAME] [host=HOST] [domain=KIND] [upload-host=HOST]
 * [upload-domain=KIND]`. Exports the Gradle project properties `NAMEUsername` (`token`) and
 * `NAMEPassword` (the key) as `ORG_GRADLE_PROJECT_NAMEUsername` and `..Password`, so a Maven
 * repository named NAME (default `cloudsmith`) with `credentials(PasswordCredentials)` (Gradle
 * 6.6 and later), or with `credentials { username = NAMEUsername; password = NAMEPassword }`,
 * authenticates. No file is written. The hosts only shape the URLs the log shows for the build
 * script: the same as maven's (dl.cloudsmith.io/basic/ORG/REPO/maven/ and
 * maven.cloudsmith.io/ORG/REPO/).
 */
import { domainOptionText } from './domains.js'
import {
  MAVEN_DOWNLOAD_HOST,
  MAVEN_UPLOAD_HOST,
  mavenEndpoints,
  mavenHostProblems,
  mavenHosts
} from './maven.js'
import { KEY, type FormatModule, type Plan, type RegistryRequest } from './plan.js'
import { lineName } from './request.js'

export const GRADLE_USERNAME = 'token'
export const DEFAULT_REPOSITORY_NAME = 'cloudsmith'
/** Gradle reads a project property NAME from the variable ORG_GRADLE_PROJECT_NAME. */
const PROPERTY_PREFIX = 'ORG_GRADLE_PROJECT_'

/**
 * Gradle's rule for the identity of `credentials(PasswordCredentials)`: letters and digits only
 * (its Character.isLetterOrDigit), kept to ASCII here so the variable name is plain ASCII too.
 */
const REPOSITORY_NAME = /^[A-Za-z0-9]+$/

/** The repository name in the build script: `name=`, else `cloudsmith`. */
export function repositoryName(request: Pick<RegistryRequest, 'options'>): string {
  return request.options.get('name') ?? DEFAULT_REPOSITORY_NAME
}

/** The two variables for a repository name: `ORG_GRADLE_PROJECT_cloudsmithUsername`, `...Password`. */
export function gradleVariables(name: string): { username: string; password: string } {
  return {
    username: `${PROPERTY_PREFIX}${name}Username`,
    password: `${PROPERTY_PREFIX}${name}Password`
  }
}

export const gradle: FormatModule = {
  format: 'gradle',
  repository: 'required',
  options: {
    name: `the name of the repository in the build script, whose credentials Gradle reads from the properties NAMEUsername and NAMEPassword (default ${DEFAULT_REPOSITORY_NAME}; letters and digits only)`,
    host: `the download host shown for the build script (default ${MAVEN_DOWNLOAD_HOST}; an organization's custom download domain)`,
    domain: domainOptionText('domain'),
    'upload-host': `the publishing host shown for the build script (default ${MAVEN_UPLOAD_HOST}; an organization's custom Maven domain)`,
    'upload-domain': domainOptionText('upload-domain')
  },
  programs: [],
  hosts: mavenHosts,
  validate(request) {
    const problems = mavenHostProblems(request)
    const name = request.options.get('name')
    if (name !== undefined && !REPOSITORY_NAME.test(name)) {
      problems.push(
        `name=${name} is not a name Gradle reads credentials for: letters and digits only (Gradle refuses '-', '_' and '.' in the identity of credentials(PasswordCredentials)).`
      )
    }
    return problems
  },
  plan(request, context): Plan | { readonly problems: readonly string[] } {
    const name = repositoryName(request)
    const variables = gradleVariables(name)
    const username = context.env[variables.username] ?? ''
    const password = context.env[variables.password] ?? ''
    // a username of `token` is this action's from an earlier step (run again to renew the key)
    if ((username !== '' && username !== GRADLE_USERNAME) || (username === '' && password !== '')) {
      return {
        problems: [
          `${lineName(request)}: ${username === '' ? variables.password : variables.username} is already set (by an earlier step, the runner's environment or the workflow's env:), so a repository named '${name}' has other credentials; this line would replace them. Give this one another name with name=NAME, or remove the other setting.`
        ]
      }
    }
    const { download, upload } = mavenEndpoints(request)
    return {
      request,
      title: `gradle: repository '${name}' as ${GRADLE_USERNAME} (${download}, ${upload})`,
      steps: [
        {
          kind: 'env',
          name: variables.username,
          value: [GRADLE_USERNAME],
          secret: false,
          restore: username
        },
        { kind: 'env', name: variables.password, value: [KEY], secret: true, restore: '' }
      ],
      notes: [
        `Gradle reads the properties ${name}Username and ${name}Password from these variables: declare maven { name = "${name}"; url = uri("${download}"); credentials(PasswordCredentials) } (Gradle 6.6 and later) in repositories {}, and the same with ${upload} under publishing { repositories {} } to publish.`,
        `Gradle sends them to whatever URL that repository has: give the name '${name}' only to Cloudsmith's.`
      ]
    }
  }
}
