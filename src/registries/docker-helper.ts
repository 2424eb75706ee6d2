/**
 * Asking a docker credential helper (`docker-credential-NAME get`, the address on standard input)
 * what it holds, as docker does. Its answer is a credential: it is never quoted. When it fails,
 * what is said is the program and its exit status, and its error output only through the
 * redaction used for server text, with anything after a "Secret" or "Password" cut first.
 */
import type { Deadline } from '../deadline.js'
import { excerpt } from '../redact.js'
import type { HelperRead } from './plan.js'

/** What docker-credential-helpers print (on standard output) for an address they hold nothing for. */
const NOT_FOUND = 'credentials not found in native keychain'
/** A helper's name: docker runs docker-credential-NAME, so no path may hide in it. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
/** A JSON member whose value is a credential, in what a helper prints. */
const SECRET_MEMBER =
  /("?(?:secret|password|identitytoken|registrytoken|token|auth)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|\S+)/gi

/** How a program ended (the System's ProgramResult). */
export interface HelperResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
  readonly error: string | undefined
}

/** What findProgram and run of the System give: enough to ask a credential helper. */
export interface HelperMachine {
  findProgram(name: string): string | undefined
  run(
    program: string,
    args: readonly string[],
    options: { input: string; env: Record<string, string>; deadline: Deadline }
  ): HelperResult
}

/**
 * Asks `docker-credential-HELPER get` what it holds for an address (docker configured with
 * DOCKER_CONFIG=configDir). A helper answers an address it has nothing for with "credentials not
 * found in native keychain" and a non-zero exit; any other failure (a locked keychain, a crash, a
 * timeout) leaves the answer unknown.
 */
export function readCredentialHelper(
  machine: HelperMachine,
  helper: string,
  address: string,
  configDir: string,
  deadline: Deadline
): HelperRead {
  if (!HELPER_NAME.test(helper)) {
    return {
      kind: 'unknown',
      why: `docker's credential store name '${helper}' is not a program name docker-credential-NAME can have`
    }
  }
  const program = machine.findProgram(`docker-credential-${helper}`)
  if (program === undefined) {
    return {
      kind: 'unknown',
      why: `docker's credential store program docker-credential-${helper} is not on PATH`
    }
  }
  const result = machine.run(program, ['get'], {
    input: address,
    env: { DOCKER_CONFIG: configDir },
    deadline
  })
  return helperRead(helper, result)
}

/** A credential helper's `get` result, read. */
export function helperRead(helper: string, result: HelperResult): HelperRead {
  if (result.status === 0 && result.error === undefined) {
    return { kind: 'found', answer: result.stdout }
  }
  if (result.error === undefined && result.stdout.trim() === NOT_FOUND) return { kind: 'none' }
  return {
    kind: 'unknown',
    why: `docker-credential-${helper} get failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr)}`
  }
}

/**
 * A program's error output fit to quote: credential-like members cut, then redacted as server
 * text (JWTs and runs of known secrets cut, one line, bounded); '' when it said nothing.
 */
export function saidOnStderr(stderr: string, secrets: readonly string[] = []): string {
  // the last lines say what went wrong; earlier ones are progress
  const last = stderr
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .slice(-2)
    .join(' / ')
  if (last === '') return ''
  return ` and said on its error output: ${excerpt(last.replace(SECRET_MEMBER, '$1***'), secrets)}`
}
