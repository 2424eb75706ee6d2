/**
 * Everything the main step does with `registries`, behind one module that main loads with
 * `import()` only when the input is set: a step without it loads none of the registries code
 * (bench/README.md, "registries loaded on demand"). Reading the lines, planning them against the
 * machine, applying the plans, and describing them for the dry run and the job summary.
 */
import type { Deadline } from '../deadline.js'
import type { Markdown } from '../print-gate.js'
import type { ProgramLookup, RegistriesParser } from '../step-inputs.js'
import type { System } from '../system.js'
import { applyPlans, type ApplyOptions } from './apply.js'
import { dryRunLines, registriesSummary } from './describe.js'
import { FORMATS, registriesParser } from './formats.js'
import type { Plan, PlanContext, RegistryRequest } from './plan.js'
import { planRegistries } from './plans.js'

export { applyPlans, dryRunLines, type ApplyOptions }

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
  options: { readonly exportEnv: boolean; readonly deadline: Deadline }
): Plan[] {
  return planRegistries(requests, planContext(system, options.exportEnv, options.deadline), FORMATS)
}

/** The job summary's section on what was configured (hosts, files and variable names). */
export function summary(plans: readonly Plan[]): Markdown {
  return registriesSummary(plans, FORMATS)
}
