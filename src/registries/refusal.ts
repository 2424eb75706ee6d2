/**
 * Lines of `registries` refused for the machine's state rather than their text (a standing docker
 * login, a config folder in the workspace): each says what stands in the way, its likely cause and
 * its fix, instead of the advice for a typo.
 */
import { InputError } from '../input-error.js'
import { log, type LogText } from '../print-gate.js'
import type { Refusal } from './plan.js'

/** Refused lines, and any plain input problems found with them; `problems` holds all the text. */
export class RegistriesRefusedError extends InputError {
  /** Its explanation (src/diagnose.ts reads these without loading the registries code). */
  readonly failureTitle: LogText
  readonly failureLines: readonly LogText[]
  constructor(
    readonly inputProblems: readonly string[],
    readonly refusals: readonly Refusal[]
  ) {
    super([...inputProblems, ...refusals.map((refusal) => refusal.problem)])
    const { title, lines } = refusalLines(this)
    this.failureTitle = title
    this.failureLines = lines
  }
}

/** The failure's title and lines: each refusal with its cause and fix, then any input problems. */
export function refusalLines(error: RegistriesRefusedError): {
  title: LogText
  lines: LogText[]
} {
  const lines = [
    log`The registries input cannot be applied on this machine as it stands; nothing was sent anywhere and nothing was changed.`
  ]
  for (const refusal of error.refusals) {
    lines.push(
      log`- ${refusal.problem}`,
      log`  Likely cause: ${refusal.cause}`,
      log`  Fix: ${refusal.fix}`
    )
  }
  if (error.inputProblems.length > 0) {
    lines.push(
      log`The step's inputs also have problems:`,
      ...error.inputProblems.map((problem) => log`- ${problem}`),
      log`Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).`,
      log`Fix: correct the 'with:' values of this step.`
    )
  }
  return { title: log`Package manager not configured`, lines }
}
