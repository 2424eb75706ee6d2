/**
 * The shape every env-only format shares (nuget, go, ruby, terraform): a line names a repository,
 * the plan exports variables and writes nothing, needs no program, and says which of its variables
 * were already set. A format module gives its options, checks and variables; `envFormat` makes the
 * FormatModule of it.
 *
 * The undo rule is the one apply/undo keep for every plan variable: a variable that holds the key is
 * cleared by post (its earlier value is never stored); one that holds no key goes back to its
 * earlier value, or is cleared, and an earlier value carrying a credential (`user:secret@`) is
 * cleared rather than stored. Post touches either only while it still holds this step's value.
 */
import type {
  Format,
  FormatModule,
  Plan,
  PlanContext,
  RegistryRequest,
  Step,
  Value
} from './plan.js'

/** A planned variable. */
export type EnvStep = Step & { readonly kind: 'env' }

/** What a format's plan is made of, before the notes on variables already set. */
export interface EnvPlan {
  readonly title: string
  readonly steps: readonly EnvStep[]
  readonly notes: readonly string[]
}

export interface EnvFormatSpec {
  readonly format: Format
  readonly options: Readonly<Record<string, string>>
  readonly onlyOne?: string
  readonly validate: (request: RegistryRequest) => string[]
  readonly hosts: (request: RegistryRequest) => readonly string[]
  readonly variables: (request: RegistryRequest, context: PlanContext) => EnvPlan
}

/** The FormatModule of an env-only format. */
export function envFormat(spec: EnvFormatSpec): FormatModule {
  const { variables, ...module } = spec
  return {
    ...module,
    repository: 'required',
    programs: [],
    plan(request, context): Plan {
      const planned = variables(request, context)
      return {
        request,
        title: planned.title,
        steps: planned.steps,
        notes: [...planned.notes, ...replacedNotes(planned.steps, context.env)]
      }
    }
  }
}

/** A variable holding the key (whole or in part): masked whole before export, cleared by post. */
export function secretVariable(name: string, value: Value): EnvStep {
  return { kind: 'env', name, value, secret: true, restore: '' }
}

/** A variable holding no key: post puts its earlier value back, unless that held a credential. */
export function plainVariable(name: string, value: string, env: PlanContext['env']): EnvStep {
  const before = env[name] ?? ''
  return {
    kind: 'env',
    name,
    value: [value],
    secret: false,
    restore: hasUserinfo(before) ? '' : before
  }
}

/** Whether a URL carries a user name or password (`https://user:secret@host/`). */
function hasUserinfo(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(value.trim())
}

/** "NAME was already set; …" for each exported variable the job had set before the step. */
function replacedNotes(steps: readonly EnvStep[], env: PlanContext['env']): string[] {
  return steps.flatMap((step) => {
    const before = env[step.name] ?? ''
    const text = step.value.map((part) => (typeof part === 'string' ? part : '')).join('')
    // unset before, or set to what this step sets (GONOSUMDB after a run of this action)
    if (before === '' || text === before) return []
    const change = text.startsWith(`${before},`) ? 'adds to' : 'replaces'
    const post =
      step.restore === before
        ? 'post puts the earlier value back'
        : 'post clears it (an earlier credential is never stored to be put back)'
    return [`${step.name} was already set; this step ${change} it, and ${post}.`]
  })
}

/** Notes for variables that, set in the job, change what the exported ones do. */
export function interferingNotes(
  env: PlanContext['env'],
  table: ReadonlyArray<readonly [string, string]>
): string[] {
  return table.flatMap(([name, effect]) =>
    env[name] ? [`${name} is set in this job: ${effect}.`] : []
  )
}

/** How a later shell step passes the key on a command line (`--api-key …`). */
export function keyArgument(context: Pick<PlanContext, 'exportEnv'>): string {
  return context.exportEnv
    ? '"$CLOUDSMITH_API_KEY"'
    : '"${{ steps.<this step\'s id>.outputs.token }}"'
}
