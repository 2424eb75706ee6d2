/**
 * The real Python clients, run the way a later workflow step runs them: `pip download` and
 * `twine upload`, configured by nothing but the environment the action exported (plus the test
 * CA, and settings that keep a user's own pip configuration and PyPI out of the test).
 */
import { spawn } from 'node:child_process'
import { devNull } from 'node:os'

export interface ClientRun {
  readonly status: number | null
  readonly output: string
}

/** What every client run gets besides the action's variables: PATH, a HOME, the CA, no proxy. */
function baseEnv(home: string, caFile: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    // pyenv's shims (this machine's pip) need to know where pyenv lives
    ...(process.env['PYENV_ROOT'] ? { PYENV_ROOT: process.env['PYENV_ROOT'] } : {}),
    NO_PROXY: '*',
    // trust the fake's throw-away CA (pip: --cert; twine: --cert; requests: the bundle)
    PIP_CERT: caFile,
    TWINE_CERT: caFile,
    REQUESTS_CA_BUNDLE: caFile
  }
}

/**
 * Runs a client asynchronously (the fake registry answers from this same process, so a
 * synchronous spawn would wait on itself), killing it after `timeoutMs`.
 */
function run(
  program: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 120_000
): Promise<ClientRun> {
  return new Promise((done) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text))
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)`
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => (output += `\n${String(error)}`))
    child.on('close', (status) => {
      clearTimeout(timer)
      done({ status, output })
    })
  })
}

/** `pip download --no-deps REQUIREMENT` into `dest`, from the index PIP_INDEX_URL names. */
export function pipDownload(
  actionEnv: Readonly<Record<string, string>>,
  options: { home: string; caFile: string; dest: string; requirement: string }
): Promise<ClientRun> {
  return run(
    'pip',
    ['download', '--no-deps', '--no-cache-dir', '--dest', options.dest, options.requirement],
    {
      ...baseEnv(options.home, options.caFile),
      PIP_CONFIG_FILE: devNull,
      PIP_NO_INPUT: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_RETRIES: '0',
      PIP_TIMEOUT: '20',
      ...actionEnv
    }
  )
}

/** `twine upload FILES`, to the repository and with the credentials the TWINE_* variables name. */
export function twineUpload(
  actionEnv: Readonly<Record<string, string>>,
  options: { home: string; caFile: string; files: readonly string[] }
): Promise<ClientRun> {
  return run('twine', ['upload', '--non-interactive', '--disable-progress-bar', ...options.files], {
    ...baseEnv(options.home, options.caFile),
    ...actionEnv
  })
}
