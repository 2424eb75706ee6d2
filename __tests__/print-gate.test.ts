/**
 * The print gate: whatever a value holds, the runner reads no command in the text it makes, no
 * line ends inside a value, and the job summary renders values as literal code.
 */
import { describe, expect, test } from '@jest/globals'
import { micromark } from 'micromark'
import { gfm as gfmSyntax, gfmHtml } from 'micromark-extension-gfm'
import {
  codeBlock,
  gfm,
  joinLines,
  joinMarkdown,
  log,
  LogText,
  Markdown,
  neutralise
} from '../src/print-gate.js'

/** Markdown as GitHub renders it: GFM, raw HTML let through. */
const render = (markdown: string): string =>
  micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfmSyntax()],
    htmlExtensions: [gfmHtml()]
  })

/** A line end as GitHub's runner sees one, or one a log viewer may draw. */
const LINE_END = /[\r\n\u0085\u2028\u2029]/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

/** What the runner would treat as a command in this text, line by line (LF, CR or CRLF). */
function commandsIn(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trimStart().startsWith('::') || line.includes('##['))
}

const HOSTILE = [
  '##[stop-commands]x',
  'said: ##[add-mask]e',
  '#',
  '#[add-mask]e',
  'x\r::add-mask::e',
  'x\r\n::error::pwned',
  '\n::set-output name=token::evil',
  '  ::warning::indented',
  '\ufeff::notice::bom',
  'a\u0085::error::nel',
  'a\u2028::error::ls',
  'a\u2029::error::ps',
  'ansi \u001b[2J\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  'c1 \u009b2J csi',
  'nul\u0000 bel\u0007 vt\u000b ff\u000c del\u007f',
  'bidi \u202eevil\u202c',
  '###[x]',
  '::',
  ':',
  '[x](https://evil.example) ![i](https://evil.example/i.png) <img src=x onerror=alert(1)> </details>',
  '`code` ``two`` | pipe | https://evil.example www.evil.example',
  '```\n# heading'
]

describe('neutralise', () => {
  test.each(HOSTILE)('%j: one line, no controls, no command', (value) => {
    const out = neutralise(value)
    expect(out).not.toMatch(LINE_END)
    expect(out).not.toMatch(CONTROL)
    expect(out).not.toContain('\u001b')
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
    expect(commandsIn(out)).toEqual([])
  })

  test('line breaks become visible escapes, so the text stays readable', () => {
    expect(neutralise('a\r\nb\rc\nd\u0085e\u2028f\u2029g')).toBe(
      'a\\r\\nb\\rc\\nd\\u0085e\\u2028f\\u2029g'
    )
  })

  test('ANSI escapes and controls are removed, a tab becomes a space', () => {
    expect(neutralise('\u001b[31mred\u001b[0m\tx\u0000y')).toBe('red xy')
  })

  test('command markers are broken up visibly, ordinary text is untouched', () => {
    expect(neutralise('##[add-mask]e')).toBe('## [add-mask]e')
    expect(neutralise('::error::x')).toBe(': :error::x')
    const plain = 'repo:acme/app:ref:refs/heads/main https://github.com/acme a::b'
    expect(neutralise(plain)).toBe(plain)
  })
})

describe('log', () => {
  test.each(HOSTILE)('%j in any place of a template: no command, no line break of its own', (v) => {
    const text = log`  ${v}\nsaid: ${v}\n${v}#${v}`.text
    expect(text.split('\n')).toHaveLength(3)
    expect(commandsIn(text)).toEqual([])
  })

  test('a value cannot complete a command the template began', () => {
    expect(commandsIn(log`ends with ##${'[stop-commands]x'}`.text)).toEqual([])
    expect(commandsIn(log`:${':error::x'}`.text)).toEqual([])
  })

  test('gate output is kept as it is inside another template, and lines join', () => {
    const inner = joinLines([log`a ${'b\nc'}`, undefined, log`d`])
    expect(inner.text).toBe('a b\\nc\nd')
    expect(log`> ${inner}`.text).toBe('> a b\\nc\nd')
  })

  test('only the gate makes gate output', () => {
    const forge = (kind: typeof LogText | typeof Markdown) =>
      new (kind as unknown as new (key: symbol, text: string) => unknown)(Symbol('x'), '::x')
    expect(() => forge(LogText)).toThrow(/only by the print gate/)
    expect(() => forge(Markdown)).toThrow(/only by the print gate/)
  })
})

describe('gfm', () => {
  test('values are code spans: no link, image, HTML or autolink renders', () => {
    const md = gfm`| Identity | ${'[x](https://evil.example) <img src=x> www.evil.example'} |`
    expect(md.markdown).toBe(
      '| Identity | `[x](https://evil.example) <img src=x> www.evil.example` |'
    )
  })

  test('a backtick in a value gets a longer delimiter, a pipe cannot end the cell', () => {
    expect(gfm`${'a ``b`` c'}`.markdown).toBe('```a ``b`` c```')
    expect(gfm`${'`x'}`.markdown).toBe('`` `x ``')
    expect(gfm`| ${'a|b'} |`.markdown).toBe('| `a\\|b` |')
  })

  test.each(['a|b', 'a\\|b', 'a\\\\|b', '[click](https://evil.example)\\|', '\\|x|\\\\|'])(
    '%j stays in its table cell, as GitHub renders the table',
    (value) => {
      const html = render(
        joinMarkdown([gfm`| a | b |`, gfm`| --- | --- |`, gfm`| ${value} | ${'z'} |`]).markdown
      )
      const row = html.split('<tbody>')[1]!
      expect(row.match(/<td>/g)).toHaveLength(2)
      expect(row).not.toContain('<a ')
      expect(row).toContain('<td><code>z</code></td>')
    }
  )

  test('values are neutralised too', () => {
    const md = gfm`${'a\n## [x](y)\r\n::error::z'}`.markdown
    expect(md).not.toMatch(LINE_END)
    expect(commandsIn(md)).toEqual([])
  })

  test('a code block cannot be closed from inside', () => {
    const block = codeBlock(log`${'```'}\n${'````x'}`).markdown
    const lines = block.split('\n')
    expect(lines[0]).toBe('`````text')
    expect(lines.at(-1)).toBe('`````')
    expect(lines.slice(1, -1).every((line) => !line.startsWith('`````'))).toBe(true)
  })
})
