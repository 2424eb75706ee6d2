/**
 * The interface in three places agrees: action.yml (what the runner reads), parseInputs (what the
 * code does with an empty input) and README's inputs and outputs tables (what users read).
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseInputs } from '../src/inputs.js'
import { readActionMetadata } from './support/action-metadata.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const action = readActionMetadata(root)
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** The rows of the README table under `## heading`: first cell (unquoted) to second cell. */
function readmeTable(heading: string): Map<string, string> {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  const rows = new Map<string, string>()
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim())
    const name = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1]
    if (name) rows.set(name, cells[2] ?? '')
  }
  return rows
}

const required = { org: 'acme', 'service-slug': 'svc' }

describe('inputs', () => {
  test('the exact names the issue fixed', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      [
        'api-url',
        'audience',
        'cleanup',
        'dry-run',
        'export-env',
        'job-summary',
        'max-attempts',
        'org',
        'refresh',
        'registries',
        'service-slug',
        'timeout-seconds',
        'total-timeout-seconds',
        'verify'
      ].sort()
    )
    expect(action.inputs.org!.required).toBe(true)
    expect(action.inputs['service-slug']!.required).toBe(true)
  })

  test("action.yml's defaults are what the code assumes for an empty input", () => {
    const withDefaults = parseInputs(
      (name) =>
        ({ ...required })[name as keyof typeof required] ?? action.inputs[name]?.default ?? ''
    )
    const withNothing = parseInputs((name) => required[name as keyof typeof required] ?? '')
    expect(withDefaults).toEqual(withNothing)
  })

  test('README lists every input with its action.yml default', () => {
    const table = readmeTable('Inputs')
    expect([...table.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      const cell = table.get(name)!
      if (input.required) expect(cell).toBe('required')
      else if (input.default === '') expect(cell).toMatch(/^empty/)
      else expect(cell).toBe(`\`${input.default}\``)
    }
  })
})

describe('outputs', () => {
  test('the exact names, all in README', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['expires-at', 'token'])
    expect([...readmeTable('Outputs').keys()].sort()).toEqual(['expires-at', 'token'])
  })
})

test('runs on node24 with main and post in dist/, post always', () => {
  expect(action.runs).toMatchObject({
    using: 'node24',
    main: 'dist/main.js',
    post: 'dist/post.js',
    'post-if': 'always()'
  })
})
