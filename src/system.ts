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
  constants,
  fchmodSync,
  mkdirSync,
  openSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'
import { readCredentialHelper } from './registries/docker.js'
import type { PlanContext } from './registries/plan.js'
import { isInside } from './registries/plans.js'
import { programCandidates } from './registries/program-path.js'
import { formatSeconds } from './retry.js'
import { CONFIG_FILE_LIMIT, type FileRead, readRegularFile, textOrUndefined } from './read-file.js'

export interface ProgramResult {
  /** Exit code; null when it did not start, timed out or was killed. */
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
  /** Why it did not run to its end (not found, timed out), if so. */
  readonly error: string | undefined
}

export interface RunOptions {
  /** Written to standard input, then closed. The only way a secret reaches a program. */
  readonly input?: string
  /** Variables set on top of the step's environment, for this program only. */
  readonly env?: Readonly<Record<string, string>>
  readonly timeoutMs: number
}

export interface System {
  readonly platform: NodeJS.Platform
  /** The step's environment as it is now (exported variables included). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The program's path on PATH (PATHEXT on Windows), or undefined. */
  findProgram(name: string): string | undefined
  /**
   * What formats plan with; `tempDir` is '' when RUNNER_TEMP is not set. A credential helper
   * asked while planning has timeoutMs to answer.
   */
  planContext(exportEnv: boolean, timeoutMs?: number): PlanContext
  /**
   * A configuration file's text (at most CONFIG_FILE_LIMIT bytes), or undefined when nothing is at
   * the name; throws UnreadableFileError for anything else (a named pipe, a device, a folder, a
   * link that leads nowhere, a file too large or unreadable). Never blocks.
   */
  readFile(path: string): string | undefined
  /** What is at `path`: a regular file's text (up to maxBytes), nothing, or refused. Never blocks. */
  readRegularFile(path: string, maxBytes: number): FileRead
  /**
   * Creates a new file under RUNNER_TEMP with mode 0600; throws when anything is already at the
   * name (a file, a symbolic or hard link) and for any other place.
   */
  writeFile(path: string, content: string): void
  /** Removes a file under RUNNER_TEMP; false when it was not there. Throws for any other place. */
  removeFile(path: string): boolean
  run(program: string, args: readonly string[], options: RunOptions): ProgramResult
}

export interface SystemOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly platform?: NodeJS.Platform
  /** node:child_process's spawnSync, or a wrapper of it (tests spy on the argv). */
  readonly spawn?: typeof spawnSync
}

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
    planContext(exportEnv, timeoutMs = 30_000) {
      const homeDir = (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || homedir() || ''
      return {
        platform,
        tempDir: tempDir(),
        homeDir,
        env: { ...env },
        exportEnv,
        readFile: readConfigFile,
        readCredentialHelper: (helper, host, configDir) =>
          readCredentialHelper(system, helper, host, configDir, timeoutMs)
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
      } finally {
        closeSync(fd)
      }
    },
    removeFile(path) {
      requireInsideTemp(path)
      try {
        unlinkSync(path)
        return true
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
        throw error
      }
    },
    run(program, args, runOptions) {
      const result = spawn(program, [...args], {
        env: { ...env, ...runOptions.env },
        input: runOptions.input ?? '',
        encoding: 'utf8',
        timeout: runOptions.timeoutMs,
        killSignal: 'SIGKILL',
        windowsHide: true,
        shell: false,
        maxBuffer: 1024 * 1024
      })
      const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
      return {
        status: result.status,
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
        error: result.error
          ? timedOut
            ? `did not finish within ${formatSeconds(runOptions.timeoutMs)}`
            : result.error.message
          : undefined
      }
    }
  }
  return system
}

function readConfigFile(path: string): string | undefined {
  return textOrUndefined(readRegularFile(path, CONFIG_FILE_LIMIT))
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
