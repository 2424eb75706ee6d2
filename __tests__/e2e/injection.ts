/**
 * What a run must show whatever text from outside the action printed: the runner obeyed no
 * command but the action's own, no line of the log was started or broken up by outside text, no
 * control character reached the log, no secret escaped its mask, and the job summary renders no
 * link, image or HTML from outside. Each check returns its findings, so a failing test names them.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { expect } from '@jest/globals'
import {
  defaultRunnerContext,
  findLeaks,
  type ObeyedCommand,
  type RunResult
} from '../support/runner.js'
import { secretsOf, type Stage } from './harness.js'

/** Debug messages of the action, and of @actions/core's getIDToken on its behalf. */
const OWN_DEBUG = [
  /^(The OpenID exchange|Getting the GitHub ID token|Verifying the key): attempt \d+ of \d+$/,
  /^ID token url is http:\/\/127\.0\.0\.1:\d+\/idtoken\?api-version=2\.0(&audience=\S*)?$/,
  /^New ID token, exp /
]

/**
 * Whether the action wrote this command itself: the `::name::` form at the very start of a line
 * (as @actions/core writes it), and one of what the action sends: `add-mask` of a credential the
 * stage handed out, its own `debug` messages, `error` and `warning` annotations with a title.
 */
function isOwn(command: ObeyedCommand, secrets: readonly string[]): boolean {
  if (command.form !== 'v2' || command.offset !== 0 || command.refused) return false
  const { properties, data } = command.command
  const names = Object.keys(properties)
  switch (command.command.command) {
    case 'add-mask':
      return names.length === 0 && secrets.includes(data)
    case 'debug':
      return names.length === 0 && OWN_DEBUG.some((pattern) => pattern.test(data))
    case 'error':
    case 'warning':
      return names.length === 1 && Boolean(properties['title'])
    default:
      return false
  }
}

/** Every command the runner obeyed (or refused) that the action did not write; at most one error. */
export function foreignCommands(result: RunResult, secrets: readonly string[]): string[] {
  const foreign: string[] = []
  for (const step of [result.main, result.post]) {
    if (step === undefined) continue
    let errors = 0
    for (const command of step.commands) {
      const own = isOwn(command, secrets) && (command.command.command !== 'error' || ++errors === 1)
      if (own) continue
      const at = command.offset === 0 ? '' : ` at column ${command.offset}`
      foreign.push(
        `${command.step} ${command.stream} line ${command.line}, ${command.form} form${at}: ` +
          `${command.command.command} ${JSON.stringify(command.command.data.slice(0, 60))}` +
          ` in ${JSON.stringify(command.text.slice(0, 160))}`
      )
    }
  }
  return foreign
}

/** C0 and C1 controls but tab, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/

/** .NET white space, as the runner trims it before looking for `::`. */
const DOTNET_LEADING_SPACE =
  /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/** The parts of payloads that follow a line break: the text a forged line would start with. */
export function forgedLineStarts(payloads: readonly string[]): string[] {
  return payloads
    .flatMap((payload) => payload.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/).slice(1))
    .map((part) => part.replace(DOTNET_LEADING_SPACE, '').trimEnd())
    .filter((part) => part.length >= 4)
}

/**
 * Lines of the log that outside text shaped: a control character in a line, or a line other than
 * the action's own commands that starts with what followed a line break in a payload (outside
 * text ended the action's line).
 */
export function logProblems(
  result: RunResult,
  payloads: readonly string[],
  secrets: readonly string[]
): string[] {
  const starts = forgedLineStarts(payloads)
  const problems: string[] = []
  for (const step of [result.main, result.post]) {
    if (step === undefined) continue
    for (const [index, line] of step.lines.entries()) {
      const where = `${step.step} ${line.stream} line ${index + 1}`
      if (CONTROL.test(line.text)) {
        problems.push(
          `${where} holds a control character: ${JSON.stringify(line.text.slice(0, 160))}`
        )
      }
      const command = step.commands.find((obeyed) => obeyed.line === index + 1)
      if (command !== undefined && isOwn(command, secrets)) continue
      const text = line.text.replace(DOTNET_LEADING_SPACE, '')
      const start = starts.find((part) => text.startsWith(part))
      if (start !== undefined) {
        problems.push(`${where} starts with outside text ${JSON.stringify(start.slice(0, 60))}`)
      }
    }
  }
  return problems
}

/** Host names of links that only outside text can bring. */

/**
 * What the job summary would render from outside text, read as GitHub's Markdown does: outside
 * fenced code blocks, no raw HTML tag, no link or image `[..](..)`, no autolink to the payloads'
 * host, no line that outside text started; no control character or bare CR anywhere (a CR ends a
 * Markdown line, and a table row with it); every fence the action opened is closed.
 */
export function summaryProblems(summary: string, payloads: readonly string[]): string[] {
  const problems: string[] = []
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.exec(summary)
  if (control) {
    const around = summary.slice(Math.max(0, control.index - 40), control.index + 40)
    problems.push(`control character ${JSON.stringify(control[0])} in ${JSON.stringify(around)}`)
  }
  const starts = forgedLineStarts(payloads)
  let fence: { char: string; length: number } | undefined
  for (const [index, line] of summary.split(/\r\n|\r|\n/).entries()) {
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (fence !== undefined) {
      const closes =
        marker !== null &&
        marker[1]?.[0] === fence.char &&
        (marker[1]?.length ?? 0) >= fence.length &&
        marker[2]?.trim() === ''
      if (closes) fence = undefined
      continue
    }
    if (marker !== null) {
      fence = { char: marker[1]?.[0] ?? '`', length: marker[1]?.length ?? 3 }
      continue
    }
    const where = `summary line ${index + 1} ${JSON.stringify(line.slice(0, 120))}`
    const start = starts.find((part) => line.replace(/^[\s>|]+/, '').startsWith(part))
    if (start !== undefined) problems.push(`outside text starts ${where}`)
  }
  if (fence !== undefined) problems.push('a code fence is left open')
  problems.push(...renderedProblems(summary))
  return problems
}

/** The elements the action's own summary Markdown renders to. */
const OWN_ELEMENTS = new Set([
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'pre',
  'code',
  'p'
])

/** The one link the action makes: a refusal's summary points to the run's log. */
const OWN_LINK = `<a href="${defaultRunnerContext.serverUrl}/${defaultRunnerContext.repository}/actions/runs/${defaultRunnerContext.runId}">`

/**
 * The summary rendered as GitHub renders it (GFM: tables, autolink literals, raw HTML let
 * through): any link, image or other element that the action's own Markdown does not make came
 * from outside text.
 */
function renderedProblems(summary: string): string[] {
  const html = micromark(summary, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
  const problems: string[] = []
  for (const match of html.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)[^>]*>/g)) {
    const name = match[1]!.toLowerCase()
    if (OWN_ELEMENTS.has(name)) continue
    if (match[0] === OWN_LINK || match[0] === '</a>') continue
    const kind = name === 'a' ? 'a link' : name === 'img' ? 'an image' : `a <${name}> element`
    const around = html.slice(Math.max(0, match.index - 40), match.index + 80)
    problems.push(`${kind} renders in the summary: ${JSON.stringify(around)}`)
  }
  return problems
}

/** Runs this long of a secret must never be shown (issue 15): a cut or split echo is a leak too. */
export const SECRET_RUN = 16

/**
 * Every place the log as shown (masks applied, `add-mask` lines hidden) or the job summary holds
 * a run of SECRET_RUN characters of a secret, also when characters no secret holds (spaces,
 * quotes, backticks, the escapes the gate writes) split it; and every JWT-shaped text, whoever's.
 */
export function secretPieces(result: RunResult, secrets: readonly string[]): string[] {
  const runs = new Map<string, string>()
  const alphabet = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < SECRET_RUN) continue
    for (const char of secret) alphabet.add(char)
    for (let start = 0; start + SECRET_RUN <= secret.length; start++) {
      runs.set(secret.slice(start, start + SECRET_RUN), secret)
    }
  }
  const found: string[] = []
  const scan = (where: string, text: string): void => {
    const jwt = /eyJ[A-Za-z0-9_-]{8,}/.exec(text)
    if (jwt) found.push(`${where}: a JWT ${JSON.stringify(jwt[0].slice(0, 40))}`)
    const compact = [...text].filter((char) => alphabet.has(char)).join('')
    for (let start = 0; start + SECRET_RUN <= compact.length; start++) {
      const run = compact.slice(start, start + SECRET_RUN)
      if (runs.has(run)) {
        found.push(
          `${where}: ${JSON.stringify(run)} of a secret in ${JSON.stringify(text.slice(0, 160))}`
        )
        return
      }
    }
  }
  for (const step of [result.main, result.post]) {
    if (step === undefined) continue
    for (const [index, line] of step.log.entries()) scan(`${step.step} log line ${index + 1}`, line)
    scan(`${step.step} summary`, step.summary)
  }
  return found
}

/**
 * The whole check for a run in which `payloads` came from outside. `extraSecrets`: credentials
 * the stage does not know of (a malformed token answer, say).
 */
export function expectNoInjection(
  result: RunResult,
  stage: Stage,
  payloads: readonly string[],
  extraSecrets: readonly string[] = []
): void {
  const secrets = [...secretsOf(stage), ...extraSecrets]
  const leaks = findLeaks(result, secrets, { allowOutputs: ['token'] }).map(
    (leak) => `${leak.kind} ${leak.where}: ${JSON.stringify(leak.text.slice(0, 120))}`
  )
  expect({
    foreignCommands: foreignCommands(result, secrets),
    linesPrintedWhileCommandsStopped: [result.main, result.post].flatMap((step) =>
      step === undefined ? [] : step.stoppedLines.map((line) => `${step.step} line ${line}`)
    ),
    leaks,
    secretPieces: secretPieces(result, secrets),
    logProblems: logProblems(result, payloads, secrets),
    summaryProblems: summaryProblems(result.main.summary, payloads)
  }).toEqual({
    foreignCommands: [],
    linesPrintedWhileCommandsStopped: [],
    leaks: [],
    secretPieces: [],
    logProblems: [],
    summaryProblems: []
  })
}
