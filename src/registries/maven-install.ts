/**
 * What the maven format reads about the machine, from the plan context only: the JVM options in
 * MAVEN_OPTS, where Maven reads the user's settings (Java's `user.home`), and the Maven
 * installation on PATH whose configuration directory (`${maven.conf}`) the step copies. Pure.
 */
import { posix, win32 } from 'node:path'
import type { PlanContext } from './plan.js'

/** The variable the `mvn` script (Maven 3.8 and 3.9, sh and cmd) puts on the java command line. */
export const MAVEN_OPTS = 'MAVEN_OPTS'

/**
 * MAVEN_OPTS split as the `mvn` script splits it: the script uses `$MAVEN_OPTS` unquoted, so the
 * shell splits it at whitespace and quotes are not special.
 */
export function jvmOptions(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter((word) => word !== '')
}

/** The value of the last `-Dname=value` among JVM options (the JVM keeps the last), if any. */
export function systemProperty(options: readonly string[], name: string): string | undefined {
  const prefix = `-D${name}=`
  return options.findLast((option) => option.startsWith(prefix))?.slice(prefix.length)
}

function pathsOf(context: Pick<PlanContext, 'platform'>): typeof posix {
  return context.platform === 'win32' ? win32 : posix
}

/**
 * Java's `user.home` for `mvn`: a `-Duser.home=` in MAVEN_OPTS (the command line), else in
 * JAVA_TOOL_OPTIONS (read before it), else the account's home from the user database (Java does
 * not read HOME on Linux and macOS), else HOME.
 */
export function javaUserHome(context: PlanContext): string {
  const accountHome =
    context.accountHome && context.accountHome !== '/' ? context.accountHome : undefined
  return (
    systemProperty(jvmOptions(context.env[MAVEN_OPTS]), 'user.home') ??
    systemProperty(jvmOptions(context.env['JAVA_TOOL_OPTIONS']), 'user.home') ??
    accountHome ??
    context.homeDir
  )
}

/** `${user.home}/.m2/settings.xml`: the user settings a plain `mvn` reads. */
export function userSettingsPath(context: PlanContext): string {
  return pathsOf(context).join(javaUserHome(context), '.m2', 'settings.xml')
}

/**
 * Every user settings file a later `mvn` may read: `${user.home}/.m2/settings.xml`, and the file
 * an absolute `-s`/`--settings` in MAVEN_ARGS names (Maven 3.9 reads it there; 3.8 does not).
 */
export function userSettingsPaths(context: PlanContext): string[] {
  const args = jvmOptions(context.env['MAVEN_ARGS'])
  const named = args.flatMap((arg, i) => {
    if (arg === '-s' || arg === '--settings') return args.slice(i + 1, i + 2)
    return arg.startsWith('--settings=') ? [arg.slice('--settings='.length)] : []
  })
  const paths = pathsOf(context)
  return [userSettingsPath(context), ...named.filter((file) => paths.isAbsolute(file))]
}

/** A Maven installation's configuration directory, as read when planning. */
export interface MavenInstallation {
  /** `${maven.home}/conf`. */
  readonly conf: string
  /** The text of conf/logging/simplelogger.properties (Maven does not start without it). */
  readonly logging: string
  /** The text of conf/settings.xml (the global settings), if it has one. */
  readonly settings: string | undefined
  /** The text of conf/toolchains.xml (the global toolchains), if it has one. */
  readonly toolchains: string | undefined
}

/**
 * The installation a plain `mvn` runs: the `mvn` on PATH with its links resolved (the script
 * takes `maven.home` as the directory above its own `bin/`), else MAVEN_HOME or M2_HOME (on
 * Windows `mvn` is a .cmd, which the PATH lookup leaves out). Undefined when none has a conf/.
 */
export function findInstallation(context: PlanContext): MavenInstallation | undefined {
  const paths = pathsOf(context)
  const program = context.resolveProgram?.('mvn')
  const fromPath =
    program !== undefined && paths.basename(paths.dirname(program)) === 'bin'
      ? paths.dirname(paths.dirname(program))
      : undefined
  const homes = [fromPath, context.env['MAVEN_HOME'], context.env['M2_HOME']]
  for (const home of homes) {
    if (!home) continue
    const conf = paths.join(home, 'conf')
    const logging = context.readFile(paths.join(conf, 'logging', 'simplelogger.properties'))
    if (logging === undefined) continue
    return {
      conf,
      logging,
      settings: context.readFile(paths.join(conf, 'settings.xml')),
      toolchains: context.readFile(paths.join(conf, 'toolchains.xml'))
    }
  }
  return undefined
}

/**
 * Maven's own conf/logging/simplelogger.properties (the same in 3.8 and 3.9, comments left out),
 * for a machine where no installation is found (a job that runs only the Maven Wrapper).
 */
export const STOCK_LOGGING = [
  'org.slf4j.simpleLogger.defaultLogLevel=info',
  'org.slf4j.simpleLogger.showDateTime=false',
  'org.slf4j.simpleLogger.showThreadName=false',
  'org.slf4j.simpleLogger.showLogName=false',
  'org.slf4j.simpleLogger.logFile=System.out',
  'org.slf4j.simpleLogger.cacheOutputStream=true',
  'org.slf4j.simpleLogger.levelInBrackets=true',
  'org.slf4j.simpleLogger.log.Sisu=info',
  'org.slf4j.simpleLogger.warnLevelString=WARNING',
  'org.slf4j.simpleLogger.log.org.apache.http=off',
  'org.slf4j.simpleLogger.log.org.apache.http.wire=off',
  ''
].join('\n')

/**
 * A directory for this step in RUNNER_TEMP: the step's id (two uses of the action in one job get
 * two), and a number when one of that name is there already.
 */
export function confDirectory(context: PlanContext): string {
  const paths = pathsOf(context)
  const step = (context.env['GITHUB_ACTION'] ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)
  const base = `cloudsmith-oidc-maven${step === '' ? '' : `-${step}`}`
  for (let n = 1; ; n++) {
    const dir = paths.join(context.tempDir, `${base}${n === 1 ? '' : `-${n}`}`)
    if (context.readFile(paths.join(dir, 'logging', 'simplelogger.properties')) === undefined)
      return dir
  }
}

/** Whether a `-Dmaven.conf=` directory is one this action made (an earlier use in the job). */
export function isOwnConfDirectory(dir: string, context: PlanContext): boolean {
  const paths = pathsOf(context)
  return (
    paths.dirname(dir) === paths.normalize(context.tempDir) &&
    paths.basename(dir).startsWith('cloudsmith-oidc-maven')
  )
}
