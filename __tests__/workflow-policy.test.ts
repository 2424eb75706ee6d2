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
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/** One workflow of this repository as plain values (GitHub's parser), failing on parse errors. */
function workflowOf(file: string): { [key: string]: Plain } {
  const content = readFileSync(join(ACTION_DIR, '.github', 'workflows', file), 'utf8')
  const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
  const errors = result.context.errors.getErrors().map((error) => error.message)
  if (errors.length > 0 || result.value === undefined) throw new Error(errors.join('\n'))
  return asMap(plain(result.value))
}

const jobsOf = (workflow: { [key: string]: Plain }): Array<[string, { [key: string]: Plain }]> =>
  Object.entries(asMap(workflow['jobs'])).map(([id, job]) => [id, asMap(job)])
const stepsOf = (job: { [key: string]: Plain }): Array<{ [key: string]: Plain }> =>
  asList(job['steps']).map(asMap)
const text = (value: Plain | undefined): string => (typeof value === 'string' ? value : '')

/** Runs a step's `run:` script with bash, as the runner does, and reads what it wrote. */
function runScript(
  script: string,
  env: Record<string, string>,
  cwd?: string
): { status: number | null; stdout: string; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-step-'))
  try {
    const outputFile = join(dir, 'output.txt')
    writeFileSync(outputFile, '')
    const result = spawnSync('bash', ['-e', '-c', script], {
      cwd: cwd ?? dir,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', GITHUB_OUTPUT: outputFile, ...env }
    })
    return {
      status: result.status,
      stdout: result.stdout,
      output: readFileSync(outputFile, 'utf8')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('release.yml: a release that works and can be trusted (issue 14 item 1)', () => {
  const workflow = workflowOf('release.yml')
  const jobs = jobsOf(workflow)
  const allSteps = jobs.flatMap(([, job]) => stepsOf(job))
  const releaseJobs = jobs.filter(([, job]) =>
    stepsOf(job).some((step) => /\bgh release create\b/.test(text(step['run'])))
  )

  test('no actions/publish-immutable-action (not ready for public use, node20)', () => {
    const uses = allSteps.map((step) => text(step['uses'])).filter((u) => u !== '')
    expect(uses.filter((u) => /^actions\/publish-immutable-action@/.test(u))).toEqual([])
    expect(uses.length).toBeGreaterThan(0)
  })

  test('one job creates the release, in an environment, after a check job', () => {
    expect(releaseJobs.map(([id]) => id)).toEqual(['release'])
    const [, release] = releaseJobs[0] ?? ['', {}]
    expect(text(release['environment'])).toBe('release')
    expect(release['needs']).toBe('check')
  })

  test('the check job releases only a tag on main whose CI passed, after the tests and the dist check', () => {
    const check = asMap(asMap(workflow['jobs'])['check'])
    const runs = stepsOf(check).map((step) => text(step['run']))
    expect(runs.some((run) => /git merge-base --is-ancestor "\$SHA" origin\/main/.test(run))).toBe(
      true
    )
    const ciRun = runs.find((run) => /gh run list/.test(run)) ?? ''
    for (const flag of [
      '--workflow ci.yml',
      '--branch main',
      '--event push',
      '--commit "$SHA"',
      '--status success'
    ]) {
      expect(ciRun).toContain(flag)
    }
    expect(asMap(check['permissions'])).toEqual({ contents: 'read', actions: 'read' })
    const checkout = stepsOf(check).find((step) => /^actions\/checkout@/.test(text(step['uses'])))
    expect(asMap(checkout?.['with'])['fetch-depth']).toBe('0')
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run check:dist']))
  })

  test('the "tag on main" step passes a commit on main and refuses one that is not', () => {
    const check = asMap(asMap(workflow['jobs'])['check'])
    const script = text(
      stepsOf(check).find((step) => text(step['name']) === 'The tagged commit is on main')?.['run']
    )
    expect(script).not.toBe('')
    const repo = mkdtempSync(join(tmpdir(), 'release-repo-'))
    try {
      const git = (...args: string[]): string =>
        spawnSync('git', args, {
          cwd: repo,
          encoding: 'utf8',
          env: {
            PATH: process.env['PATH'] ?? '',
            HOME: repo,
            GIT_AUTHOR_NAME: 't',
            GIT_AUTHOR_EMAIL: 't@example.test',
            GIT_COMMITTER_NAME: 't',
            GIT_COMMITTER_EMAIL: 't@example.test'
          }
        }).stdout.trim()
      git('init', '-q', '-b', 'main')
      git('commit', '-q', '--allow-empty', '-m', 'on main')
      const onMain = git('rev-parse', 'HEAD')
      git('checkout', '-q', '-b', 'side')
      git('commit', '-q', '--allow-empty', '-m', 'only on a side branch')
      const offMain = git('rev-parse', 'HEAD')
      // what actions/checkout with fetch-depth 0 leaves: main as origin/main
      git('update-ref', 'refs/remotes/origin/main', onMain)

      const good = runScript(script, { TAG: 'v1.2.3', SHA: onMain }, repo)
      expect(good.status).toBe(0)
      const bad = runScript(script, { TAG: 'v1.2.3', SHA: offMain }, repo)
      expect(bad.status).toBe(1)
      expect(bad.stdout).toContain(`::error::v1.2.3 points to ${offMain}, which is not on main.`)
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  })

  test('the build provenance attestation covers every JavaScript file of dist/', () => {
    const attest = allSteps.find((step) =>
      /^actions\/attest-build-provenance@/.test(text(step['uses']))
    )
    const subjects = text(asMap(attest?.['with'])['subject-path'])
      .split(/[\n,]/)
      .map((path) => path.trim())
      .filter((path) => path !== '')
    const files = readdirSync(join(ACTION_DIR, 'dist')).map((file) => `dist/${file}`)
    const shipped = files.filter((file) => file.endsWith('.js'))
    expect(shipped).toEqual(expect.arrayContaining(['dist/main.js', 'dist/post.js']))
    // a subject may be a glob (the action's `*` matches within one path segment)
    const matching = (subject: string): string[] => {
      const pattern = new RegExp(
        `^${subject.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`
      )
      return files.filter((file) => pattern.test(file))
    }
    expect([...new Set(subjects.flatMap(matching))].sort()).toEqual([...shipped].sort())
  })

  test('the major tag is moved as a plain tag, not released', () => {
    const [, release] = releaseJobs[0] ?? ['', {}]
    const runs = stepsOf(release).map((step) => text(step['run']))
    const move = runs.find((run) => /refs\/tags\/\$major/.test(run)) ?? ''
    expect(move).toContain('git/refs/tags/$major')
    expect(runs.filter((run) => /gh release create/.test(run))).toEqual([
      expect.stringContaining('gh release create "$TAG" --verify-tag')
    ])
  })
})

describe('ci.yml: CI turns red only for a change here (issue 14 item 1)', () => {
  test('zizmor runs a fixed release, not latest', () => {
    const steps = jobsOf(workflowOf('ci.yml')).flatMap(([, job]) => stepsOf(job))
    const zizmor = steps.filter((step) => /^zizmorcore\/zizmor-action@/.test(text(step['uses'])))
    expect(zizmor.length).toBeGreaterThan(0)
    for (const step of zizmor)
      expect(text(asMap(step['with'])['version'])).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe('self-test.yml: a real key only where the provider can pin it (issue 14 item 2)', () => {
  const file = 'self-test.yml'
  const content = readFileSync(join(ACTION_DIR, '.github', 'workflows', file), 'utf8')
  const jobs = jobsOf(workflowOf(file))
  const usesAction = (job: { [key: string]: Plain }, dryRun: boolean): boolean =>
    stepsOf(job).some(
      (step) =>
        text(step['uses']) === './' && (text(asMap(step['with'])['dry-run']) === 'true') === dryRun
    )

  test('every job that exchanges runs in an environment, never for a pull request, only on the default branch', () => {
    const exchanging = jobs.filter(([, job]) => usesAction(job, false))
    expect(exchanging.map(([id]) => id)).toEqual(['exchange'])
    for (const [, job] of exchanging) {
      expect(text(job['environment'])).not.toBe('')
      const condition = text(job['if'])
      expect(condition).toContain("github.event_name != 'pull_request'")
      expect(condition).toContain('github.ref_name == github.event.repository.default_branch')
    }
  })

  test('the header tells what the provider should require and that the service account needs no permissions', () => {
    const header = content
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .join(' ')
    expect(header).toMatch(/provider should require that\s+#?\s*environment or ref/)
    expect(header).toMatch(/sub = repo:<owner>\/<repo>:environment:cloudsmith-self-test/)
    expect(header).toMatch(/service account it acts as should hold no permissions/)
  })

  test('the dry run starts the action on Linux, Windows and macOS', () => {
    const dryRuns = jobs.filter(([, job]) => usesAction(job, true))
    expect(dryRuns.map(([id]) => id)).toEqual(['dry-run'])
    const [, job] = dryRuns[0] ?? ['', {}]
    expect(text(job['runs-on'])).toBe('${{ matrix.os }}')
    expect(asList(asMap(asMap(job['strategy'])['matrix'])['os'])).toEqual([
      'ubuntu-latest',
      'windows-latest',
      'macos-latest'
    ])
  })

  test('with a variable missing, the exchange job skips with a notice instead of failing', () => {
    const exchange = asMap(asMap(workflowOf(file)['jobs'])['exchange'])
    const [config, ...rest] = stepsOf(exchange)
    expect(text(config?.['id'])).toBe('config')
    for (const step of rest) expect(text(step['if'])).toBe("steps.config.outputs.ready == 'true'")
    const script = text(config?.['run'])
    const run = (env: Record<string, string>) => runScript(script, env)

    const both = run({ CLOUDSMITH_ORG: 'acme', CLOUDSMITH_SERVICE_SLUG: 'ci-bot' })
    expect(both).toEqual({ status: 0, stdout: '', output: 'ready=true\n' })
    const onlyOrg = run({ CLOUDSMITH_ORG: 'acme', CLOUDSMITH_SERVICE_SLUG: '' })
    expect(onlyOrg.status).toBe(0)
    expect(onlyOrg.output).toBe('ready=false\n')
    expect(onlyOrg.stdout).toMatch(
      /^::notice title=Self-test exchange skipped::Not set: CLOUDSMITH_SERVICE_SLUG\. /
    )
    const none = run({ CLOUDSMITH_ORG: '', CLOUDSMITH_SERVICE_SLUG: '' })
    expect(none.output).toBe('ready=false\n')
    expect(none.stdout).toContain('Not set: CLOUDSMITH_ORG CLOUDSMITH_SERVICE_SLUG.')
  })
})
