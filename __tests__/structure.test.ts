/**
 * The shape of src/ (CONTRIBUTING.md, "How the code is laid out"): no import cycle, no module over
 * 300 lines, the machine (system.ts) depends on no format, and the main step loads no registries
 * code unless the input is set. Read from the sources with a small import-graph walker: every
 * `import`/`export … from` and `import()` of a relative module, type-only ones included (a cycle of
 * types is the same design smell as one of values).
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')
const MAX_LINES = 300

interface Edge {
  readonly to: string
  /** Erased by the compiler: `import type`, or every name imported marked `type`. */
  readonly typeOnly: boolean
  /** `import('…')`: loaded when the code runs there, not when the module loads. */
  readonly dynamic: boolean
}

/** Every .ts file under dir, as paths relative to src/ with forward slashes. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split('\\').join('/')] : []
  })
}

const STATIC = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gm
const BARE = /^\s*import\s+'([^']+)'/gm
const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g

/** The relative imports of one module's text; `from` is its path relative to src/. */
export function importsOf(from: string, text: string): Edge[] {
  const resolve = (specifier: string): string | undefined =>
    specifier.startsWith('.')
      ? posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts')
      : undefined
  const edges: Edge[] = []
  for (const [, , typeKeyword, names, specifier] of text.matchAll(STATIC)) {
    const to = resolve(specifier as string)
    if (to === undefined) continue
    const braced = /\{([^}]*)\}/.exec(names as string)?.[1]
    const allTypes =
      braced !== undefined &&
      !/^[^{]*\w[^{]*,?\s*\{/.test(names as string) && // no default import beside the braces
      braced
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
        .every((name) => name.startsWith('type '))
    edges.push({ to, typeOnly: typeKeyword !== undefined || allTypes, dynamic: false })
  }
  for (const [, specifier] of text.matchAll(BARE)) {
    const to = resolve(specifier as string)
    if (to !== undefined) edges.push({ to, typeOnly: false, dynamic: false })
  }
  for (const [, specifier] of text.matchAll(DYNAMIC)) {
    const to = resolve(specifier as string)
    // `typeof import('…')` names a type only
    if (to !== undefined) edges.push({ to, typeOnly: false, dynamic: true })
  }
  return edges
}

/** Each cycle once, as the modules in order (the first repeated at the end). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found = new Map<string, string[]>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next]
        const key = [...cycle.slice(0, -1)].sort().join(' ')
        if (!found.has(key)) found.set(key, cycle)
      } else if (!state.has(next)) {
        visit(next)
      }
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node)
  return [...found.values()]
}

/** The modules `start` loads with it, following the edges `follow` accepts. */
function closure(
  start: string,
  edges: ReadonlyMap<string, readonly Edge[]>,
  follow: (edge: Edge) => boolean
): Set<string> {
  const seen = new Set([start])
  const queue = [start]
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const edge of edges.get(node) ?? []) {
      if (follow(edge) && !seen.has(edge.to)) {
        seen.add(edge.to)
        queue.push(edge.to)
      }
    }
  }
  return seen
}

const files = sources().sort()
const texts = new Map(files.map((file) => [file, readFileSync(join(SRC, file), 'utf8')]))
const edges = new Map(files.map((file) => [file, importsOf(file, texts.get(file) as string)]))
/** A format: a module that defines a FormatModule (src/registries/formats.ts lists them). */
const formats = files.filter((file) => /:\s*FormatModule\s*=\s*\{/.test(texts.get(file) ?? ''))

describe('the walker', () => {
  test('reads static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a, type B } from './a.js'",
      "import type { C } from '../c.js'",
      "import { type D, type E } from './d.js'",
      "export * from './e.js'",
      "export { f } from './f.js'",
      "import './g.js'",
      "import { readFileSync } from 'node:fs'",
      "const h = await import('./h.js')",
      "type I = typeof import('./i.js')"
    ].join('\n')
    expect(importsOf('x/y.ts', text)).toEqual([
      { to: 'x/a.ts', typeOnly: false, dynamic: false },
      { to: 'c.ts', typeOnly: true, dynamic: false },
      { to: 'x/d.ts', typeOnly: true, dynamic: false },
      { to: 'x/e.ts', typeOnly: false, dynamic: false },
      { to: 'x/f.ts', typeOnly: false, dynamic: false },
      { to: 'x/g.ts', typeOnly: false, dynamic: false },
      { to: 'x/h.ts', typeOnly: false, dynamic: true },
      { to: 'x/i.ts', typeOnly: false, dynamic: true }
    ])
  })

  test('finds a cycle, and each only once', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []]
    ])
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']])
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []]
        ])
      )
    ).toEqual([])
  })

  test('sees every module and the formats', () => {
    expect(files).toContain('index.ts')
    expect(files).toContain('registries/npm.ts')
    expect(formats).toEqual(expect.arrayContaining(['registries/docker.ts', 'registries/npm.ts']))
    for (const file of files) {
      for (const edge of edges.get(file) ?? []) expect(files).toContain(edge.to)
    }
  })
})

describe('src/', () => {
  test('has no import cycle (type-only and dynamic imports included)', () => {
    const graph = new Map(files.map((file) => [file, (edges.get(file) ?? []).map((e) => e.to)]))
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([])
  })

  test(`has no module over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file, lines: (texts.get(file) as string).split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
    expect(long).toEqual([])
  })

  test('the machine (system.ts) depends on no format, nor on the format table', () => {
    const loaded = closure('system.ts', edges, () => true)
    expect(
      [...loaded].filter((file) => formats.includes(file) || file.endsWith('formats.ts'))
    ).toEqual([])
  })

  test('the main step loads no registries code when the input is not set', () => {
    // what runs at start-up: static value imports only (a type import is erased; an import()
    // runs only where it stands, which src/main.ts reaches only with `registries` set)
    const loaded = closure('index.ts', edges, (edge) => !edge.typeOnly && !edge.dynamic)
    // machine-level helpers that live under registries/ but hold no format: the path rules, and
    // the credential-helper protocol the machine speaks for the plan context, and the state
    // record's name and empty form (main saves one before anything else, for post to validate)
    const allowed = [
      'registries/record-state.ts',
      'registries/paths.ts',
      'registries/program-path.ts',
      'registries/docker-helper.ts'
    ]
    expect(
      [...loaded].filter((file) => file.startsWith('registries/') && !allowed.includes(file))
    ).toEqual([])
    expect(closure('main.ts', edges, (edge) => !edge.typeOnly)).toContain('registries/stage.ts')
  })
})
