/** Inputs that cannot be used: every problem, each a sentence naming the input and what it accepts. */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(
    /** Malformed inputs: a typo, or an expression that evaluated to something else. */
    readonly problems: readonly string[],
    /** Inputs the step still cannot follow on this runner; each says its own cause and fix. */
    readonly conflicts: readonly string[] = []
  ) {
    super([...problems, ...conflicts].join('\n'))
  }
}
