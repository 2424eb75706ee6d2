/**
 * Entry point of the refresh helper (dist/refresh.js), run by the launchers the main step writes:
 * the only code of the helper that touches process.env, standard input and output, and the exit
 * code.
 */
import { createHttp } from '../http.js'
import { realClock } from '../retry.js'
import { USER_AGENT } from '../version.js'
import { runHelperCall } from './helper.js'
import { checkDir, isAlive, keyFiles } from './key-files.js'

export async function runHelper(): Promise<void> {
  process.exitCode = await runHelperCall({
    argv: process.argv.slice(2),
    env: process.env,
    http: createHttp(USER_AGENT),
    clock: realClock,
    random: Math.random,
    files: (dir) => keyFiles(dir),
    checkDir,
    isAlive,
    readInput,
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line.text}\n`)
  })
}

/** Standard input to its end, at most 64 KiB; '' when it is a terminal. */
async function readInput(): Promise<string> {
  if (process.stdin.isTTY) return ''
  let text = ''
  for await (const chunk of process.stdin) {
    text += String(chunk)
    if (text.length > 65_536) break
  }
  return text
}
