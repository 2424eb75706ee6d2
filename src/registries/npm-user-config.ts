/**
 * npm: reading the user config in force when the step started (the one setup-node wrote, a
 * developer's ~/.npmrc), the way npm reads it: npm's own `ini` parser (the package npm ships, as
 * @npmcli/config uses it), line by line so that each setting keeps its line number for the
 * messages and for commenting it out.
 */
import { decode } from 'ini'
import { posix, win32 } from 'node:path'
import type { PlanContext } from './plan.js'
import { asciiUpperCase } from './variable-names.js'

export const USERCONFIG_VARIABLE = 'NPM_CONFIG_USERCONFIG'

/** One `key=value` line of the user config as npm reads it. */
export interface IniEntry {
  /** 1-based line number in the file. */
  readonly line: number
  readonly key: string
  /** The value as text (`true` for a key without `=`; a list's items joined by commas). */
  readonly value: string
  /** False after a `[section]` header: npm does not read such keys. */
  readonly topLevel: boolean
}

/** The user config in force when the step started. */
export interface ExistingConfig {
  /** The variables naming it (each case variant set in the environment). */
  readonly variables: ReadonlyMap<string, string>
  readonly path: string
  /** The file's text, or undefined when there is none. */
  readonly text: string | undefined
}

/**
 * Which user config npm would read now, following npm: a non-empty npm_config_userconfig (any
 * case), else ~/.npmrc; its text read through the plan context (a regular file, bounded).
 */
export function existingConfig(context: PlanContext): ExistingConfig | { problem: string } {
  const variables = new Map(
    Object.entries(context.env).filter(
      (entry): entry is [string, string] =>
        asciiUpperCase(entry[0]) === USERCONFIG_VARIABLE && entry[1] !== undefined
    )
  )
  const named = [...new Set([...variables.values()].filter((value) => value !== ''))]
  if (named.length > 1) {
    return {
      problem: `the environment names more than one npm user config (${[...variables.keys()].join(', ')}); npm reads whichever comes last in the environment, so this step cannot tell which one to carry over. Set only one of them.`
    }
  }
  const path =
    named[0] === undefined
      ? joinPath(context, context.homeDir, '.npmrc')
      : expandHome(named[0], context)
  return { variables, path, text: context.readFile(path)?.replace(/^\uFEFF/, '') }
}

/**
 * The file's settings, line by line, each read by npm's ini parser: comments (`;`, `#`), sections
 * (`[name]` in the first column; the keys after it are not top level), quotes, escapes, a key
 * without a value. Lines are split where ini splits them (CR, LF).
 */
export function iniEntries(text: string): IniEntry[] {
  const entries: IniEntry[] = []
  let topLevel = true
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const [setting] = Object.entries(decode(raw))
    if (setting === undefined) return // blank, comment, `=value`, `__proto__`
    const [key, value] = setting
    if (isSection(value)) {
      topLevel = false
      return
    }
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value)
    entries.push({ line: index + 1, key, value: text, topLevel })
  })
  return entries
}

/** What ini makes of a `[section]` line: an object (a list is a `key[]` setting). */
function isSection(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function expandHome(path: string, context: PlanContext): string {
  const home = /^~(?=$|[/\\])/
  return home.test(path) ? joinPath(context, context.homeDir, path.slice(2)) : path
}

/** Joins a path by the runner's platform rules. */
export function joinPath(context: Pick<PlanContext, 'platform'>, ...parts: string[]): string {
  return context.platform === 'win32' ? win32.join(...parts) : posix.join(...parts)
}
