/**
 * Reads an action's metadata file (action.yml) the way the runner needs it: inputs with their
 * defaults, outputs, and the `runs` section. Only the YAML subset that action metadata uses is
 * understood (nested mappings, plain and quoted scalars, folded and literal block scalars,
 * comments); anything else is an error rather than a guess. All scalars stay strings, as the
 * runner treats `default: 5` and `default: '5'` alike.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A parsed YAML value of the supported subset. */
export type YamlValue = string | { [key: string]: YamlValue }

/** One declared input of the action. */
export interface ActionInput {
  description?: string
  required: boolean
  default?: string
}

/** The parts of action.yml that running a JavaScript action depends on. */
export interface ActionMetadata {
  name: string
  inputs: Record<string, ActionInput>
  outputs: Record<string, { description?: string }>
  runs: {
    using: string
    main: string
    pre?: string
    post?: string
    'pre-if'?: string
    'post-if'?: string
  }
}

/** Reads `action.yml` (or `action.yaml`) in `actionDir`. */
export function readActionMetadata(actionDir: string): ActionMetadata {
  const file = ['action.yml', 'action.yaml']
    .map((name) => join(actionDir, name))
    .find((path) => existsSync(path))
  if (file === undefined) throw new Error(`no action.yml in ${actionDir}`)
  return toActionMetadata(parseYamlSubset(readFileSync(file, 'utf8')), file)
}

/** Checks the shape of parsed metadata and picks out what the runner uses. */
export function toActionMetadata(doc: YamlValue, source = 'action.yml'): ActionMetadata {
  if (typeof doc === 'string') throw new Error(`${source}: not a mapping`)
  const runs = doc['runs']
  if (runs === undefined || typeof runs === 'string') throw new Error(`${source}: no runs section`)
  const using = runs['using']
  const main = runs['main']
  if (typeof using !== 'string' || typeof main !== 'string') {
    throw new Error(`${source}: runs.using and runs.main must be strings`)
  }
  const inputs: Record<string, ActionInput> = {}
  for (const [name, spec] of Object.entries(mapping(doc['inputs']))) {
    const fields = mapping(spec)
    inputs[name] = {
      description: scalar(fields['description']),
      required: scalar(fields['required']) === 'true',
      default: scalar(fields['default'])
    }
  }
  const outputs: Record<string, { description?: string }> = {}
  for (const [name, spec] of Object.entries(mapping(doc['outputs']))) {
    outputs[name] = { description: scalar(mapping(spec)['description']) }
  }
  return {
    name: scalar(doc['name']) ?? '',
    inputs,
    outputs,
    runs: {
      using,
      main,
      pre: scalar(runs['pre']),
      post: scalar(runs['post']),
      'pre-if': scalar(runs['pre-if']),
      'post-if': scalar(runs['post-if'])
    }
  }
}

function mapping(value: YamlValue | undefined): Record<string, YamlValue> {
  return value === undefined || typeof value === 'string' ? {} : value
}

function scalar(value: YamlValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

interface Line {
  indent: number
  text: string
  number: number
}

/** Parses the YAML subset described at the top of this file. */
export function parseYamlSubset(text: string): YamlValue {
  const raw = text.replace(/\r\n?/g, '\n').split('\n')
  let position = 0

  const significant = (line: string): boolean => line.trim() !== '' && !/^\s*#/.test(line)
  const peek = (): Line | undefined => {
    while (position < raw.length && !significant(raw[position] ?? '')) position++
    const line = raw[position]
    if (line === undefined) return undefined
    if (/^\s*\t/.test(line)) throw new Error(`line ${position + 1}: tab indentation`)
    return {
      indent: line.length - line.trimStart().length,
      text: line.trim(),
      number: position + 1
    }
  }

  const parseMapping = (indent: number): Record<string, YamlValue> => {
    const result: Record<string, YamlValue> = {}
    for (let line = peek(); line !== undefined && line.indent === indent; line = peek()) {
      const match = /^("[^"]*"|'[^']*'|[^\s'"#-][^:]*?|-[^\s:][^:]*?)\s*:(?:\s+(.*))?$/.exec(
        line.text
      )
      if (match === null) throw new Error(`line ${line.number}: unsupported YAML: ${line.text}`)
      const key = unquote(match[1] ?? '')
      const rest = stripComment(match[2] ?? '')
      position++
      if (rest === '') {
        const next = peek()
        result[key] = next !== undefined && next.indent > indent ? parseMapping(next.indent) : ''
      } else if (/^[>|][-+]?$/.test(rest)) {
        result[key] = parseBlockScalar(rest, indent)
      } else if (rest.startsWith('"') || rest.startsWith("'")) {
        result[key] = unquote(rest)
      } else if (rest.startsWith('[') || rest.startsWith('{') || rest.startsWith('- ')) {
        throw new Error(`line ${line.number}: flow collections and sequences are not supported`)
      } else {
        // A plain scalar may continue on more-indented lines; they fold into one line.
        const parts = [rest]
        for (let next = peek(); next !== undefined && next.indent > indent; next = peek()) {
          parts.push(stripComment(next.text))
          position++
        }
        result[key] = parts.join(' ')
      }
    }
    const stray = peek()
    if (stray !== undefined && stray.indent > indent) {
      throw new Error(`line ${stray.number}: unexpected indentation`)
    }
    return result
  }

  const parseBlockScalar = (header: string, parentIndent: number): string => {
    const lines: string[] = []
    let blockIndent: number | undefined
    while (position < raw.length) {
      const line = raw[position] ?? ''
      const indent = line.length - line.trimStart().length
      if (line.trim() !== '') {
        if (indent <= parentIndent) break
        blockIndent ??= indent
        if (indent < blockIndent) break
      }
      lines.push(line.trim() === '' ? '' : line.slice(blockIndent))
      position++
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
    let body: string
    if (header.startsWith('|')) {
      body = lines.join('\n')
    } else {
      body = ''
      for (const [index, line] of lines.entries()) {
        if (index === 0) body = line
        else if (line === '') body += '\n'
        else body += body.endsWith('\n') ? line : ` ${line}`
      }
    }
    return header.endsWith('-') || body === '' ? body : `${body}\n`
  }

  const first = peek()
  return first === undefined ? {} : parseMapping(first.indent)
}

function stripComment(value: string): string {
  if (value.startsWith('"') || value.startsWith("'")) return value.trim()
  return value.replace(/\s+#.*$/, '').trim()
}

function unquote(value: string): string {
  const text = value.trim()
  if (text.startsWith("'")) {
    const end = text.lastIndexOf("'")
    return text.slice(1, end).replace(/''/g, "'")
  }
  if (text.startsWith('"')) {
    const end = text.lastIndexOf('"')
    return JSON.parse(text.slice(0, end + 1)) as string
  }
  return text
}
