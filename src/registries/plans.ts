/**
 * Every validated `registries` line turned into its format's plan, before any request: a plan's
 * own problems (a clash with the user's existing configuration, a file outside RUNNER_TEMP) stop
 * the step like a bad input. Touches nothing.
 */
import { InputError } from '../input-error.js'
import { UnreadableFileError } from '../read-file.js'
import type {
  FormatModule,
  Plan,
  PlanContext,
  PlanProblems,
  Refusal,
  RegistryRequest
} from './plan.js'
import { isInside } from './paths.js'
import { RegistriesRefusedError } from './refusal.js'
import { lineName, quote } from './request.js'
import { asciiUpperCase, VARIABLE_NAME } from './variable-names.js'

export { isInside }

export function planRegistries(
  requests: readonly RegistryRequest[],
  context: PlanContext,
  formats: ReadonlyMap<string, FormatModule>
): Plan[] {
  const plans: Plan[] = []
  const problems: string[] = []
  const refusals: Refusal[] = []
  for (const planned of planEach(requests, context, formats)) {
    if ('problems' in planned) {
      problems.push(...planned.problems)
      refusals.push(...(planned.refusals ?? []))
      continue
    }
    const { request } = planned
    for (const step of planned.steps) {
      if (step.kind === 'env' && !VARIABLE_NAME.test(step.name)) {
        problems.push(
          `${lineName(request)}: the plan would export ${quote(step.name)}, which is not a plain ASCII variable name; this is a bug in the action.`
        )
      }
      if (step.kind === 'env' && step.secret && step.restore !== '') {
        // the state would keep the earlier value, which may hold someone's credential
        problems.push(
          `${lineName(request)}: the plan would keep the earlier value of ${step.name}, a secret, to restore it; this is a bug in the action.`
        )
      }
      if (step.kind !== 'file') continue
      if (context.tempDir === '') {
        problems.push(
          `${lineName(request)}: RUNNER_TEMP is not set, and ${request.format} needs a file there; run the action on a GitHub Actions runner.`
        )
      } else if (!isInside(context.tempDir, step.path, context.platform)) {
        problems.push(
          `${lineName(request)}: the plan would write ${step.path}, outside RUNNER_TEMP (${context.tempDir}); this is a bug in the action.`
        )
      }
    }
    plans.push(planned)
  }
  problems.push(...sharedVariables(plans))
  if (refusals.length > 0) throw new RegistriesRefusedError(problems, refusals)
  // none is a typo: each names its own cause (the job's configuration, the machine) and fix
  if (problems.length > 0) throw new InputError([], problems)
  return plans.sort((a, b) => a.request.line - b.request.line)
}

/**
 * Each line's plan (or problems), in line order. A format with planAll plans all of its lines at
 * once (npm writes one user config for every npm line), where its first line stands.
 */
function planEach(
  requests: readonly RegistryRequest[],
  context: PlanContext,
  formats: ReadonlyMap<string, FormatModule>
): Array<Plan | PlanProblems> {
  const results: Array<Plan | PlanProblems> = []
  const grouped = new Set<string>()
  for (const request of requests) {
    const format = formats.get(request.format)
    if (format === undefined) throw new Error(`no format module for ${request.format}`)
    if (format.planAll === undefined) {
      results.push(refusingUnreadable(request, () => format.plan(request, context)))
    } else if (!grouped.has(request.format)) {
      grouped.add(request.format)
      const all = requests.filter((other) => other.format === request.format)
      const planned = refusingUnreadable(request, () => format.planAll?.(all, context) ?? [])
      results.push(...('problems' in planned ? [planned] : planned))
    }
  }
  return results
}

/** A plan, or the line's problem when planning met a file the step will not read. */
function refusingUnreadable<T>(
  request: RegistryRequest,
  planIt: () => T | PlanProblems
): T | PlanProblems {
  try {
    return planIt()
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error
    return {
      problems: [
        `${lineName(request)}: ${error.message}; the step reads only regular files. Fix: point the setting that names it at a regular file, or remove what is there.`
      ]
    }
  }
}

/**
 * Two lines that would export the same variable (`cargo a-b` and `cargo a_b` both name
 * CARGO_REGISTRIES_A_B_*): the second would overwrite the first, and post could undo only one.
 */
function sharedVariables(plans: readonly Plan[]): string[] {
  const exportedBy = new Map<string, Plan>()
  const problems: string[] = []
  for (const plan of plans) {
    const names = new Set(plan.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : [])))
    for (const name of names) {
      const earlier = exportedBy.get(asciiUpperCase(name))
      if (earlier === undefined) {
        exportedBy.set(asciiUpperCase(name), plan)
      } else {
        problems.push(
          `${lineName(plan.request)}: it would export ${name}, which line ${earlier.request.line} exports too; give each line its own (for cargo, another name=).`
        )
      }
    }
  }
  return problems
}
