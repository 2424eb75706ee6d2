/**
 * The machine as the `registries` input uses it: the one module besides src/index.ts that touches
 * the file system and starts processes. It writes files only under RUNNER_TEMP, each one new
 * (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600: never through a symbolic or hard link), looks programs up on PATH as a shell would, and runs them with
 * node:child_process, without a shell, the secret on standard input only.
 * Variables are exported through ActionsIO (core.exportVariable, which also sets process.env, so a
 * program started afterwards sees them).
 */
import type { spawnSync } from 'node:child_process'
import {
  closeSync,
  type BigIntStats,
  constants,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { posix, win32 } from 'node:path'
import { readCredentialHelper } from './registries/docker-helper.js'
import type { PathFacts, PlanContext } from './registries/plan.js'
import { isInside } from './registries/paths.js'
import { programCandidates } from './registries/program-path.js'
import type { Deadline } from './deadline.js'
import { fingerprint } from './fingerprint.js'
import {
  type ProgramResult,
  type RunOptions,
  runProgram,
  type SpawnProgram
} from './run-program.js'
import { CONFIG_FILE_LIMIT, type FileRead, readRegularFile, textOrUndefined } from './read-file.js'

export type { ProgramResult, RunOptions }

export interface System {
  readonly platform: NodeJS.Platform
  /** The step's environment as it is now (exported variables included). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The program's path on PATH (PATHEXT on Windows), or undefined. */
  findProgram(name: string): string | undefined
  /**
   * What formats plan with; `tempDir` is '' when RUNNER_TEMP is not set. A credential helper
   * asked while planning gets what the deadline allows.
   */
  planContext(exportEnv: boolean, deadline?: Deadline): PlanContext
  /**
   * A configuration file's text (at most CONFIG_FILE_LIMIT bytes), or undefined when nothing is at
   * the name; throws UnreadableFileError for anything else (a named pipe, a device, a folder, a
   * link that leads nowhere, a file too large or unreadable). Never blocks.
   */
  readFile(path: string): string | undefined
  /** What is at `path`: a regular file's text (up to maxBytes), nothing, or refused. Never blocks. */
  readRegularFile(path: string, maxBytes: number): FileRead
  /**
   * Creates a new file under RUNNER_TEMP with mode 0600 and returns its identity; throws when
   * anything is already at the name (a file, a symbolic or hard link) and for any other place.
   */
  writeFile(path: string, content: string): FileIdentity
  /**
   * Removes the file under RUNNER_TEMP this step wrote, recognised by its identity: 'gone' when
   * nothing is at the name, 'replaced' when something else is there (another file, a link), and
   * 'changed' when the file holds other content than this step wrote; only 'removed' removed it.
   * Throws for any other place.
   */
  removeFile(path: string, identity: FileIdentity): 'removed' | 'gone' | 'replaced' | 'changed'
  /**
   * Runs a program for at most what `options.deadline` allows when it starts (none when the budget
   * is spent), then stops it with every process it started (src/run-program.ts).
   */
  run(program: string, args: readonly string[], options: RunOptions): ProgramResult
}

/** Which file a step wrote: device, inode and birth time (`dev:ino:birth`), and the SHA-256 of its content. */
export interface FileIdentity {
  readonly id: string
  readonly sha256: string
}

export interface SystemOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly platform?: NodeJS.Platform
  /** node:child_process's spawnSync, or a wrapper of it (tests spy on the argv). */
  readonly spawn?: typeof spawnSync
  /** process.kill, or a spy. */
  readonly kill?: (pid: number, signal: NodeJS.Signals) => void
}

/** A deadline for programs when the caller gives none: 30 s each, no overall budget. */
const NO_DEADLINE: Deadline = { eachMs: 30_000, limitMs: () => 30_000 }

export function createSystem(options: SystemOptions = {}): System {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  // loaded on first use: node:child_process alone costs the main step about a tenth of its start-up
  // time, and a job without `registries` never runs a program
  const spawn = (...args: Parameters<typeof spawnSync>): ReturnType<typeof spawnSync> =>
    (options.spawn ?? process.getBuiltinModule('node:child_process').spawnSync)(...args)
  const paths = platform === 'win32' ? win32 : posix
  const tempDir = (): string => env['RUNNER_TEMP'] ?? ''

  /** The real path of `path`'s folder must lie inside RUNNER_TEMP's real path. */
  const requireInsideTemp = (path: string): void => {
    const temp = tempDir()
    if (temp === '' || !isInside(temp, path, platform)) {
      throw new Error(`refusing to touch ${path}: files are written only under RUNNER_TEMP`)
    }
    const realTemp = realpathSync(temp)
    const realParent = realpathSync(paths.dirname(path))
    if (!isInside(realTemp, paths.join(realParent, 'x'), platform)) {
      throw new Error(`refusing to touch ${path}: its folder leads outside RUNNER_TEMP`)
    }
  }

  const system: System = {
    platform,
    env,
    findProgram(name) {
      return programCandidates(name, platform, env).find(isProgram)
    },
    planContext(exportEnv, deadline = NO_DEADLINE) {
      const homeDir = (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || homedir() || ''
      return {
        platform,
        tempDir: tempDir(),
        homeDir,
        accountHome: accountHome(),
        resolveProgram: (name) => {
          const found = system.findProgram(name)
          try {
            return found === undefined ? undefined : realpathSync(found)
          } catch {
            return undefined
          }
        },
        env: { ...env },
        exportEnv,
        readFile: readConfigFile,
        readCredentialHelper: (helper, host, configDir) =>
          readCredentialHelper(system, helper, host, configDir, deadline),
        findProgram: (name) => system.findProgram(name),
        inspectPath: (path) => inspectPath(path, paths)
      }
    },
    readFile: readConfigFile,
    readRegularFile,
    writeFile(path, content) {
      if (tempDir() !== '' && isInside(tempDir(), path, platform)) {
        mkdirSync(paths.dirname(path), { recursive: true, mode: 0o700 })
      }
      requireInsideTemp(path)
      // created here and now, or not at all: never through a symbolic or hard link, nor into a
      // file someone put at the name between planning and writing
      const noFollow = platform === 'win32' ? 0 : constants.O_NOFOLLOW
      let fd: number
      try {
        fd = openSync(
          path,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow,
          0o600
        )
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        throw new Error(
          `refusing to write ${path}: something is already there (a file or a link put there by another step or process), and the action writes only files it creates`,
          { cause: error }
        )
      }
      try {
        fchmodSync(fd, 0o600) // exactly 0600, whatever the umask
        writeSync(fd, content)
        return { id: inodeId(fstatSync(fd, { bigint: true })), sha256: fingerprint(content) }
      } finally {
        closeSync(fd)
      }
    },
    removeFile(path, identity) {
      requireInsideTemp(path)
      let stat: BigIntStats
      try {
        stat = lstatSync(path, { bigint: true })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
        throw error
      }
      if (!stat.isFile() || inodeId(stat) !== identity.id) return 'replaced'
      const read = readRegularFile(path, CONFIG_FILE_LIMIT)
      if (read.kind !== 'text' || fingerprint(read.text) !== identity.sha256) return 'changed'
      unlinkSync(path)
      return 'removed'
    },
    run(program, args, runOptions) {
      const kill = options.kill ?? ((pid, signal) => process.kill(pid, signal))
      return runProgram(program, args, runOptions, {
        platform,
        env,
        spawn: spawn as SpawnProgram,
        kill
      })
    }
  }
  return system
}

function readConfigFile(path: string): string | undefined {
  return textOrUndefined(readRegularFile(path, CONFIG_FILE_LIMIT))
}

/** The home directory the user database gives the account (Java's user.home), if any. */
function accountHome(): string | undefined {
  try {
    return userInfo().homedir || undefined
  } catch {
    return undefined
  }
}

/** `dev:ino:birth`: the birth time (0 where the file system keeps none) tells a reused inode apart. */
/**
 * A path's real path and what is there, following symbolic links: a part that does not exist yet
 * is kept as written below the real path of what does; a dangling link, a loop or a folder that
 * cannot be read leave the real path unknown. Never opens the path.
 */
export function inspectPath(path: string, paths: typeof posix): PathFacts {
  try {
    const mode = statSync(path).mode & 0o7777
    return { exists: true, realPath: realpathSync.native(path), mode }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') return { exists: true, realPath: undefined }
  }
  try {
    lstatSync(path)
    return { exists: false, realPath: undefined } // a link to nowhere
  } catch {
    const parent = paths.dirname(path)
    if (parent === path) return { exists: false, realPath: undefined }
    const above = inspectPath(parent, paths).realPath
    return {
      exists: false,
      realPath: above === undefined ? undefined : paths.join(above, paths.basename(path))
    }
  }
}

function inodeId(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.birthtimeNs}`
}

function isProgram(path: string): boolean {
  try {
    const stat = statSync(path)
    // on Windows the extension makes a program; elsewhere an execute bit
    return stat.isFile() && (process.platform === 'win32' || (stat.mode & 0o111) !== 0)
  } catch {
    return false
  }
}
