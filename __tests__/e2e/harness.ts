/**
 * The committed bundle, run as GitHub runs it: dist/main.js and dist/post.js in child processes
 * under the runner emulator, against a local OIDC issuer and the strict fake Cloudsmith. Shared by
 * the end-to-end tests, the load test, `npm run bench` and `npm run demo`; nothing here depends on
 * jest.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type FakeCloudsmith,
  type FakeCloudsmithOptions,
  startFakeCloudsmith
} from '../support/fake-cloudsmith.js'
import { type IssuerOptions, type OidcIssuer, startIssuer } from '../support/issuer.js'
import {
  type RunActionOptions,
  type RunResult,
  type StepResult,
  parseWorkflowCommand,
  runAction
} from '../support/runner.js'

/** The repository root: action.yml and dist/ live here. */
export const ACTION_DIR = fileURLToPath(new URL('../..', import.meta.url))

/** Node 24, as GitHub runs `using: node24`, from the `node` devDependency (binary for this platform). */
export const NODE_24 = join(ACTION_DIR, 'node_modules', 'node', 'bin', 'node')

/** The bundle must exist: these tests run what is committed, not the sources. */
export function requireBundle(): void {
  for (const file of ['dist/main.js', 'dist/post.js', 'dist/index.js']) {
    if (!existsSync(join(ACTION_DIR, file))) {
      throw new Error(
        `${file} is missing: the end-to-end tests run the committed bundle. Run 'npm run bundle' first.`
      )
    }
  }
}

export interface ActionNode {
  path: string
  version: string
  /** Why this binary was chosen. */
  note: string
}

let chosenNode: ActionNode | undefined

/**
 * The Node binary the action's steps run with: Node 24 when the `node` devDependency is installed,
 * else the one running this process.
 */
export function actionNode(): ActionNode {
  if (chosenNode) return chosenNode
  const version = (path: string): string =>
    spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim()
  if (existsSync(NODE_24)) {
    chosenNode = { path: NODE_24, version: version(NODE_24), note: 'devDependency node (node24)' }
  } else {
    chosenNode = {
      path: process.execPath,
      version: process.version,
      note: 'the running node (the devDependency node is not installed)'
    }
  }
  return chosenNode
}

/** The GitHub side and the Cloudsmith side of one scenario. */
export interface Stage {
  issuer: OidcIssuer
  cloudsmith: FakeCloudsmith
  close(): Promise<void>
}

export interface StageOptions {
  issuer?: IssuerOptions
  cloudsmith?: Omit<FakeCloudsmithOptions, 'issuer'>
}

/**
 * The organization every stage sets up, unless told otherwise: `acme`, one provider for GitHub's
 * issuer requiring the repository's `sub` on main and GitHub's default audience, linked to `ci-bot`.
 */
export const ORG = 'acme'
export const SERVICE_SLUG = 'ci-bot'
export const REQUIRED_CLAIMS = {
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud: 'https://github.com/octo-org'
}

/** What GitHub puts in `iss`; the local issuer signs under this name unless told otherwise. */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export async function startStage(options: StageOptions = {}): Promise<Stage> {
  const issuer = await startIssuer({ issuer: GITHUB_ISSUER, ...options.issuer })
  let cloudsmith: FakeCloudsmith
  try {
    cloudsmith = await startFakeCloudsmith({
      issuer,
      org: ORG,
      providers: [
        {
          providerUrl: issuer.issuer,
          requiredClaims: { ...REQUIRED_CLAIMS },
          serviceAccounts: [SERVICE_SLUG]
        }
      ],
      ...options.cloudsmith
    })
  } catch (error) {
    await issuer.close()
    throw error
  }
  return {
    issuer,
    cloudsmith,
    close: async () => {
      await cloudsmith.close()
      await issuer.close()
    }
  }
}

export interface StepOptions extends Omit<RunActionOptions, 'actionDir' | 'with'> {
  /** `with:` values on top of org, service-slug and api-url for the stage. */
  with?: Record<string, string | number | boolean>
  /** Another copy of the action (default: this repository's, ACTION_DIR), e.g. an older dist/. */
  actionDir?: string
}

/** Runs the action's main and post steps once, with the stage's issuer and Cloudsmith. */
export function runStep(stage: Stage, options: StepOptions = {}): Promise<RunResult> {
  return runAction({
    timeoutMs: 30_000,
    nodePath: actionNode().path,
    ...options,
    actionDir: options.actionDir ?? ACTION_DIR,
    with: {
      org: ORG,
      'service-slug': SERVICE_SLUG,
      'api-url': stage.cloudsmith.url,
      ...options.with
    },
    env: { ...stage.issuer.env(), ...options.env }
  })
}

export interface ProgramRun {
  /** Exit code; null when killed (timeout) or by a signal. */
  status: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/**
 * Runs a real client (docker, npm, pip, cargo, ...) as a later step of the job would, typically
 * inside `between` with the environment it was given. Asynchronous on purpose: the fake servers
 * live in this process, and a synchronous spawn would stop them from answering.
 */
export function runProgram(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number }
): Promise<ProgramRun> {
  return new Promise((done, fail) => {
    const child = spawn(command, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs ?? 30_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(error)
    })
    child.on('close', (status) => {
      clearTimeout(timer)
      done({ status, stdout, stderr, timedOut })
    })
    child.stdin.end(options.input ?? '')
  })
}

/**
 * Everything secret in a stage: the API keys Cloudsmith handed out (also the ones the action
 * never saw whole), the GitHub ID tokens, and the runner's ID-token request token.
 */
export function secretsOf(stage: Stage): string[] {
  const handedOut = stage.cloudsmith.requests.flatMap((request) =>
    request.outcome.token === undefined ? [] : [request.outcome.token]
  )
  const all = [
    ...stage.cloudsmith.issuedTokens(),
    ...handedOut,
    ...stage.issuer.issued,
    stage.issuer.requestToken
  ]
  return [...new Set(all)]
}

/**
 * A step's log as the Actions log viewer shows it with debug logging off: masked values as `***`,
 * `::add-mask::` and `::debug::` lines hidden, `::error`/`::warning`/`::notice` shown as
 * `Error: ...` with a multi-line message on its own lines, `::group::` as a plain heading.
 */
export function renderLog(step: StepResult, options: { debug?: boolean } = {}): string[] {
  const shown: string[] = []
  for (const line of step.log) {
    const command = parseWorkflowCommand(line)
    if (command === undefined) {
      shown.push(line)
      continue
    }
    switch (command.command) {
      case 'debug':
        if (options.debug) shown.push(...prefixLines('##[debug]', command.data))
        break
      case 'error':
      case 'warning':
      case 'notice': {
        const label = command.command.charAt(0).toUpperCase() + command.command.slice(1)
        shown.push(...prefixLines(`${label}: `, command.data))
        break
      }
      case 'group':
        shown.push(`▼ ${command.data}`)
        break
      case 'endgroup':
        break
      default:
        shown.push(line)
    }
  }
  return shown
}

function prefixLines(prefix: string, text: string): string[] {
  const [first = '', ...rest] = text.split('\n')
  return [`${prefix}${first}`, ...rest]
}

/** Milliseconds since `started`, from a monotonic clock. */
export function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6
}

/**
 * The load scenario shared by `__tests__/load.test.ts` and `npm run bench`: jobs released together
 * against a Cloudsmith taking `ratePerSecond` exchanges per second, and what the test demands.
 * Requests per key: jobs released together cannot go much below 1.8-1.9 (each second's losers
 * retry into later seconds), so 2.2 is a storm. Tail: the last exchange at most `maxIdealMultiple`
 * times the ideal jobs / ratePerSecond after the first one. It is counted from the first exchange,
 * not from the release: starting 200 Node processes on a 2-core machine while other suites run
 * took up to 57 s before the first exchange (a full `.ci/run` with the real clients' suites), which
 * says nothing about the retry policy. The window measured 24 s in those runs: 8x (80 s) holds
 * with a 3x margin.
 */
export const LOAD = { jobs: 200, ratePerSecond: 20, maxRequestsPerKey: 2.2, maxIdealMultiple: 8 }

export interface LoadRun {
  results: RunResult[]
  stage: Stage
  /** From the first spawn to the last process's end. */
  seconds: number
  /** First and last exchange request, in seconds after the first spawn. */
  firstExchangeSeconds: number
  lastExchangeSeconds: number
}

/**
 * `jobs` main steps spawned at once against a fake Cloudsmith that takes `ratePerSecond`
 * exchanges per second (429 with Retry-After beyond that), with the default inputs. The post step
 * is left out: it makes no request. The caller checks, then calls `cleanup()` on the results and
 * `close()` on the stage.
 */
export async function runLoad(jobs: number, ratePerSecond: number): Promise<LoadRun> {
  const stage = await startStage({ cloudsmith: { rateLimitPerSecond: ratePerSecond } })
  const startedAt = Date.now()
  const started = process.hrtime.bigint()
  const results = await Promise.all(
    Array.from({ length: jobs }, () => runStep(stage, { runPost: false, timeoutMs: 90_000 }))
  )
  const seconds = elapsedMs(started) / 1000
  const exchanges = stage.cloudsmith.exchanges()
  const at = (time: number | undefined): number => ((time ?? startedAt) - startedAt) / 1000
  return {
    results,
    stage,
    seconds,
    firstExchangeSeconds: at(exchanges[0]?.time),
    lastExchangeSeconds: at(exchanges.at(-1)?.time)
  }
}
