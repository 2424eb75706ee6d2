/** What a program printed, as the log may quote it: secrets cut out, blank lines dropped. */
import { redact } from '../redact.js'

/** A program's output lines, secrets cut out, blank lines dropped. */
export function outputLines(text: string, secrets: readonly string[]): string[] {
  return redact(text, secrets)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** The last three lines of a program's output, one after the other, or '(nothing)'. */
export function lastLines(text: string, secrets: readonly string[] = []): string {
  const lines = outputLines(text, secrets)
  return lines.length === 0 ? '(nothing)' : lines.slice(-3).join(' / ')
}
