/**
 * Running one program under the step's deadline: without a shell, the secret on standard input
 * only, for at most what the deadline allows when it starts, and then stopped together with every
 * process it started, so nothing it left behind writes after the step ends. On Linux and macOS the
 * program leads a process group of its own (spawned detached) and the whole group is killed when
 * it returns; on Windows the tree is ended with taskkill /T when it ran out of time.
 */
import type { SpawnSyncOptionsWithStringEncoding, SpawnSyncReturns } from 'node:child_process'
import { win32 } from 'node:path'
import type { Deadline } from './deadline.js'
import { formatSeconds } from './retry.js'

export interface ProgramResult {
  /** Exit code; null when it did not start, timed out or was killed. */
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
  /** Why it did not run to its end (not found, timed out, no time left), if so. */
  readonly error: string | undefined
}

export interface RunOptions {
  /** Written to standard input, then closed. The only way a secret reaches a program. */
  readonly input?: string
  /** Variables set on top of the step's environment, for this program only. */
  readonly env?: Readonly<Record<string, string>>
  /** The step's deadline: the program gets what it allows when it starts, and no more. */
  readonly deadline: Deadline
}

/** node:child_process's spawnSync as used here (`detached` works for it, though its types omit it). */
export type SpawnProgram = (
  command: string,
  args: readonly string[],
  options: SpawnSyncOptionsWithStringEncoding & { readonly detached?: boolean }
) => SpawnSyncReturns<string>

/** What running a program needs of the machine; tests give a spy. */
export interface ProgramMachine {
  readonly platform: NodeJS.Platform
  readonly env: Readonly<Record<string, string | undefined>>
  readonly spawn: SpawnProgram
  /** process.kill */
  readonly kill: (pid: number, signal: NodeJS.Signals) => void
}

/** How to stop a program and everything it started: its process group, or its tree on Windows. */
export type GroupKill =
  | { readonly kind: 'signal'; readonly pid: number; readonly signal: NodeJS.Signals }
  | { readonly kind: 'program'; readonly program: string; readonly args: readonly string[] }

export function groupKill(
  platform: NodeJS.Platform,
  pid: number,
  env: Readonly<Record<string, string | undefined>>
): GroupKill {
  if (platform !== 'win32') return { kind: 'signal', pid: -pid, signal: 'SIGKILL' }
  const root = env['SystemRoot'] || env['SYSTEMROOT'] || 'C:\\Windows'
  return {
    kind: 'program',
    program: win32.join(root, 'System32', 'taskkill.exe'),
    args: ['/T', '/F', '/PID', String(pid)]
  }
}

export function runProgram(
  program: string,
  args: readonly string[],
  options: RunOptions,
  machine: ProgramMachine
): ProgramResult {
  const limitMs = Math.floor(options.deadline.limitMs())
  if (limitMs <= 0) {
    return {
      status: null,
      stdout: '',
      stderr: '',
      error: `not started: the step's time budget (total-timeout-seconds) ran out`
    }
  }
  const windows = machine.platform === 'win32'
  const result = machine.spawn(program, [...args], {
    env: { ...machine.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: limitMs,
    killSignal: 'SIGKILL',
    windowsHide: true,
    shell: false,
    // a group of its own, to be killed as one (on Windows it would get a console of its own)
    detached: !windows,
    maxBuffer: 1024 * 1024
  })
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
  if (typeof result.pid === 'number' && result.pid > 0 && (timedOut || !windows)) {
    stopGroup(groupKill(machine.platform, result.pid, machine.env), machine)
  }
  // a program that exited without reading all of its input: the write failed with EPIPE, and the
  // exit status is the answer (docker's os/exec ignores that error the same way)
  const unreadInput =
    (result.error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE' && result.status !== null
  const why = timedOut
    ? `did not finish within ${formatSeconds(limitMs)}${limitMs < options.deadline.eachMs ? `, what was left of the step's time budget (total-timeout-seconds)` : ' (timeout-seconds)'}, and was stopped with every process it started`
    : unreadInput
      ? undefined
      : result.error?.message
  return {
    status: result.status,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    error: why
  }
}

/** Kills what is left of the group; nothing left is fine. */
function stopGroup(kill: GroupKill, machine: ProgramMachine): void {
  try {
    if (kill.kind === 'signal') machine.kill(kill.pid, kill.signal)
    else {
      machine.spawn(kill.program, [...kill.args], {
        encoding: 'utf8',
        windowsHide: true,
        timeout: 10_000
      })
    }
  } catch {
    // ESRCH: the program and everything it started have ended already
  }
}
