/**
 * What a user reads of each end-to-end scenario, kept as a reviewed file: the main and post logs
 * as the Actions log viewer shows them after the runner's parsing (commands applied, masks applied,
 * debug hidden), the annotations and the job summary, with what differs between runs (ports,
 * times, random delays, temporary paths) normalised. A change to any message shows up in review
 * as a diff of these files, and a test fails until the file is updated.
 *
 * Files: __tests__/__log_snapshots__/<test file>/<test title>.txt, one per scenario.
 * Update them with `npm run test:update-snapshots` (UPDATE_SNAPSHOTS=1 over the end-to-end
 * files; jest's `-u` works too), then review `git diff __tests__/__log_snapshots__`.
 * A missing file is written on a normal local run and is a failure under CI=true.
 */
import { afterAll, expect } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunResult, StepResult } from '../support/runner.js'
import { renderLog } from './harness.js'

export const SNAPSHOT_ROOT = fileURLToPath(new URL('../__log_snapshots__', import.meta.url))
export const UPDATE_COMMAND = 'npm run test:update-snapshots'

/** Replaces what changes from run to run; the rest of the text is kept exactly. */
export function normaliseLog(text: string, result?: Pick<RunResult, 'root'>): string {
  let out = text
  if (result?.root) out = out.split(result.root).join('<runner>')
  // other temporary folders (mkdtemp adds six random characters): /tmp/docker-config-gncmNM
  const tmp = tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  out = out.replace(
    new RegExp(`${tmp}/([A-Za-z0-9._-]+?)[A-Za-z0-9]{6}(?=[/\\s'"),:;]|$)`, 'gm'),
    '<tmp>/$1XXXXXX'
  )
  // and the mkdtemp folders inside them: <tmp>/e2e-npm-XXXXXX/user-ROuKsN/user.npmrc
  out = out.replace(/<tmp>\/[^\s'"),:;]*/g, (path) =>
    path.replace(/\/([A-Za-z0-9._]+-)[A-Za-z0-9]{6}(?=\/|$)/g, '/$1XXXXXX')
  )
  return (
    out
      // ports of the local servers: 127.0.0.1:41234, 127.0.0.2:41234, localhost:41234, x.test:41234
      .replace(/\b(\d+\.\d+\.\d+\.\d+|localhost|[a-z0-9-]+\.test):\d{2,5}\b/g, '$1:<port>')
      // times: the key's expiry, an expired token's exp
      .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, '<time>')
      // random retry delays and measured durations: "retrying in 0.4s", "over 1.2s"
      .replace(/\b\d+\.\ds\b/g, '<seconds>s')
  )
}

function section(title: string, lines: readonly string[]): string[] {
  return [`## ${title}`, ...(lines.length > 0 ? lines : ['(nothing)']), '']
}

function stepSections(name: string, step: StepResult | undefined): string[] {
  if (step === undefined) return section(`${name} step`, ['(did not run)'])
  return [
    ...section(`${name} step log`, renderLog(step)),
    ...section(
      `${name} step annotations`,
      step.annotations.map((a) => `${a.level}: ${a.title ?? '(no title)'}`)
    )
  ]
}

/** The whole user-visible record of a run, normalised. */
export function userView(result: RunResult): string {
  const text = [
    ...stepSections('main', result.main),
    ...section('job summary', result.main.summary === '' ? [] : result.main.summary.split('\n')),
    ...stepSections('post', result.post)
  ].join('\n')
  return `${normaliseLog(text, result).trimEnd()}\n`
}

/** A file name from a test title: readable, stable, no path characters. */
export function snapshotName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90)
    .replace(/-+$/, '')
  return `${slug || 'scenario'}.txt`
}

interface JestState {
  testPath?: string
  currentTestName?: string
  currentConcurrentTestName?: () => string | undefined
  currentTestIdentity?: () => { name: string } | undefined
  snapshotState?: { _updateSnapshot?: string }
}

function updating(state: JestState): boolean {
  return process.env['UPDATE_SNAPSHOTS'] === '1' || state.snapshotState?._updateSnapshot === 'all'
}

/** Per test file: the snapshot files this run wrote or compared. */
const seen = new Map<string, Set<string>>()

// registered when a test file loads this module: afterwards, snapshot files no scenario of the
// file wrote are obsolete (a scenario renamed or removed)
afterAll(() => {
  const state = expect.getState() as JestState
  for (const [dir, names] of seen) {
    if (!existsSync(dir)) continue
    const obsolete = readdirSync(dir).filter((file) => file.endsWith('.txt') && !names.has(file))
    if (obsolete.length === 0) continue
    if (updating(state)) {
      for (const file of obsolete) rmSync(join(dir, file))
    } else {
      process.stderr.write(
        `Log snapshots no scenario of this file wrote (renamed or removed scenarios?): ${obsolete.map((f) => join(dir, f)).join(', ')}. '${UPDATE_COMMAND}' removes them.\n`
      )
    }
  }
})

/** Per test: how many snapshots it has taken, so a test that runs several steps numbers them. */
const runsPerTest = new WeakMap<object, number>()

/**
 * Compares the run's user view with its snapshot file, named after the running test; a second
 * run in the same test gets "(run 2)", and so on. Call it from inside the test, before the run's
 * `cleanup()` (expectCleanRun does, for every end-to-end scenario).
 */
export function expectLogSnapshot(result: RunResult): void {
  const state = expect.getState() as JestState
  const identity = state.currentTestIdentity?.()
  const title = identity?.name ?? state.currentConcurrentTestName?.() ?? state.currentTestName ?? ''
  if (title === '' || state.testPath === undefined) {
    throw new Error('expectLogSnapshot must be called inside a test')
  }
  const run = (identity ? (runsPerTest.get(identity) ?? 0) : 0) + 1
  if (identity) runsPerTest.set(identity, run)
  const suffix = run > 1 ? `run ${run}` : ''
  const dir = join(SNAPSHOT_ROOT, basename(state.testPath).replace(/\.test\.ts$/, ''))
  const name = snapshotName(suffix ? `${title} ${suffix}` : title)
  const names = seen.get(dir) ?? new Set<string>()
  seen.set(dir, names)
  if (names.has(name)) {
    throw new Error(
      `two scenarios of ${basename(state.testPath)} share the log snapshot ${name}: give one a different title`
    )
  }
  names.add(name)

  const file = join(dir, name)
  const actual = userView(result)
  const header = `# ${title}${suffix ? ` (${suffix})` : ''}\n# What a user reads of this scenario. Update: ${UPDATE_COMMAND}\n\n`
  const content = header + actual
  if (updating(state) || (!existsSync(file) && !process.env['CI'])) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, content)
    return
  }
  if (!existsSync(file)) {
    throw new Error(
      `No log snapshot ${file} for this scenario. Run '${UPDATE_COMMAND}', review the new file and commit it.`
    )
  }
  const expected = readFileSync(file, 'utf8')
  try {
    // a line diff of what users would now read (- the snapshot, + this run)
    expect(content).toBe(expected)
  } catch (error) {
    if (error instanceof Error) {
      error.message = `What users read changed: ${relative(process.cwd(), file)} differs from this run. If the change is intended, run '${UPDATE_COMMAND}' and review the diff.\n\n${error.message}`
    }
    throw error
  }
}
