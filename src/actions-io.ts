/**
 * The runner's side of the action, as the small interface main and post use. Only src/index.ts
 * binds it to @actions/core; tests bind it to a recorder. It prints only what the print gate made,
 * so no text from outside reaches the runner without being neutralised.
 */
import type { LogText, Markdown } from './print-gate.js'

export interface ActionsIO {
  getInput(name: string): string
  getState(name: string): string
  /** Masks the value in every later log line. */
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  /** Puts a folder first on PATH for the later steps of the job (GITHUB_PATH). */
  addPath(dir: string): void
  saveState(name: string, value: string): void
  info(message: LogText): void
  debug(message: LogText): void
  warning(message: LogText, title?: LogText): void
  /** One error annotation with a title, and a failed step. */
  fail(message: LogText, title: LogText): void
  appendSummary(markdown: Markdown): Promise<void>
}
