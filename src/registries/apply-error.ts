/** How applying a `registries` line fails: what failed, what the client said, the fix. */
import { joinLines, log, type LogText } from '../print-gate.js'
import type { Plan } from './plan.js'
import { lineName } from './request.js'

/** A step of a plan that could not be applied. */
export class RegistryApplyError extends Error {
  override readonly name = 'RegistryApplyError'
  constructor(
    readonly failureTitle: LogText,
    readonly failureLines: readonly LogText[]
  ) {
    super(joinLines([...failureLines]).text)
  }
}

/** The failure of one of `plan`'s steps: the line, what failed, the rest of the story. */
export function applyFailure(
  plan: Plan,
  what: LogText,
  rest: readonly LogText[]
): RegistryApplyError {
  return new RegistryApplyError(log`Package manager not configured`, [
    log`${lineName(plan.request)}: ${plan.title}`,
    what,
    ...rest,
    log`The key itself was exchanged and published; the post step undoes what this step configured before the failure.`
  ])
}
