/**
 * The runner's side of the action, as the small interface main and post use. Only src/index.ts
 * binds it to @actions/core; tests bind it to a recorder.
 */
export interface ActionsIO {
  getInput(name: string): string
  getState(name: string): string
  /** Masks the value in every later log line. */
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  saveState(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  warning(message: string, title?: string): void
  /** One error annotation with a title, and a failed step. */
  fail(message: string, title: string): void
  appendSummary(markdown: string): Promise<void>
}
