/** What the tests that run a real client share: the client on PATH, and a step's environment. */
import { execFileSync } from 'node:child_process'

/** `PROGRAM ARGS` output (its version) when the program is on PATH, else an Error saying so. */
export function requireProgram(program: string, args: readonly string[], installs: string): string {
  try {
    return execFileSync(program, [...args], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error(`${program} is needed on PATH for this test (.ci/run installs ${installs})`)
  }
}

/** A step's environment as a child process takes it: the variables that have a value. */
export function definedEnv(
  env: Readonly<Record<string, string | undefined>>
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value
  return out
}
