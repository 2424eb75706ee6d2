/**
 * Everything the main step does with `registries`, behind one module that main loads with
 * `import()` only when the input is set: a step without it loads none of the registries code
 * (bench/README.md, "registries loaded on demand"). Reading the lines, planning them against the
 * machine, applying the plans, and describing them for the dry run and the job summary.
 */
import type { Deadline } from '../deadline.js'
import type { LogText, Markdown } from '../print-gate.js'
import { applyRefresh, refreshDryRunLines, refreshSummary, setUpRefresh } from '../refresh/step.js'
import type { RefreshSetup } from '../refresh/setup.js'
import type { ProgramLookup, RegistriesParser } from '../step-inputs.js'
import type { System } from '../system.js'
import { applyPlans, type ApplyOptions } from './apply.js'
import { dryRunLines as planDryRunLines, registriesSummary } from './describe.js'
import { FORMATS, registriesParser } from './formats.js'
import type { Plan, PlanContext, RefreshTargets, RegistryRequest } from './plan.js'
import { planRegistries } from './plans.js'

export { applyPlans, applyRefresh, setUpRefresh, type ApplyOptions }

/** Reads the `registries` lines; `programs` says where a program is on PATH (none without it). */
export function parser(programs: ProgramLookup | undefined): RegistriesParser {
  return registriesParser(programs ?? { findProgram: () => undefined })
}

/** What the formats plan with: the machine's reads (system.ts), every program under `deadline`. */
export function planContext(system: System, exportEnv: boolean, deadline: Deadline): PlanContext {
  return system.planContext(exportEnv, deadline)
}

/** Every line's plan, checked before any request (InputError for the problems). */
export function plan(
  requests: readonly RegistryRequest[],
  system: System,
  options: { readonly exportEnv: boolean; readonly deadline: Deadline },
  /** refresh: true's set-up: docker, cargo and pnpm lines then name its launchers. */
  refresh?: RefreshTargets
): Plan[] {
  const context = planContext(system, options.exportEnv, options.deadline)
  return planRegistries(requests, refresh ? { ...context, refresh } : context, FORMATS)
}

/** What the dry run would configure: each line's plan, and the refresh helper's set-up. */
export function dryRunLines(plans: readonly Plan[], refresh?: RefreshSetup): LogText[] {
  return [...planDryRunLines(plans), ...refreshDryRunLines(refresh, plans)]
}

/** The job summary's sections on what was configured (hosts, files and variable names). */
export function summary(plans: readonly Plan[], refresh?: RefreshSetup): Markdown[] {
  return [registriesSummary(plans, FORMATS), ...refreshSummary(refresh, plans)]
}
