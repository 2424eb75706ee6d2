/**
 * Reads the `registries` input: one registry per line, `FORMAT [REPOSITORY] [key=value ...]`, blank
 * lines and `#` comment lines allowed. Every problem names the line (its number and its text) and
 * what the format accepts; all of them are reported at once with the other inputs' problems.
 */
import { domainProblems, isDomainOption } from './domains.js'
import type { FormatModule, RegistryRequest } from './plan.js'

/** The rules every line shares; the format table and the PATH lookup come from the caller. */
export interface RequestRules {
  /** The action's `org`: the owner of a repository written without `OWNER/`. */
  readonly org: string
  readonly formats: ReadonlyMap<string, FormatModule>
  /** Whether a slug (org or repository) is acceptable: undefined, or what is wrong with it. */
  readonly slugProblem: (value: string) => string | undefined
  /** Where a program is on PATH, or undefined when it is not there. */
  readonly findProgram: (name: string) => string | undefined
}

export interface ParsedRegistries {
  readonly requests: readonly RegistryRequest[]
  /** Malformed lines: an unknown format or key, a bad repository or host. */
  readonly problems: readonly string[]
  /** Well-formed lines the step still cannot do (a repeated format, a missing client): each says its cause and fix. */
  readonly conflicts: readonly string[]
}

/** A host name or IPv4 address, then an optional `:port`. */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
/** A host whose last label is a number (decimal, or hex with 0x): URL parsers read it as IPv4. */
const ENDS_IN_A_NUMBER = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/i
const OPTION = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/s

/** `host` and every `...-host` option take a host. */
export function isHostOption(key: string): boolean {
  return key === 'host' || key.endsWith('-host')
}

/** Undefined for a good `HOST[:PORT]`, else what it must look like. */
export function hostProblem(value: string): string | undefined {
  const wanted =
    'a host name or IPv4 address with an optional :port (such as docker.example.com or 127.0.0.1:5000), without a scheme, path, user or whitespace'
  if (value === '') return `is empty; use ${wanted}.`
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return `has a scheme; use ${wanted}.`
  if (value.includes('@')) return `holds a user part ('@'); use ${wanted}.`
  if (value.includes('/')) return `holds a path; use ${wanted}.`
  const match = /^([^:]*)(?::(\d{1,5}))?$/.exec(value)
  const name = match?.[1] ?? ''
  const port = match?.[2]
  if (match && !IPV4.test(name) && ENDS_IN_A_NUMBER.test(name)) {
    // what a URL parser reads as an IPv4 address (0x7f.1 is 127.0.0.1): only the usual form
    return `is an IPv4 address written other than as four decimal numbers without leading zeros (such as 127.0.0.1); write it that way, or use a host name.`
  }
  if (!match || !(IPV4.test(name) || HOST_NAME.test(name))) {
    return `is not ${wanted}.`
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return `has port ${port}; a port is 1 to 65535.`
  }
  return undefined
}

/** At most this many problems are told for one line, and for the whole input. */
const PROBLEMS_PER_LINE = 5
const PROBLEMS_IN_ALL = 20
/** The longest a problem may grow however much outside text it quotes. */
const PROBLEM_MAX_CHARS = 1_000

export function parseRegistries(input: string, rules: RequestRules): ParsedRegistries {
  const requests: RegistryRequest[] = []
  const problems: string[] = []
  const lines = input.split(/\r\n|\r|\n/)
  for (const [index, raw] of lines.entries()) {
    const text = raw.trim()
    if (text === '' || text.startsWith('#')) continue
    const parsed = parseLine(index + 1, text, rules)
    if ('problems' in parsed) problems.push(...atMost(parsed.problems, PROBLEMS_PER_LINE, 'line'))
    else requests.push(parsed.request)
  }
  const conflicts = [...clashes(requests, rules.formats), ...missingPrograms(requests, rules)]
  return {
    requests,
    problems: atMost(problems, PROBLEMS_IN_ALL, 'input'),
    conflicts: atMost(conflicts, PROBLEMS_IN_ALL, 'input')
  }
}

/**
 * The first `max` problems, each bounded, then one that counts the rest: what a problem quotes
 * (a line, a word, a value) is outside text, and the log and the job summary have limits.
 */
export function atMost(
  problems: readonly string[],
  max: number,
  where: 'line' | 'input'
): string[] {
  const told = problems.slice(0, max).map((problem) => quote(problem, PROBLEM_MAX_CHARS))
  const more = problems.length - told.length
  if (more > 0) {
    told.push(
      `... and ${more} more problem(s) ${where === 'line' ? 'on that line' : "in 'registries'"}, not shown; fix the ones above first.`
    )
  }
  return told
}

/** Outside text quoted in a problem: at most `max` characters, and how long it was when cut. */
export function quote(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text
}

/** `registries line 3 (npm npm-private scope=acme)`: how every problem starts (a long line cut). */
export function lineName(request: Pick<RegistryRequest, 'line' | 'text'>): string {
  return `Input 'registries' line ${request.line} (${quote(request.text, 100)})`
}

function parseLine(
  line: number,
  text: string,
  rules: RequestRules
): { request: RegistryRequest } | { problems: string[] } {
  const where = lineName({ line, text })
  const [formatName = '', ...words] = text.split(/\s+/)
  const format = rules.formats.get(formatName)
  if (format === undefined) {
    const known = [...rules.formats.keys()].join(', ')
    return {
      problems: [`${where}: unknown format '${quote(formatName)}'; the formats are ${known}.`]
    }
  }
  const problems: string[] = []
  const usage = formatUsage(format)

  let repository: string | undefined
  let owner = rules.org
  const first = words[0]
  const firstIsRepository = first !== undefined && !first.includes('=')
  if (format.repository === 'required') {
    if (firstIsRepository) {
      words.shift()
      const parts = first.split('/')
      if (parts.length > 2) {
        problems.push(
          `${where}: the repository '${quote(first)}' has more than one '/'; use REPO or OWNER/REPO (${usage}).`
        )
      } else {
        const [ownerPart, repoPart] = parts.length === 2 ? parts : [rules.org, parts[0]]
        for (const [what, value] of [
          ['owner', ownerPart],
          ['repository', repoPart]
        ] as const) {
          if (parts.length === 2 || what === 'repository') {
            const problem = rules.slugProblem(value ?? '')
            if (problem) problems.push(`${where}: the ${what} '${quote(value ?? '')}' ${problem}`)
          }
        }
        owner = ownerPart ?? rules.org
        repository = repoPart
      }
    } else {
      problems.push(`${where}: a repository is missing; use ${usage}.`)
    }
  } else if (firstIsRepository) {
    problems.push(
      `${where}: ${format.format} takes no repository ('${quote(first)}'); use ${usage}.`
    )
    words.shift()
  }

  const options = new Map<string, string>()
  for (const word of words) {
    const match = OPTION.exec(word)
    if (!match) {
      problems.push(`${where}: '${quote(word)}' is not key=value; use ${usage}.`)
      continue
    }
    const [, key = '', value = ''] = match
    if (!(key in format.options)) {
      problems.push(
        `${where}: unknown key '${quote(key)}'; ${format.format} accepts ${acceptedKeys(format)}.`
      )
    } else if (options.has(key)) {
      problems.push(`${where}: '${key}' is given twice.`)
    } else if (value === '') {
      problems.push(`${where}: '${key}' is empty; it takes ${format.options[key]}.`)
    } else if (isHostOption(key) && hostProblem(value) !== undefined) {
      problems.push(`${where}: ${key}=${quote(value)} ${hostProblem(value)}`)
    } else {
      options.set(key, value)
    }
  }
  if (problems.length > 0) return { problems }

  const request: RegistryRequest = { line, text, format: format.format, owner, repository, options }
  const own = [...format.validate(request), ...domainProblems(options)].map(
    (problem) => `${where}: ${problem}`
  )
  return own.length > 0 ? { problems: own } : { request }
}

/** `docker [host=HOST] [username=NAME]`, from what the format declares. */
export function formatUsage(format: FormatModule): string {
  const repository = format.repository === 'required' ? ' REPOSITORY' : ''
  const options = Object.keys(format.options)
    .map((key) => ` [${key}=${optionPlaceholder(key)}]`)
    .join('')
  return `'${format.format}${repository}${options}'`
}

function optionPlaceholder(key: string): string {
  if (isHostOption(key)) return 'HOST'
  if (isDomainOption(key)) return 'KIND'
  return key.toUpperCase()
}

function acceptedKeys(format: FormatModule): string {
  const keys = Object.entries(format.options)
  if (keys.length === 0) return 'no keys'
  return keys.map(([key, takes]) => `${key} (${takes})`).join(', ')
}

/**
 * A format given twice for the same host, or twice at all when it has room for one line: the
 * second line would undo the first.
 */
function clashes(
  requests: readonly RegistryRequest[],
  formats: ReadonlyMap<string, FormatModule>
): string[] {
  const seen = new Map<string, RegistryRequest>()
  const firstOfFormat = new Map<string, RegistryRequest>()
  const problems: string[] = []
  for (const request of requests) {
    const format = formats.get(request.format)
    const first = firstOfFormat.get(request.format)
    if (format?.onlyOne !== undefined && first !== undefined) {
      problems.push(
        `${lineName(request)}: a second ${request.format} line (line ${first.line} is one), and only one can be in force; ${format.onlyOne}`
      )
      continue
    }
    if (first === undefined) firstOfFormat.set(request.format, request)
    for (const host of format?.hosts(request) ?? []) {
      const id = `${request.format} ${host.toLowerCase()}`
      const earlier = seen.get(id)
      if (earlier && earlier !== request) {
        problems.push(
          `${lineName(request)}: ${request.format} for ${host} is already configured on line ${earlier.line}, and the second line would undo the first. Fix: keep one ${request.format} line per host.`
        )
      } else if (!earlier) {
        seen.set(id, request)
      }
    }
  }
  return problems
}

function missingPrograms(requests: readonly RegistryRequest[], rules: RequestRules): string[] {
  const problems: string[] = []
  const looked = new Map<string, string | undefined>()
  for (const request of requests) {
    for (const program of rules.formats.get(request.format)?.programs ?? []) {
      if (!looked.has(program)) looked.set(program, rules.findProgram(program))
      if (looked.get(program) === undefined) {
        problems.push(
          `${lineName(request)}: ${request.format} signs in by running '${program}', and no '${program}' is on PATH (the runner image has none, or a later step installs it). Fix: install it in an earlier step, or use a runner image that has it.`
        )
      }
    }
  }
  return problems
}
