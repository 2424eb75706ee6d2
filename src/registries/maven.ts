/**
 * maven: `maven REPOSITORY [id=ID] [host=HOST] [domain=KIND] [upload-host=HOST]
 * [upload-domain=KIND]`. A later plain `mvn` authenticates as `token` with the key to every
 * repository, plugin repository, mirror or distributionManagement entry whose id is ID (default
 * `cloudsmith`): downloads from `https://dl.cloudsmith.io/basic/ORG/REPO/maven/`, deploys to
 * `https://maven.cloudsmith.io/ORG/REPO/`.
 *
 * How, without touching the user's settings: Maven 3.8 and 3.9 read user settings only from
 * `${user.home}/.m2/settings.xml` (or `-s`, which MAVEN_ARGS carries in 3.9 only), and global
 * settings from `${maven.conf}/settings.xml`, where `maven.conf` is a system property the launcher
 * sets only when it is not set already (m2.conf: `set maven.conf default ${maven.home}/conf`). So
 * the step copies the installation's conf/ into RUNNER_TEMP with a `<server>` per line added to
 * its global settings (password `${env.CLOUDSMITH_API_KEY}`, never the key), and appends
 * `-Dmaven.conf=DIR` to MAVEN_OPTS, which the `mvn` script puts on the java command line. Maven
 * merges the user's settings over these, so the user's file (setup-java writes one) keeps
 * working and is never written; a server with the same id in it would win, and is refused.
 */
import { posix, win32 } from 'node:path'
import { cloudsmithHostProblem, domainEndpoint, domainOptionText } from './domains.js'
import {
  confDirectory,
  findInstallation,
  isOwnConfDirectory,
  jvmOptions,
  MAVEN_OPTS,
  STOCK_LOGGING,
  systemProperty,
  userSettingsPaths
} from './maven-install.js'
import { addServers, type MavenServer, serverIds, settingsWithServers } from './maven-settings.js'
import type { FormatModule, Plan, PlanContext, RegistryRequest, Step } from './plan.js'
import { lineName } from './request.js'

export const MAVEN_DOWNLOAD_HOST = 'dl.cloudsmith.io'
export const MAVEN_UPLOAD_HOST = 'maven.cloudsmith.io'
export const MAVEN_USERNAME = 'token'
export const DEFAULT_SERVER_ID = 'cloudsmith'
/** Maven expands it from the environment when it reads the settings: the file never holds the key. */
export const MAVEN_KEY_REFERENCE = '${env.CLOUDSMITH_API_KEY}'

/** What Maven's model validator accepts as a repository id (and so a server id that can match). */
const SERVER_ID = /^[A-Za-z0-9_.-]+$/

/** The server id a line sets: `id=`, else `cloudsmith`. */
export function serverId(request: Pick<RegistryRequest, 'options'>): string {
  return request.options.get('id') ?? DEFAULT_SERVER_ID
}

/** Where the repository is read from and deployed to, in Cloudsmith's form for each host. */
export function mavenEndpoints(
  request: Pick<RegistryRequest, 'owner' | 'repository' | 'options'>
): {
  readonly download: string
  readonly upload: string
} {
  const download = domainEndpoint(request, 'host', MAVEN_DOWNLOAD_HOST)
  const upload = domainEndpoint(request, 'upload-host', MAVEN_UPLOAD_HOST)
  return {
    download: `https://${download.host}/basic${download.path}maven/`,
    upload: `https://${upload.host}${upload.path}`
  }
}

/** The repository's two URLs without the scheme: what the "same line twice" check compares. */
export function mavenHosts(request: RegistryRequest): string[] {
  const { download, upload } = mavenEndpoints(request)
  return [download, upload].map((url) => url.slice('https://'.length))
}

/** A custom-domain kind given for one of Cloudsmith's own Maven hosts. */
export function mavenHostProblems(request: RegistryRequest): string[] {
  return [
    ...cloudsmithHostProblem(request, 'host', MAVEN_DOWNLOAD_HOST),
    ...cloudsmithHostProblem(request, 'upload-host', MAVEN_UPLOAD_HOST)
  ]
}

export const maven: FormatModule = {
  format: 'maven',
  repository: 'required',
  options: {
    id: `the id of the repository or distributionManagement entry in your POM that gets the key (default ${DEFAULT_SERVER_ID}; letters, digits, '.', '_' and '-')`,
    host: `the download host (default ${MAVEN_DOWNLOAD_HOST}; an organization's custom download domain)`,
    domain: domainOptionText('domain'),
    'upload-host': `the host deploys go to (default ${MAVEN_UPLOAD_HOST}; an organization's custom Maven domain)`,
    'upload-domain': domainOptionText('upload-domain')
  },
  programs: [],
  hosts: mavenHosts,
  validate(request) {
    const problems = mavenHostProblems(request)
    const id = request.options.get('id')
    if (id !== undefined && !SERVER_ID.test(id)) {
      problems.push(
        `id=${id} is not a Maven repository id: letters, digits, '.', '_' and '-' only.`
      )
    }
    return problems
  },
  plan(request, context) {
    const planned = planMaven([request], context)
    return 'problems' in planned ? planned : (planned[0] as Plan)
  },
  planAll: planMaven
}

function planMaven(
  requests: readonly RegistryRequest[],
  context: PlanContext
): readonly Plan[] | { readonly problems: readonly string[] } {
  const paths = context.platform === 'win32' ? win32 : posix
  const servers: MavenServer[] = requests.map((request) => ({
    id: serverId(request),
    username: MAVEN_USERNAME,
    password: MAVEN_KEY_REFERENCE
  }))
  const options = jvmOptions(context.env[MAVEN_OPTS])
  const earlierConf = systemProperty(options, 'maven.conf')
  const ownEarlier = earlierConf !== undefined && isOwnConfDirectory(earlierConf, context)
  const installation = findInstallation(context)
  const userFiles = userSettingsPaths(context)
  const problems = [
    ...requests.flatMap((request, index) =>
      lineProblems(request, requests.slice(0, index), context)
    ),
    ...machineProblems(context, earlierConf, ownEarlier),
    ...userFiles.flatMap((file) =>
      clashes(requests, context.readFile(file), file, 'your user settings')
    ),
    ...clashes(
      requests,
      installation?.settings,
      paths.join(installation?.conf ?? '', 'settings.xml'),
      "the Maven installation's global settings"
    )
  ]
  const global =
    installation?.settings === undefined
      ? settingsWithServers(servers)
      : addServers(installation.settings, servers)
  // global settings that addServers cannot read are among the clashes' problems (one reader)
  if (problems.length > 0 || typeof global !== 'string') return { problems }

  const dir = confDirectory(context)
  const kept = options.filter((option) => !(ownEarlier && option === `-Dmaven.conf=${earlierConf}`))
  const previous = context.env[MAVEN_OPTS] ?? ''
  const steps: Step[] = [
    { kind: 'file', path: paths.join(dir, 'settings.xml'), content: global },
    {
      kind: 'file',
      path: paths.join(dir, 'logging', 'simplelogger.properties'),
      content: installation?.logging ?? STOCK_LOGGING
    },
    ...(installation?.toolchains === undefined
      ? []
      : [
          {
            kind: 'file' as const,
            path: paths.join(dir, 'toolchains.xml'),
            content: installation.toolchains
          }
        ]),
    {
      kind: 'env',
      name: MAVEN_OPTS,
      value: [[...kept, `-Dmaven.conf=${dir}`].join(' ')],
      secret: false,
      restore: previous
    }
  ]
  const shared = [
    `${MAVEN_OPTS} gets -Dmaven.conf=${dir}: Maven reads its global settings from there (${installation === undefined ? "no Maven installation was found on PATH or in MAVEN_HOME, so they hold only these servers, with Maven's stock logging configuration" : `a copy of ${installation.conf} with these servers added`}) and still reads ${userFiles.join(' or ')}, which this step does not write. A step that sets ${MAVEN_OPTS} in its own env: replaces this value; add \${{ env.${MAVEN_OPTS} }} to it.`
  ]
  return requests.map((request, index) => {
    const id = serverId(request)
    const { download, upload } = mavenEndpoints(request)
    return {
      request,
      title: `maven: server '${id}' as ${MAVEN_USERNAME} for ${download} and ${upload}`,
      steps: index === 0 ? steps : [],
      notes: [
        `Maven sends the key to every repository, plugin repository, mirror and distributionManagement entry whose id is '${id}', whatever its URL: give that id only to ${download} (downloads) and ${upload} (deploys).`,
        ...(index === 0 ? shared : [])
      ]
    }
  })
}

function lineProblems(
  request: RegistryRequest,
  earlier: readonly RegistryRequest[],
  context: PlanContext
): string[] {
  const id = serverId(request)
  const problems: string[] = []
  if (!context.exportEnv) {
    problems.push(
      `${lineName(request)}: maven needs export-env: true. The settings this step writes refer to the key as ${MAVEN_KEY_REFERENCE}, which Maven reads from the environment of later steps; with export-env: false the variable is not there. Set export-env: true.`
    )
  }
  const same = earlier.find((other) => serverId(other) === id)
  if (same !== undefined) {
    problems.push(
      `${lineName(request)}: line ${same.line} already sets the Maven server '${id}'; Maven matches credentials by id alone, so give each line its own id=.`
    )
  }
  return problems
}

/** What in the job's environment would stop Maven from reading the settings this step writes. */
function machineProblems(
  context: PlanContext,
  earlierConf: string | undefined,
  ownEarlier: boolean
): string[] {
  const where = `Input 'registries' (maven)`
  const problems: string[] = []
  if (earlierConf !== undefined && !ownEarlier) {
    problems.push(
      `${where}: ${MAVEN_OPTS} already sets -Dmaven.conf=${earlierConf}, and maven lines point it at a settings directory of their own; remove it from ${MAVEN_OPTS}, or add the servers to that directory's settings.xml yourself.`
    )
  }
  const args = jvmOptions(context.env['MAVEN_ARGS'])
  if (args.some((arg) => arg === '-gs' || arg.startsWith('--global-settings'))) {
    problems.push(
      `${where}: MAVEN_ARGS names other global settings (-gs), so Maven would not read the servers this step adds; remove -gs from MAVEN_ARGS.`
    )
  }
  if (/\s/.test(context.tempDir)) {
    problems.push(
      `${where}: RUNNER_TEMP (${context.tempDir}) holds whitespace, and the mvn script splits ${MAVEN_OPTS} at whitespace; run on a runner whose RUNNER_TEMP has none.`
    )
  }
  return problems
}

/** Lines whose server id a settings file already has: Maven would use that server, not the key. */
function clashes(
  requests: readonly RegistryRequest[],
  text: string | undefined,
  file: string,
  what: string
): string[] {
  if (text === undefined) return []
  const ids = serverIds(text)
  if ('problem' in ids) {
    return [
      `Input 'registries' (maven): ${what} (${file}) cannot be read as Maven settings (${ids.problem}); Maven cannot read it either. Fix that file.`
    ]
  }
  return requests
    .filter((request) => ids.includes(serverId(request)))
    .map(
      (request) =>
        `${lineName(request)}: ${what} (${file}) already have a <server> with id '${serverId(request)}', which Maven would use instead of the key (this step never replaces it). Give this line another id= and use that id in your POM, or remove that server.`
    )
}
