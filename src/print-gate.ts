/**
 * The one gate between text from outside and GitHub's runner. The runner reads a step's output as
 * commands: `::name::data` at the start of a line, `##[name]data` anywhere in one, and a line ends
 * at LF, CR or CRLF; `stop-commands` would even turn later masks into plain text. Anything a
 * server, a claim, an input or a library said must therefore never reach the log, an annotation or
 * the job summary as it is.
 *
 * Only this module can make a `LogText` or a `Markdown`, and ActionsIO prints nothing else. Both
 * are built with tagged templates: the template is our own source, every interpolated value is
 * outside text and is neutralised (for the summary, also escaped as Markdown).
 */

const LINE_BREAKS: Readonly<Record<string, string>> = {
  '\r\n': '\\r\\n',
  '\r': '\\r',
  '\n': '\\n',
  '\u0085': '\\u0085',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029'
}
/* eslint-disable no-control-regex */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g
/** CSI (ESC [ or C1 0x9b) and OSC (ESC ]) sequences, then any other ESC pair. */
const ANSI_ESCAPE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g
/** Other C0 and C1 controls and DEL; a tab becomes a space. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
/* eslint-enable no-control-regex */
/** Bidirectional overrides and isolates, which make text read other than it is. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
/** The legacy command form, honoured anywhere in a line. */
const LEGACY_COMMAND = /##\[/g
/** The command form, honoured at a line start after whitespace (as .NET's Trim sees it). */
const COMMAND_AT_LINE_START = /^([\s\ufeff]*):(?=:)/gm

/** One line of outside text that the runner cannot read as anything but text. */
export function neutralise(value: string): string {
  return breakCommands(
    value
      .replace(LINE_BREAK, (lineBreak) => LINE_BREAKS[lineBreak] ?? ' ')
      .replace(ANSI_ESCAPE, '')
      .replace(/\t/g, ' ')
      .replace(CONTROL, '')
      .replace(BIDI_CONTROL, '')
  )
}

/** The runner's two command forms broken up: `##[` anywhere, `::` at a line start. */
function breakCommands(text: string): string {
  return text.replace(LEGACY_COMMAND, '## [').replace(COMMAND_AT_LINE_START, '$1: ')
}

/** Only this module holds the key to making gate output. */
const GATE = Symbol('print gate')

/** Text the runner may print: our own templates, outside values neutralised. */
export class LogText {
  readonly text: string

  constructor(key: typeof GATE, text: string) {
    if (key !== GATE) throw new Error('LogText is made only by the print gate')
    // a last pass over the composed text: a value may start a line of the template, or finish a
    // `##[` the template began
    this.text = breakCommands(text)
  }
}

/** A value in a template: earlier gate output as it is, anything else as one neutralised line. */
function asLogText(value: unknown): string {
  return value instanceof LogText ? value.text : neutralise(String(value))
}

/** log`Cloudsmith said: ${said}`: the template is trusted, every value is neutralised. */
export function log(template: TemplateStringsArray, ...values: readonly unknown[]): LogText {
  return new LogText(GATE, interleave(template, values.map(asLogText)))
}

/** The given lines, one under the other; undefined ones are left out. */
export function joinLines(lines: ReadonlyArray<LogText | undefined>): LogText {
  return new LogText(
    GATE,
    lines
      .filter((line): line is LogText => line !== undefined)
      .map((line) => line.text)
      .join('\n')
  )
}

/** Job summary Markdown: our own templates, outside values shown as code spans. */
export class Markdown {
  constructor(
    key: typeof GATE,
    readonly markdown: string
  ) {
    if (key !== GATE) throw new Error('Markdown is made only by the print gate')
  }
}

/**
 * Outside text as a Markdown code span: nothing inside one renders as a link, an autolink, an
 * image, HTML or emphasis. The delimiter is longer than any backtick run in the text. A table
 * row is split at every `|` not escaped by an odd run of backslashes (`\\|` is an escaped
 * backslash, then a cell border), so each `|` gets the backslashes that make its run odd.
 */
function codeSpan(value: string): string {
  const text = neutralise(value).replace(/(\\*)\|/g, (_all, run: string) =>
    run.length % 2 === 0 ? `${run}\\|` : `${run}\\\\|`
  )
  if (text === '') return ''
  const delimiter = '`'.repeat(longestBacktickRun(text) + 1)
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : ''
  return `${delimiter}${pad}${text}${pad}${delimiter}`
}

/** gfm`| Organization | ${org} |`: the template is trusted Markdown, values become code spans. */
export function gfm(template: TemplateStringsArray, ...values: readonly unknown[]): Markdown {
  return new Markdown(
    GATE,
    interleave(
      template,
      values.map((value) =>
        value instanceof Markdown
          ? value.markdown
          : codeSpan(value instanceof LogText ? value.text : String(value))
      )
    )
  )
}

/**
 * A Markdown link to `url`, or only the label when `url` is not a plain http(s) URL: nothing in
 * it may end the link early, open HTML or carry a line break. The caller builds `url` from values
 * it checked; this is the last guard.
 */
export function markdownLink(label: Markdown, url: string): Markdown {
  if (!/^https?:\/\/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+$/.test(url) || /[()]/.test(url)) return label
  return new Markdown(GATE, `[${label.markdown}](${url})`)
}

/** Markdown parts, one per line. */
export function joinMarkdown(parts: readonly Markdown[]): Markdown {
  return new Markdown(GATE, parts.map((part) => part.markdown).join('\n'))
}

/** Gate output as a fenced code block: a fence longer than any backtick run inside it. */
export function codeBlock(text: LogText, language = 'text'): Markdown {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text.text) + 1))
  return new Markdown(GATE, `${fence}${language}\n${text.text}\n${fence}`)
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
}

function interleave(template: TemplateStringsArray, values: readonly string[]): string {
  return template.reduce((out, part, index) => out + (index > 0 ? values[index - 1] : '') + part)
}
