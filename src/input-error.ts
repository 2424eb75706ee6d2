/** Inputs that cannot be used: every problem, each a sentence naming the input and what it accepts. */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}
