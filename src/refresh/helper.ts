/**
 * The refresh helper, one call: read what the tool asks (protocols.ts), get the current key
 * (the cache, or one exchange for all callers: key-keeper.ts), print the answer. Anything that
 * fails is one neutralised, secret-free line on standard error (and on standard output for
 * docker, which shows a helper's output, not its errors) and a non-zero exit. Everything from
 * outside comes in through `deps`.
 */
import { errorMessage } from '../error-message.js'
import type { Http } from '../http.js'
import type { Env } from '../oidc-availability.js'
import { log, type LogText } from '../print-gate.js'
import { redact } from '../redact.js'
import type { Clock } from '../retry.js'
import type { KeyFiles } from './key-files.js'
import { currentKey } from './key-keeper.js'
import { mintKey } from './mint.js'
import { readRequest } from './protocols.js'
import { parseHelperArgs } from './settings.js'

export interface HelperDeps {
  readonly argv: readonly string[]
  readonly env: Env
  readonly http: Http
  readonly clock: Clock
  readonly random: () => number
  /** The helper's files in a folder (key-files.ts). */
  readonly files: (dir: string) => KeyFiles
  /** Whether the folder exists and is this user's; why not, when not. */
  readonly checkDir: (dir: string) => string | undefined
  readonly isAlive: (pid: number) => boolean
  /** Standard input, read to its end (docker sends the host). */
  readonly readInput: () => Promise<string>
  /** The answer to the tool (its protocol's text). */
  readonly stdout: (text: string) => void
  /** One line for the person reading the tool's output. */
  readonly stderr: (line: LogText) => void
}

/** Pause between looks at the cache while another call exchanges. */
const POLL_MS = 100
/** A waiting call gives up this long after the holder's whole budget could have ended. */
const WAIT_MARGIN_MS = 15_000

/** Runs one call; returns the exit code. */
export async function runHelperCall(deps: HelperDeps): Promise<number> {
  const secrets: string[] = []
  try {
    const call = parseHelperArgs(deps.argv)
    const request = readRequest(call.protocol, call.args)
    if (request.kind === 'unknown') throw new Error(request.why)
    if (request.kind === 'done') {
      await deps.readInput() // docker writes the credential to `store`: read it, keep nothing
      deps.stdout(request.stdout)
      return 0
    }
    const { settings } = call
    const problem = deps.checkDir(settings.dir)
    if (problem !== undefined) throw new Error(problem)
    const waitMs = settings.totalTimeoutMs + WAIT_MARGIN_MS
    const { cache } = await currentKey(
      {
        files: deps.files(settings.dir),
        clock: deps.clock,
        isAlive: deps.isAlive,
        mint: () =>
          mintKey(settings, {
            env: deps.env,
            http: deps.http,
            clock: deps.clock,
            random: deps.random,
            secrets
          })
      },
      { waitMs, staleMs: waitMs, pollMs: POLL_MS }
    )
    deps.stdout(request.answer(cache.key))
    return 0
  } catch (error) {
    const line = failureLine(errorMessage(error), secrets)
    deps.stderr(line)
    if (deps.argv[0] === 'docker') deps.stdout(`${line.text}\n`)
    return 1
  }
}

/** One line: what failed and why, with every known secret and anything JWT-shaped cut out. */
function failureLine(message: string, secrets: readonly string[]): LogText {
  return log`cloudsmith-oidc refresh helper: no Cloudsmith key: ${redact(message, secrets)}`
}
