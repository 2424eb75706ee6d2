/**
 * action.yml, every workflow and every YAML example in README.md and docs/ go through GitHub's own parser
 * (@actions/workflow-parser, what github.com and the Marketplace use), and any error fails the test.
 * The documents are read here, at test time, so examples added later are checked as well.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow
} from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import type { TemplateParseResult } from '@actions/workflow-parser'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WORKFLOWS_DIR = join(ROOT, '.github', 'workflows')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

function errorsOf(result: TemplateParseResult): string[] {
  return result.context.errors.getErrors().map((error) => error.message)
}

function actionErrors(content: string): string[] {
  return errorsOf(parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter()))
}

/** Parse errors and, when parsing succeeded, the errors of GitHub's conversion of the workflow. */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  const errors = errorsOf(result)
  if (errors.length > 0 || result.value === undefined) return errors
  const template = await convertWorkflowTemplate(result.context, result.value)
  return (template.errors ?? []).map((error) => error.Message)
}

describe('action.yml', () => {
  const content = read('action.yml')

  test('passes GitHub action parser', () => {
    expect(actionErrors(content)).toEqual([])
  })

  test('has a description the Marketplace accepts (under 125 characters)', () => {
    const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter())
    if (result.value === undefined) throw new Error('action.yml did not parse')
    const { description } = convertActionTemplate(result.context, result.value)
    expect(description.length).toBeGreaterThan(0)
    expect(description.length).toBeLessThan(125)
  })

  test('the parser refuses an icon outside the allowed set (the check can fail)', () => {
    const broken = content.replace(/^(\s+icon:).*$/m, '$1 key')
    expect(broken).not.toBe(content)
    expect(actionErrors(broken)).toEqual([expect.stringContaining("Unexpected value 'key'")])
  })
})

describe('workflows', () => {
  const files = readdirSync(WORKFLOWS_DIR).filter((name) => /\.ya?ml$/.test(name))

  test('there are workflows to check', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  test.each(files)('%s passes GitHub workflow parser', async (name) => {
    expect(await workflowErrors(name, read(join('.github', 'workflows', name)))).toEqual([])
  })

  test('the parser reports a broken workflow (the check can fail)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: a/b@v1\n        run: echo both\n'
    expect(await workflowErrors('broken.yml', broken)).not.toEqual([])
  })
})

/** The jobs of a workflow as GitHub converts them: id, needs, the `if` expression, environment, strategy. */
async function convertedJobs(name: string): Promise<Map<string, Record<string, unknown>>> {
  const content = read(join('.github', 'workflows', name))
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  if (result.value === undefined) throw new Error(`${name} did not parse`)
  const template = await convertWorkflowTemplate(result.context, result.value)
  const jobs = new Map<string, Record<string, unknown>>()
  for (const job of template.jobs) {
    const json = JSON.parse(JSON.stringify(job)) as Record<string, unknown>
    jobs.set(String(json['id']), json)
  }
  return jobs
}

describe('the release and self-test workflows as GitHub reads them (issue 14 items 1 and 2)', () => {
  test('release: the release job waits for the checks and runs in the release environment', async () => {
    const jobs = await convertedJobs('release.yml')
    expect([...jobs.keys()]).toEqual(['check', 'release'])
    expect(jobs.get('release')).toMatchObject({
      needs: ['check'],
      environment: 'release',
      if: { expr: 'success()' }
    })
    expect(jobs.get('check')?.['environment']).toBeUndefined()
  })

  test('self-test: the exchange runs in an environment, on the default branch, never for a pull request', async () => {
    const jobs = await convertedJobs('self-test.yml')
    const exchange = jobs.get('exchange')
    expect(exchange?.['environment']).toBe('cloudsmith-self-test')
    expect(exchange?.['if']).toEqual({
      type: expect.any(Number),
      expr: "success() && (github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch)"
    })
  })

  test('self-test: the dry run is a matrix over the three runner systems', async () => {
    const dryRun = (await convertedJobs('self-test.yml')).get('dry-run')
    expect(dryRun?.['strategy']).toMatchObject({
      map: expect.arrayContaining([
        {
          Key: 'matrix',
          Value: expect.objectContaining({
            map: [
              {
                Key: 'os',
                Value: expect.objectContaining({
                  seq: ['ubuntu-latest', 'windows-latest', 'macos-latest']
                })
              }
            ]
          })
        }
      ])
    })
    expect(dryRun?.['environment']).toBeUndefined()
  })
})

interface YamlExample {
  /** 1-based line of the opening fence in its file. */
  line: number
  yaml: string
}

/** The bodies of a Markdown file's ```yaml (or ```yml) fenced blocks. */
function yamlExamples(markdown: string): YamlExample[] {
  const examples: YamlExample[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```ya?ml\s*$/.test(lines[i] ?? '')) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? ''); i++)
      body.push(lines[i] ?? '')
    examples.push({ line: start + 1, yaml: body.join('\n') })
  }
  return examples
}

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : ' '.repeat(spaces) + line))
    .join('\n')

/**
 * A README example as a complete workflow: a list of steps goes into a job, a job (a mapping with
 * `steps`) into a workflow, and a workflow without `on` gets one.
 */
function asWorkflow(yaml: string): string {
  const firstLine = yaml.split('\n').find((line) => line.trim() !== '' && !/^\s*#/.test(line))
  if (firstLine === undefined) throw new Error('empty example')
  if (/^-\s/.test(firstLine)) {
    return `on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${indent(yaml, 6)}\n`
  }
  if (/^jobs:/m.test(yaml)) return /^on:/m.test(yaml) ? yaml : `on: push\n${yaml}\n`
  if (/^steps:/m.test(yaml)) {
    const job = /^runs-on:/m.test(yaml) ? yaml : `runs-on: ubuntu-latest\n${yaml}`
    return `on: push\njobs:\n  example:\n${indent(job, 4)}\n`
  }
  throw new Error('neither a workflow, a job nor a list of steps')
}

/** README.md and every Markdown file under docs/, as paths from the repository's root. */
function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file))
    .sort()
  return ['README.md', ...docs]
}

describe('README and docs/ examples', () => {
  const examples = documents().flatMap((file) =>
    yamlExamples(read(file)).map((example) => [file, example.line, example.yaml] as const)
  )

  test('README and docs/ have YAML examples', () => {
    expect(examples.filter(([file]) => file === 'README.md').length).toBeGreaterThan(0)
    expect(examples.filter(([file]) => file.startsWith('docs')).length).toBeGreaterThan(0)
  })

  test.each(examples)(
    'the example in %s at line %i passes GitHub workflow parser',
    async (file, line, yaml) => {
      expect(await workflowErrors(`${file}:${line}`, asWorkflow(yaml))).toEqual([])
    }
  )

  test('examples are wrapped by their shape', () => {
    const steps = asWorkflow('- run: echo hi')
    expect(steps).toContain('    steps:\n      - run: echo hi')
    const job = asWorkflow('permissions:\n  contents: read\nsteps:\n  - run: echo hi')
    expect(job).toContain('  example:\n    runs-on: ubuntu-latest\n    permissions:')
    const workflow = asWorkflow(
      'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo'
    )
    expect(workflow.startsWith('on: push\njobs:\n  a:')).toBe(true)
    expect(() => asWorkflow('name: only a name')).toThrow('neither a workflow')
  })
})
