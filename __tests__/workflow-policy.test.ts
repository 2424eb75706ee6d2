/**
 * The hardening rules for this repository's workflows, so a later edit cannot slip:
 * - every action or reusable workflow except a local `./` one is pinned by a full commit SHA, with
 *   a `# vX.Y.Z` comment naming the release (Dependabot updates both);
 * - an explicit `permissions` block at workflow level or on every job;
 * - `persist-credentials: false` on every actions/checkout;
 * - a `concurrency` setting.
 * The workflows are read with GitHub's own parser (@actions/workflow-parser).
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  NoOperationTraceWriter,
  isMapping,
  isSequence,
  parseWorkflow
} from '@actions/workflow-parser'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import { ACTION_DIR } from './e2e/harness.js'

type Plain = string | Plain[] | { [key: string]: Plain }

/** A parsed token tree as plain values; scalars (and expressions) as their text. */
function plain(token: TemplateToken): Plain {
  if (isMapping(token)) {
    const object: { [key: string]: Plain } = {}
    for (let i = 0; i < token.count; i++) {
      const { key, value } = token.get(i)
      object[key.toString()] = plain(value)
    }
    return object
  }
  if (isSequence(token)) {
    const items: Plain[] = []
    for (let i = 0; i < token.count; i++) items.push(plain(token.get(i)))
    return items
  }
  return token.toString()
}

const asMap = (value: Plain | undefined): { [key: string]: Plain } =>
  value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {}
const asList = (value: Plain | undefined): Plain[] => (Array.isArray(value) ? value : [])

const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What is wrong with one workflow file, as messages naming the job and the offending value. */
function policyViolations(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  const errors = result.context.errors.getErrors().map((error) => error.message)
  if (errors.length > 0 || result.value === undefined) return errors.map((e) => `${name}: ${e}`)
  const workflow = asMap(plain(result.value))
  const violations: string[] = []

  const checkPin = (where: string, uses: string): void => {
    if (uses.startsWith('./')) return
    const commented = new RegExp(
      `^\\s*(?:-\\s+)?uses:\\s*['"]?${escapeRegExp(uses)}['"]?\\s+#\\s*v\\d+\\.\\d+\\.\\d+\\s*$`,
      'm'
    )
    if (!SHA_PIN.test(uses)) {
      violations.push(`${where}: ${uses} is not pinned by a full commit SHA`)
    } else if (!commented.test(content)) {
      violations.push(`${where}: ${uses} has no "# vX.Y.Z" comment naming its release`)
    }
  }

  if (workflow['concurrency'] === undefined) violations.push(`${name}: no concurrency setting`)
  const workflowPermissions = workflow['permissions'] !== undefined
  for (const [jobId, jobValue] of Object.entries(asMap(workflow['jobs']))) {
    const job = asMap(jobValue)
    const where = `${name} job ${jobId}`
    if (!workflowPermissions && job['permissions'] === undefined) {
      violations.push(`${where}: no permissions block (none on the workflow either)`)
    }
    if (typeof job['uses'] === 'string') checkPin(where, job['uses'])
    for (const stepValue of asList(job['steps'])) {
      const step = asMap(stepValue)
      const uses = step['uses']
      if (typeof uses !== 'string') continue
      checkPin(where, uses)
      if (
        /^actions\/checkout@/.test(uses) &&
        asMap(step['with'])['persist-credentials'] !== 'false'
      ) {
        violations.push(`${where}: actions/checkout without persist-credentials: false`)
      }
    }
  }
  return violations
}

describe('workflow policy', () => {
  const dir = join(ACTION_DIR, '.github', 'workflows')
  const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file))

  test('there are workflows to check', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  test.each(files)('%s: SHA pins, permissions, checkout credentials, concurrency', (file) => {
    expect(policyViolations(file, readFileSync(join(dir, file), 'utf8'))).toEqual([])
  })

  test('finds every kind of violation (the check can fail)', () => {
    const sha = 'a'.repeat(40)
    const bad = [
      'on: push',
      'jobs:',
      '  tagged:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v5',
      `      - uses: actions/setup-node@${sha}`,
      `      - uses: actions/cache@${sha.slice(1)} # v4.0.0`,
      '      - uses: ./',
      '  reusable:',
      '    permissions:',
      '      contents: read',
      `    uses: octo/repo/.github/workflows/x.yml@main`,
      '  pinned:',
      '    runs-on: ubuntu-latest',
      '    permissions: {}',
      '    steps:',
      `      - uses: actions/checkout@${sha} # v5.0.0`,
      '        with:',
      '          persist-credentials: true',
      ''
    ].join('\n')
    expect(policyViolations('bad.yml', bad)).toEqual([
      'bad.yml: no concurrency setting',
      'bad.yml job tagged: no permissions block (none on the workflow either)',
      'bad.yml job tagged: actions/checkout@v5 is not pinned by a full commit SHA',
      'bad.yml job tagged: actions/checkout without persist-credentials: false',
      `bad.yml job tagged: actions/setup-node@${sha} has no "# vX.Y.Z" comment naming its release`,
      `bad.yml job tagged: actions/cache@${sha.slice(1)} is not pinned by a full commit SHA`,
      'bad.yml job reusable: octo/repo/.github/workflows/x.yml@main is not pinned by a full commit SHA',
      'bad.yml job pinned: actions/checkout without persist-credentials: false'
    ])
  })

  test('a workflow-level permissions block covers every job', () => {
    const sha = 'b'.repeat(40)
    const good = [
      'on: push',
      'permissions: {}',
      'concurrency: x',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: 'actions/checkout@${sha}' # v5.0.0`,
      '        with:',
      '          persist-credentials: false',
      ''
    ].join('\n')
    expect(policyViolations('good.yml', good)).toEqual([])
  })
})
