/**
 * The real Python clients, run the way a later workflow step runs them: `pip download` and
 * `twine upload`, configured by nothing but the environment the action exported (plus the test
 * CA, and settings that keep a user's own pip configuration and PyPI out of the test).
 */
import { devNull } from 'node:os'
import { runProgram } from '../e2e/harness.js'

/** What `registries: python` must export, in the order the plan exports them (the spec, not src/). */
export const PYTHON_VARIABLES: readonly string[] = [
  'PIP_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'TWINE_REPOSITORY_URL',
  'TWINE_USERNAME',
  'TWINE_PASSWORD',
  'UV_PUBLISH_URL',
  'UV_PUBLISH_USERNAME',
  'UV_PUBLISH_PASSWORD'
]

export interface ClientRun {
  readonly status: number | null
  readonly output: string
}

/**
 * What the test adds to the step's environment: trust in the fake's throw-away CA (pip's --cert,
 * twine's --cert, requests' bundle) and no proxy. Nothing that configures an index or a credential.
 */
function testEnv(caFile: string): Record<string, string> {
  return { NO_PROXY: '*', PIP_CERT: caFile, TWINE_CERT: caFile, REQUESTS_CA_BUNDLE: caFile }
}

async function run(
  program: string,
  args: readonly string[],
  env: Record<string, string>
): Promise<ClientRun> {
  const result = await runProgram(program, args, { env, timeoutMs: 120_000 })
  const killed = result.timedOut ? '\n(killed after 120 s)' : ''
  return { status: result.status, output: `${result.stdout}${result.stderr}${killed}` }
}

/**
 * `pip download --no-deps REQUIREMENT` into `dest`, from the index PIP_INDEX_URL names, with
 * `stepEnv` (the environment a later step of the job sees) and no pip configuration file.
 */
export function pipDownload(
  stepEnv: Readonly<Record<string, string>>,
  options: { caFile: string; dest: string; requirement: string }
): Promise<ClientRun> {
  return run(
    'pip',
    ['download', '--no-deps', '--no-cache-dir', '--dest', options.dest, options.requirement],
    {
      ...stepEnv,
      ...testEnv(options.caFile),
      PIP_CONFIG_FILE: devNull,
      PIP_NO_INPUT: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_RETRIES: '0',
      PIP_TIMEOUT: '20'
    }
  )
}

/** `twine upload FILES` with `stepEnv`: the repository and credentials are the TWINE_* variables. */
export function twineUpload(
  stepEnv: Readonly<Record<string, string>>,
  options: { caFile: string; files: readonly string[] }
): Promise<ClientRun> {
  return run('twine', ['upload', '--non-interactive', '--disable-progress-bar', ...options.files], {
    ...stepEnv,
    ...testEnv(options.caFile)
  })
}
