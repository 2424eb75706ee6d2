/**
 * The two channels through which an action talks to the runner, parsed with the runner's rules:
 * workflow commands printed on stdout/stderr (`::name key=value,...::data`) and file commands
 * written to the files named by GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE (`name=value` or
 * `name<<DELIMITER` heredoc).
 */

/** One workflow command, with its properties and data already unescaped. */
export interface WorkflowCommand {
  /** Lower-cased command name: `add-mask`, `error`, `debug`, ... */
  command: string
  properties: Record<string, string>
  data: string
}

/** Annotation created by `::error`, `::warning` or `::notice`. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  title?: string
  /** Every property as given (`title`, `file`, `line`, `col`, `endLine`, `endColumn`). */
  properties: Record<string, string>
}

/**
 * The commands the runner registers (actions/runner, ActionCommandManager): only these names are
 * read as commands, in either form, case-insensitively. `set-env` and `add-path` are registered
 * but refused unless ACTIONS_ALLOW_UNSECURE_COMMANDS is set.
 */
export const REGISTERED_COMMANDS: ReadonlySet<string> = new Set([
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo'
])

/** A command as the runner found it in a line: which form, and where in the line it starts. */
export interface ParsedCommand {
  command: WorkflowCommand
  /** `v2`: `::name props::data` at the line's start; `legacy`: `##[name props]data` anywhere. */
  form: 'v2' | 'legacy'
  /** Index in the line where `::` or `##[` starts (0 for a line that is only the command). */
  offset: number
}

/** .NET's Char.IsWhiteSpace, which String.TrimStart uses: JavaScript's \s differs (U+0085, U+FEFF). */
const DOTNET_LEADING_SPACE =
  /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/**
 * Reads one output line as the runner does (ActionCommand.TryParseV2, then TryParse): the
 * `::name props::data` form when the line starts with `::` after leading white space, else the
 * legacy `##[name props]data` form at the first `##[` anywhere in the line. The name must be one
 * of `registered` (case-insensitive), or the line is not that form's command. Undefined for a
 * line that is not a command.
 */
export function parseCommandLine(
  line: string,
  registered: ReadonlySet<string> = REGISTERED_COMMANDS
): ParsedCommand | undefined {
  const known = (name: string): boolean => registered.has(name.toLowerCase())
  const head = (info: string): { name: string; rest: string | undefined } => {
    const space = info.indexOf(' ')
    return space < 0
      ? { name: info, rest: undefined }
      : { name: info.slice(0, space), rest: info.slice(space + 1) }
  }
  const trimmed = line.replace(DOTNET_LEADING_SPACE, '')
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end >= 0) {
      const { name, rest } = head(trimmed.slice(2, end))
      if (name !== '' && known(name)) {
        const properties = splitProperties(rest?.trim(), ',', unescapeProperty)
        const data = unescapeData(trimmed.slice(end + 2))
        const command = { command: name.toLowerCase(), properties, data }
        return { command, form: 'v2', offset: line.length - trimmed.length }
      }
    }
  }
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const { name, rest } = head(line.slice(prefix + 3, bracket))
  if (name === '' || !known(name)) return undefined
  const properties = splitProperties(rest, ';', unescapeLegacy)
  const command = {
    command: name.toLowerCase(),
    properties,
    data: unescapeLegacy(line.slice(bracket + 1))
  }
  return { command, form: 'legacy', offset: prefix }
}

function splitProperties(
  text: string | undefined,
  separator: string,
  unescape: (value: string) => string
): Record<string, string> {
  const properties: Record<string, string> = {}
  if (text === undefined) return properties
  for (const pair of text.split(separator)) {
    const equals = pair.indexOf('=')
    if (equals <= 0 || equals === pair.length - 1) continue
    properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1))
  }
  return properties
}

/**
 * Parses one output line as a workflow command, as the runner reads it (see parseCommandLine).
 * Returns undefined for a line that is not a command.
 */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  return parseCommandLine(line)?.command
}

/**
 * Splits output into lines as the runner's reader does (.NET ReadLine): a line ends at LF, CR or
 * CRLF. A trailing line break ends the last line; it does not start an empty one.
 */
export function splitRunnerLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** The legacy form's unescaping: %3B, %0D, %0A, %5D, %25. */
export function unescapeLegacy(value: string): string {
  return value
    .replace(/%3B/g, ';')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%25/g, '%')
}

/** The runner's unescaping of command data: %0D, %0A, %25. */
export function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** The runner's unescaping of command properties: data's rules plus %3A and %2C. */
export function unescapeProperty(value: string): string {
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}

/** Turns an `error`/`warning`/`notice` command into an annotation; undefined for others. */
export function toAnnotation(command: WorkflowCommand): Annotation | undefined {
  const level = command.command
  if (level !== 'error' && level !== 'warning' && level !== 'notice') return undefined
  const annotation: Annotation = { level, message: command.data, properties: command.properties }
  if (command.properties['title'] !== undefined) annotation.title = command.properties['title']
  return annotation
}

/** Result of reading one file-command file. */
export interface FileCommandResult {
  /** Name to value; a later line for the same name wins, as in the runner. */
  values: Record<string, string>
  /** Lines the runner would reject (it fails the step for them). */
  errors: string[]
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file. Each line is `name=value`, or
 * `name<<DELIMITER` followed by value lines and a line equal to DELIMITER; whichever of `=` and
 * `<<` comes first decides the form. Lines end at `\n` with an optional `\r` dropped; heredoc
 * values keep their inner line breaks as `\n`.
 */
export function parseFileCommands(content: string): FileCommandResult {
  const values: Record<string, string> = {}
  const errors: string[] = []
  const lines = content.split('\n').map((line) => line.replace(/\r$/, ''))
  if (lines[lines.length - 1] === '') lines.pop()
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals)
      if (name === '') errors.push(`line ${index + 1}: empty name`)
      else values[name] = line.slice(equals + 1)
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      if (name === '' || delimiter === '') {
        errors.push(`line ${index + 1}: empty name or delimiter`)
        continue
      }
      const end = lines.indexOf(delimiter, index + 1)
      if (end < 0) {
        errors.push(`line ${index + 1}: matching delimiter '${delimiter}' not found`)
        break
      }
      values[name] = lines.slice(index + 1, end).join('\n')
      index = end
    } else {
      errors.push(`line ${index + 1}: invalid format '${line}'`)
    }
  }
  return { values, errors }
}
