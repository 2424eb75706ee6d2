/**
 * README.md and docs/: every relative link resolves (the file, and its #anchor as GitHub makes
 * heading anchors), README stays short, and each format's page lists every key its line accepts.
 * Markdown is rendered with micromark and its GFM extension, as GitHub renders it, so a link in a
 * code span or block is not a link.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { FORMATS } from '../src/registries/formats.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file))
    .sort()
  return ['README.md', ...docs]
}

const html = (markdown: string): string =>
  micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] })

const decode = (text: string): string =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as '-'. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const match of html(markdown).matchAll(/<h[1-6]>([^]*?)<\/h[1-6]>/g)) {
    const base = decode(match[1] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/** Every relative link target of a file: `path#anchor`, `path` or `#anchor`. */
function relativeLinks(markdown: string): string[] {
  return [...html(markdown).matchAll(/<a href="([^"]*)"/g)]
    .map((match) => decode(match[1] ?? ''))
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href))
}

describe('relative links in README.md and docs/', () => {
  const links = documents().flatMap((file) =>
    relativeLinks(read(file)).map((href) => [file, href] as const)
  )

  test('there are some', () => {
    expect(links.length).toBeGreaterThan(20)
  })

  test.each(links)('%s: %s resolves', (file, href) => {
    const [path = '', anchor] = href.split('#')
    const target = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)))
    expect(relative(ROOT, join(ROOT, target)).startsWith('..')).toBe(false)
    expect(existsSync(join(ROOT, target))).toBe(true)
    if (anchor !== undefined) {
      expect(statSync(join(ROOT, target)).isFile()).toBe(true)
      expect([...anchors(read(target))]).toContain(anchor)
    }
  })

  test('anchors are made as GitHub makes them', () => {
    const made = anchors('# A `b` (c)!\n## Python: pip, uv and twine\n## x\n## x\n')
    expect([...made]).toEqual(['a-b-c', 'python-pip-uv-and-twine', 'x', 'x-1'])
  })
})

describe('README', () => {
  test('at most 2,500 words', () => {
    const words = read('README.md').split(/\s+/).filter(Boolean).length
    expect(words).toBeLessThanOrEqual(2500)
  })
})

describe('docs/formats/', () => {
  test.each([...FORMATS.keys()])('%s: its page opens with a synopsis of every key', (name) => {
    const page = read(join('docs', 'formats', `${name}.md`))
    const synopsis = /```text\n([^`]*)\n```/.exec(page)?.[1] ?? ''
    expect(synopsis.startsWith(`${name} `)).toBe(true)
    const keys = [...synopsis.matchAll(/\[([a-z-]+)=/g)].map((match) => match[1])
    expect(keys.sort()).toEqual(Object.keys(FORMATS.get(name)!.options).sort())
  })
})
