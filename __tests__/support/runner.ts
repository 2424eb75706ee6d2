/**
 * A GitHub Actions runner emulator for one JavaScript action step: it reads action.yml, builds
 * the step's environment as the runner does (INPUT_*, GITHUB_*, file-command files, a fresh
 * RUNNER_TEMP and HOME), runs `main` as a child process, then `post` when its `post-if` holds,
 * and reports what the runner would have seen: outputs, exported env, state, summary,
 * annotations and every output line in order. `findLeaks` applies the runner's masking rule to
 * that record.
 */
import { spawn } from 'node:child_process'
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter as pathDelimiter, join, resolve } from 'node:path'
import { readActionMetadata } from './action-metadata.js'
import {
  type Annotation,
  type ParsedCommand,
  type WorkflowCommand,
  REGISTERED_COMMANDS,
  parseCommandLine,
  parseFileCommands,
  toAnnotation
} from './commands.js'

export {
  REGISTERED_COMMANDS,
  parseCommandLine,
  parseFileCommands,
  parseWorkflowCommand,
  splitRunnerLines
} from './commands.js'
export type { Annotation, FileCommandResult, ParsedCommand, WorkflowCommand } from './commands.js'

/** The workflow run the step pretends to belong to. */
export interface RunnerContext {
  repository: string
  eventName: string
  actor: string
  workflow: string
  workflowFile: string
  job: string
  runId: string
  runNumber: string
  runAttempt: string
  sha: string
  ref: string
  runnerOs: string
  runnerArch: string
  serverUrl: string
}

export const defaultRunnerContext: RunnerContext = {
  repository: 'octo-org/octo-repo',
  eventName: 'push',
  actor: 'octocat',
  workflow: 'CI',
  workflowFile: '.github/workflows/ci.yml',
  job: 'publish',
  runId: '1658821493',
  runNumber: '42',
  runAttempt: '1',
  sha: 'ffac537e6cbbf934b08745a378932722df287a53',
  ref: 'refs/heads/main',
  runnerOs: 'Linux',
  runnerArch: 'X64',
  serverUrl: 'https://github.com'
}

export interface RunActionOptions {
  /** Directory holding action.yml; `runs.main`/`runs.post` are resolved against it. */
  actionDir: string
  /** The step's `with:` values. */
  with?: Record<string, string | number | boolean>
  /** Extra environment (e.g. ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN); undefined removes a name. */
  env?: Record<string, string | undefined>
  /** Names removed from the environment of both steps, whatever set them. */
  omitEnv?: string[]
  /** Names copied from this process's environment (default: PATH only). */
  passEnv?: string[]
  context?: Partial<RunnerContext>
  /** Event payload written to GITHUB_EVENT_PATH (default: a minimal push payload). */
  event?: unknown
  /** Node binary (default: the one running the tests). */
  nodePath?: string
  /** Time limit per step; the process is killed after it (default 30 s). */
  timeoutMs?: number
  /** Job status before this step, for `post-if` (default success). */
  jobStatus?: 'success' | 'failure' | 'cancelled'
  /** Set false to stop after main. */
  runPost?: boolean
  /**
   * A later step of the job, run after main and before post (e.g. a real package manager): gets
   * the environment such a step sees, the job's with main's exports (GITHUB_ENV) and PATH
   * additions (GITHUB_PATH), and the main step's result. Post runs after it, even when it throws
   * (the error is rethrown after post).
   */
  between?: (env: Record<string, string>, main: StepResult) => unknown
}

/** One line printed by the step, with the command the runner read from it, if any. */
export interface OutputLine {
  stream: 'stdout' | 'stderr'
  text: string
  /** Set when the runner would process the line as a workflow command. */
  command?: WorkflowCommand
}

/**
 * A command the runner acted on, with where it came from: the step, the stream, the line (as the
 * runner split the output), the form, and where in the line it starts. `refused` commands were
 * read as commands but rejected (`set-env`/`add-path` without ACTIONS_ALLOW_UNSECURE_COMMANDS, a
 * `stop-commands` with an unusable token): the runner fails the step for them.
 */
export interface ObeyedCommand extends ParsedCommand {
  step: 'main' | 'post'
  stream: 'stdout' | 'stderr'
  /** 1-based index into the step's `lines`. */
  line: number
  /** The whole line. */
  text: string
  refused: boolean
}

/** What the runner saw of one step (main or post). */
export interface StepResult {
  step: 'main' | 'post'
  /** Process exit code; null when killed (timeout) or killed by a signal. */
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** exit code 0, no timeout, no rejected file command. */
  succeeded: boolean
  durationMs: number
  /** Every line of stdout and stderr in arrival order, split where the runner splits: LF, CR, CRLF. */
  lines: OutputLine[]
  /** Every command the runner acted on, in order (see ObeyedCommand). */
  commands: ObeyedCommand[]
  /** Lines printed as text while commands were stopped (`stop-commands`), 1-based. */
  stoppedLines: number[]
  stdout: string[]
  stderr: string[]
  /** The log a person would read: add-mask lines dropped, masked values shown as `***`. */
  log: string[]
  annotations: Annotation[]
  /** Data of `::debug::` lines. */
  debug: string[]
  /** Values registered with `::add-mask::` during this step. */
  masks: string[]
  outputs: Record<string, string>
  /** Variables exported through GITHUB_ENV. */
  env: Record<string, string>
  state: Record<string, string>
  /** Directories added through GITHUB_PATH. */
  path: string[]
  summary: string
  /** File-command lines the runner would reject. */
  fileCommandErrors: string[]
  /** Deprecated stdout commands used (`set-output`, `save-state`, ...). */
  deprecatedCommands: string[]
  /** The environment the step ran with. */
  processEnv: Record<string, string>
}

export interface RunResult {
  main: StepResult
  /** Undefined when action.yml has no post or its `post-if` was false. */
  post: StepResult | undefined
  postIf: string
  /** Environment a later step of the job sees: exports of main, then post's overriding. */
  finalEnv: Record<string, string>
  /** Runner warnings, e.g. unexpected inputs. */
  warnings: string[]
  /** Root of all temporary directories of this run. */
  root: string
  runnerTemp: string
  home: string
  workspace: string
  /** Removes every temporary directory of this run. */
  cleanup(): void
}

/** Name of the environment variable that carries an input, as the runner builds it. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Runs an action's main step and then its post step, as the runner would. */
export async function runAction(options: RunActionOptions): Promise<RunResult> {
  const metadata = readActionMetadata(options.actionDir)
  if (!/^node\d+$/.test(metadata.runs.using)) {
    throw new Error(`runs.using ${metadata.runs.using} is not a JavaScript action`)
  }
  const context = { ...defaultRunnerContext, ...options.context }
  const warnings: string[] = []

  const root = mkdtempSync(join(tmpdir(), 'gha-runner-'))
  const dir = (name: string): string => {
    const path = join(root, name)
    mkdirSync(path, { recursive: true })
    return path
  }
  const runnerTemp = dir('runner-temp')
  const home = dir('home')
  const workspace = dir('workspace')
  const eventPath = join(dir('workflow'), 'event.json')
  writeFileSync(eventPath, JSON.stringify(options.event ?? defaultEvent(context), null, 2))

  const inputs: Record<string, string> = {}
  for (const [name, spec] of Object.entries(metadata.inputs)) {
    if (spec.default !== undefined) inputs[inputEnvName(name)] = spec.default
  }
  const unexpected: string[] = []
  for (const [name, value] of Object.entries(options.with ?? {})) {
    if (!(name in metadata.inputs)) unexpected.push(name)
    inputs[inputEnvName(name)] = String(value)
  }
  if (unexpected.length > 0) {
    const valid = Object.keys(metadata.inputs).join("', '")
    warnings.push(`Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${valid}']`)
  }

  const baseEnv: Record<string, string> = {}
  for (const name of options.passEnv ?? ['PATH']) {
    const value = process.env[name]
    if (value !== undefined) baseEnv[name] = value
  }
  Object.assign(baseEnv, contextEnv(context, eventPath, runnerTemp, home, workspace))
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete baseEnv[name]
    else baseEnv[name] = value
  }

  const common = {
    nodePath: options.nodePath ?? process.execPath,
    timeoutMs: options.timeoutMs ?? 30_000,
    omitEnv: options.omitEnv ?? [],
    workspace,
    inputs
  }

  const main = await runStep({
    ...common,
    step: 'main',
    script: resolve(options.actionDir, metadata.runs.main),
    filesDir: dir('file-commands/main'),
    env: baseEnv,
    masks: []
  })

  const laterEnv = { ...baseEnv, ...main.env }
  if (main.path.length > 0) {
    laterEnv['PATH'] = [...[...main.path].reverse(), laterEnv['PATH'] ?? ''].join(pathDelimiter)
  }
  let betweenFailed: { error: unknown } | undefined
  if (options.between) {
    try {
      await options.between({ ...laterEnv }, main)
    } catch (error) {
      betweenFailed = { error }
    }
  }

  const postIf = metadata.runs['post-if'] ?? 'success()'
  let post: StepResult | undefined
  if (metadata.runs.post !== undefined && options.runPost !== false) {
    const before = options.jobStatus ?? 'success'
    const status = before === 'success' && !main.succeeded ? 'failure' : before
    if (evaluateStatusCondition(postIf, status)) {
      // as the runner does: the job's environment first (where an earlier step may have put a
      // STATE_ name through GITHUB_ENV), then only the state keys main saved, on top
      const env = { ...laterEnv }
      for (const [name, value] of Object.entries(main.state)) env[`STATE_${name}`] = value
      post = await runStep({
        ...common,
        step: 'post',
        script: resolve(options.actionDir, metadata.runs.post),
        filesDir: dir('file-commands/post'),
        env,
        masks: main.masks
      })
    }
  }

  if (betweenFailed) {
    rmSync(root, { recursive: true, force: true })
    throw betweenFailed.error
  }
  return {
    main,
    post,
    postIf,
    finalEnv: { ...main.env, ...post?.env },
    warnings,
    root,
    runnerTemp,
    home,
    workspace,
    cleanup: () => rmSync(root, { recursive: true, force: true })
  }
}

/**
 * Evaluates a `pre-if`/`post-if` status condition: `always()`, `success()`, `failure()`,
 * `cancelled()`, optionally negated with `!` and combined with `&&` / `||` (no parentheses).
 */
export function evaluateStatusCondition(
  condition: string,
  status: 'success' | 'failure' | 'cancelled'
): boolean {
  const text = condition
    .trim()
    .replace(/^\$\{\{(.*)\}\}$/s, '$1')
    .trim()
  const term = (raw: string): boolean => {
    const t = raw.trim()
    if (t.startsWith('!')) return !term(t.slice(1))
    switch (t) {
      case 'always()':
        return true
      case 'success()':
        return status === 'success'
      case 'failure()':
        return status === 'failure'
      case 'cancelled()':
        return status === 'cancelled'
      default:
        throw new Error(`unsupported status condition: ${condition}`)
    }
  }
  return text.split('||').some((any) => any.split('&&').every(term))
}

function contextEnv(
  context: RunnerContext,
  eventPath: string,
  runnerTemp: string,
  home: string,
  workspace: string
): Record<string, string> {
  const owner = context.repository.split('/')[0] ?? ''
  const refName = context.ref.replace(/^refs\/(heads|tags)\//, '')
  const apiUrl =
    context.serverUrl === 'https://github.com'
      ? 'https://api.github.com'
      : `${context.serverUrl}/api/v3`
  return {
    CI: 'true',
    HOME: home,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__cloudsmith-oidc',
    GITHUB_ACTOR: context.actor,
    GITHUB_TRIGGERING_ACTOR: context.actor,
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_SERVER_URL: context.serverUrl,
    GITHUB_EVENT_NAME: context.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_JOB: context.job,
    GITHUB_REF: context.ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: context.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REPOSITORY: context.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_RUN_ID: context.runId,
    GITHUB_RUN_NUMBER: context.runNumber,
    GITHUB_RUN_ATTEMPT: context.runAttempt,
    GITHUB_SHA: context.sha,
    GITHUB_WORKFLOW: context.workflow,
    GITHUB_WORKFLOW_REF: `${context.repository}/${context.workflowFile}@${context.ref}`,
    GITHUB_WORKSPACE: workspace,
    RUNNER_ARCH: context.runnerArch,
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_NAME: 'GitHub Actions 2',
    RUNNER_OS: context.runnerOs,
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runnerTemp, '..', 'toolcache')
  }
}

function defaultEvent(context: RunnerContext): unknown {
  const [owner = '', name = ''] = context.repository.split('/')
  return {
    ref: context.ref,
    after: context.sha,
    repository: { full_name: context.repository, name, owner: { login: owner } },
    sender: { login: context.actor }
  }
}

const fileCommands = {
  GITHUB_OUTPUT: 'output',
  GITHUB_ENV: 'env',
  GITHUB_STATE: 'state',
  GITHUB_STEP_SUMMARY: 'step_summary',
  GITHUB_PATH: 'add_path'
} as const

interface StepSpec {
  step: 'main' | 'post'
  script: string
  filesDir: string
  env: Record<string, string>
  inputs: Record<string, string>
  omitEnv: string[]
  nodePath: string
  timeoutMs: number
  workspace: string
  /** Masks registered by earlier steps; they stay in force. */
  masks: string[]
}

async function runStep(spec: StepSpec): Promise<StepResult> {
  const files: Record<string, string> = {}
  for (const [name, base] of Object.entries(fileCommands)) {
    files[name] = join(spec.filesDir, `${base}.txt`)
    writeFileSync(files[name], '')
  }
  const env: Record<string, string> = { ...spec.env, ...spec.inputs, ...files }
  for (const name of spec.omitEnv) delete env[name]

  const started = Date.now()
  const child = spawn(spec.nodePath, [spec.script], {
    cwd: spec.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: OutputLine[] = []
  const collect = (stream: 'stdout' | 'stderr', source: NodeJS.ReadableStream): void => {
    // a line ends at LF, CR or CRLF; a CR at the end of a chunk may be the first half of a CRLF
    let pending = ''
    let afterCr = false
    source.setEncoding('utf8')
    source.on('data', (chunk: string) => {
      const text = afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk
      afterCr = text.endsWith('\r')
      const parts = (pending + text).split(/\r\n|\r|\n/)
      pending = parts.pop() ?? ''
      for (const part of parts) lines.push({ stream, text: part })
    })
    source.on('end', () => {
      if (pending !== '') lines.push({ stream, text: pending })
    })
  }
  collect('stdout', child.stdout)
  collect('stderr', child.stderr)

  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, spec.timeoutMs)
  const { code, signal } = await new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
  }>((done, fail) => {
    child.on('error', fail)
    child.on('close', (code, signal) => done({ code, signal }))
  })
  clearTimeout(timer)

  const read = (name: string): string => readFileSync(files[name] ?? '', 'utf8')
  const output = parseFileCommands(read('GITHUB_OUTPUT'))
  const exported = parseFileCommands(read('GITHUB_ENV'))
  const state = parseFileCommands(read('GITHUB_STATE'))
  const path = read('GITHUB_PATH')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '')
  const fileCommandErrors = [
    ...output.errors.map((error) => `GITHUB_OUTPUT ${error}`),
    ...exported.errors.map((error) => `GITHUB_ENV ${error}`),
    ...state.errors.map((error) => `GITHUB_STATE ${error}`)
  ]

  const result: StepResult = {
    step: spec.step,
    exitCode: code,
    signal,
    timedOut,
    succeeded: code === 0 && !timedOut && fileCommandErrors.length === 0,
    durationMs: Date.now() - started,
    lines,
    commands: [],
    stoppedLines: [],
    stdout: lines.filter((line) => line.stream === 'stdout').map((line) => line.text),
    stderr: lines.filter((line) => line.stream === 'stderr').map((line) => line.text),
    log: [],
    annotations: [],
    debug: [],
    masks: [],
    outputs: output.values,
    env: exported.values,
    state: state.values,
    path,
    summary: read('GITHUB_STEP_SUMMARY'),
    fileCommandErrors,
    deprecatedCommands: [],
    processEnv: env
  }
  interpretCommands(result, spec.masks)
  return result
}

/**
 * Processes the workflow commands of a step's lines, in order, as the runner does
 * (ActionCommandManager.TryProcessCommand): registered names only, in either form; `stop-commands`
 * turns processing off until a command named by its token, and while it is off every line,
 * `::add-mask::` included, is printed as text.
 */
function interpretCommands(result: StepResult, earlierMasks: string[]): void {
  const masks = [...earlierMasks]
  const registered = new Set(REGISTERED_COMMANDS)
  const unsecureAllowed = result.processEnv['ACTIONS_ALLOW_UNSECURE_COMMANDS'] === 'true'
  let stopToken: string | undefined
  for (const [index, line] of result.lines.entries()) {
    const parsed = parseCommandLine(line.text, registered)
    const obey = (refused = false): void => {
      if (parsed === undefined) return
      line.command = parsed.command
      result.commands.push({
        ...parsed,
        step: result.step,
        stream: line.stream,
        line: index + 1,
        text: line.text,
        refused
      })
    }
    if (stopToken !== undefined) {
      if (parsed?.command.command === stopToken) {
        obey()
        registered.delete(stopToken)
        stopToken = undefined
      } else {
        result.stoppedLines.push(index + 1)
      }
      result.log.push(applyMasks(line.text, masks))
      continue
    }
    if (parsed === undefined) {
      result.log.push(applyMasks(line.text, masks))
      continue
    }
    const { command } = parsed
    switch (command.command) {
      case 'add-mask':
        obey()
        if (command.data.trim() !== '') {
          // the runner masks the value and each of its lines
          const values = [command.data, ...command.data.split(/[\r\n]+/).map((v) => v.trim())]
          for (const value of new Set(values.filter((v) => v !== ''))) masks.push(value)
          result.masks.push(command.data)
        }
        continue
      case 'stop-commands': {
        const token = command.data.toLowerCase()
        const usable = token !== '' && !registered.has(token) && token !== 'pause-logging'
        obey(!usable)
        if (usable) {
          stopToken = token
          registered.add(token)
          if (token.length > 6) masks.push(command.data)
        }
        break
      }
      case 'debug':
        obey()
        result.debug.push(command.data)
        break
      case 'set-output':
        obey(!command.properties['name'])
        result.deprecatedCommands.push(command.command)
        if (command.properties['name']) result.outputs[command.properties['name']] = command.data
        break
      case 'save-state':
        obey(!command.properties['name'])
        result.deprecatedCommands.push(command.command)
        if (command.properties['name']) result.state[command.properties['name']] = command.data
        break
      case 'set-env':
      case 'add-path':
        obey(!unsecureAllowed)
        result.deprecatedCommands.push(command.command)
        break
      default: {
        obey()
        const annotation = toAnnotation(command)
        if (annotation) result.annotations.push(annotation)
      }
    }
    result.log.push(applyMasks(line.text, masks))
  }
}

function applyMasks(text: string, masks: string[]): string {
  let masked = text
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) {
    masked = masked.split(mask).join('***')
  }
  return masked
}

/** One place a secret escaped the runner's masking. */
export interface Leak {
  secret: string
  kind: 'log' | 'summary' | 'output' | 'file'
  /** Human-readable place: `main stdout line 3`, `post output token`, a file path. */
  where: string
  /** The offending line (shortened), or empty for files. */
  text: string
}

export interface FindLeaksOptions {
  /** Output names that are meant to hold a secret (e.g. `token`). */
  allowOutputs?: string[]
  /** Scan files left under RUNNER_TEMP and HOME (default true). */
  scanFiles?: boolean
}

/**
 * Every place a secret shows up where the runner would not hide it: an output line printed
 * before the runner obeyed an `::add-mask::` for that secret (masks from main stay in force for
 * post; a mask printed while commands were stopped, or never read as a command, masks nothing,
 * and the line that carries it shows the secret itself), the step
 * summary, an output not in `allowOutputs`, and any file left under RUNNER_TEMP or HOME.
 * Call it before `cleanup()`. Line order across stdout and stderr is arrival order, which is
 * as good as the runner's own.
 */
export function findLeaks(
  result: RunResult,
  secrets: string[],
  options: FindLeaksOptions = {}
): Leak[] {
  const wanted = secrets.filter((secret) => secret !== '')
  const leaks: Leak[] = []
  const masked = new Set<string>()
  for (const step of [result.main, result.post]) {
    if (step === undefined) continue
    for (const [index, line] of step.lines.entries()) {
      if (line.command?.command === 'add-mask') {
        const data = line.command.data
        for (const value of [data, ...data.split(/[\r\n]+/).map((v) => v.trim())]) {
          if (value !== '') masked.add(value)
        }
        continue
      }
      for (const secret of wanted) {
        if (!masked.has(secret) && line.text.includes(secret)) {
          const where = `${step.step} ${line.stream} line ${index + 1}`
          leaks.push({ secret, kind: 'log', where, text: line.text.slice(0, 300) })
        }
      }
    }
    for (const secret of wanted) {
      if (step.summary.includes(secret)) {
        leaks.push({ secret, kind: 'summary', where: `${step.step} summary`, text: '' })
      }
      for (const [name, value] of Object.entries(step.outputs)) {
        if (value.includes(secret) && !(options.allowOutputs ?? []).includes(name)) {
          leaks.push({ secret, kind: 'output', where: `${step.step} output ${name}`, text: '' })
        }
      }
    }
  }
  if (options.scanFiles !== false) {
    for (const file of [...listFiles(result.runnerTemp), ...listFiles(result.home)]) {
      const content = readFileSync(file)
      for (const secret of wanted) {
        if (content.includes(secret)) leaks.push({ secret, kind: 'file', where: file, text: '' })
      }
    }
  }
  return leaks
}

/** Regular files under `dir`, recursively; symbolic links are not followed. */
export function listFiles(dir: string): string[] {
  const found: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return found
  }
  for (const entry of entries) {
    const path = join(dir, entry)
    const stat = lstatSync(path)
    if (stat.isDirectory()) found.push(...listFiles(path))
    else if (stat.isFile()) found.push(path)
  }
  return found
}
