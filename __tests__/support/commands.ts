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
 * Parses one output line as a workflow command (`::name props::data`, or the older
 * `##[name props]data`). Returns undefined for a line that is not a command.
 */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const text = line.trimStart()
  let head: string
  let data: string
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2)
    if (end < 0) return undefined
    head = text.slice(2, end)
    data = text.slice(end + 2)
  } else if (text.startsWith('##[')) {
    const end = text.indexOf(']', 3)
    if (end < 0) return undefined
    head = text.slice(3, end)
    data = text.slice(end + 1)
  } else {
    return undefined
  }
  const space = head.indexOf(' ')
  const command = (space < 0 ? head : head.slice(0, space)).toLowerCase()
  if (command === '') return undefined
  const properties: Record<string, string> = {}
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(',')) {
      const equals = pair.indexOf('=')
      if (equals <= 0) continue
      properties[pair.slice(0, equals).trim()] = unescapeProperty(pair.slice(equals + 1))
    }
  }
  return { command, properties, data: unescapeData(data) }
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
