/**
 * `npm run bench`: what the action costs, against the same loopback fakes as the tests.
 *
 * - The bundled main step's wall time (spawn to exit), against bare `node -e ""` on the same
 *   binary and against the two-step `curl | jq` snippet of Cloudsmith's documentation. The three
 *   run in turn, BENCH_RUNS times each (default 25) after two warm-up rounds; medians.
 * - Shipped JavaScript (dist/ files Node may load), and the peak RSS of each of the three (GNU
 *   time's %M, median of BENCH_RSS_RUNS); each figure against issue 9's limits (LIMITS).
 * - The same main step from the dist/ of BENCH_BASELINE (a git ref, default main), in the same
 *   rounds, without `registries`: what this dist/ costs a job that does not use the input. And the
 *   main step with `registries: docker` (the real docker CLI logging in to a fake registry on
 *   loopback), for the time the login adds.
 * - The load test (200 main steps at once, 20 exchanges per second) BENCH_LOAD_RUNS times
 *   (default 3): completion time against the ideal 200 / 20 = 10 s.
 *
 * Prints a Markdown table and writes it, with the machine and Node versions, between the bench
 * markers of bench/README.md, which README links (raw numbers to bench/results/latest.json, not
 * committed).
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as prettier from 'prettier'
import {
  ACTION_DIR,
  LOAD,
  ORG,
  SERVICE_SLUG,
  actionNode,
  elapsedMs,
  requireBundle,
  runLoad,
  runStep,
  startStage,
  type Stage
} from '../__tests__/e2e/harness.js'
import { startFakeDockerRegistry } from '../__tests__/support/fake-docker-registry.js'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 25)
const RSS_RUNS = Number(process.env['BENCH_RSS_RUNS'] ?? 20)
const LOAD_RUNS = Number(process.env['BENCH_LOAD_RUNS'] ?? 3)
const WARMUP = 2
/** The dist/ before the registries round (issue 13): 173 KiB, no registries code at all. */
const BASELINE = process.env['BENCH_BASELINE'] ?? '849f7c3'
const JOBS = LOAD.jobs
const RATE = LOAD.ratePerSecond
/** What issue 9 asks of the main step on Node 24; the table says whether one run met them. */
// shippedKiB: every file in dist/, the refresh helper (its own program, about 84 KiB) included
const LIMITS = { ratio: 2.7, ratioGoal: 2.0, shippedKiB: 400, rssMiB: 60 }

/**
 * Cloudsmith's documented two-step snippet: ask GitHub for the ID token with curl and pick `value`
 * out with jq (kept as a JSON string, as the documentation does), then POST it to the OpenID
 * endpoint and pick `token` out. Masking and exporting it, as the action does, cost two echos.
 */
const CURL_JQ = `set -euo pipefail
value=$(curl -sS -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL" | jq '.value')
token=$(curl -sS -X POST -H "Content-Type: application/json" -d "{\\"oidc_token\\":$value, \\"service_slug\\":\\"$SERVICE_SLUG\\"}" "$API_URL/openid/$ORG/" | jq -r '.token')
echo "::add-mask::$token"
echo "CLOUDSMITH_API_KEY=$token" >> "$GITHUB_ENV"
`

interface Timed {
  ms: number
  ok: boolean
}

/** Spawn to exit, on the monotonic clock; stdout is kept for the check. */
function timeChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const started = process.hrtime.bigint()
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stdout.resume()
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => {
      if (code !== 0) console.error(`${command} exited ${code}: ${stderr.slice(0, 500)}`)
      done({ ms: elapsedMs(started), ok: code === 0 })
    })
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0
}

const GNU_TIME = '/usr/bin/time'
const hasGnuTime = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0

/**
 * Peak RSS in KiB of `command args` (the largest of it and its children), via GNU time. Never
 * spawnSync here: the fakes answer from this process's event loop.
 */
async function peakRss(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const out = join(scratch, `rss-${process.hrtime.bigint()}`)
  const run = await timeChild(GNU_TIME, ['-f', '%M', '-o', out, command, ...args], env)
  if (!run.ok) throw new Error(`${command} failed under ${GNU_TIME}`)
  return Number(readFileSync(out, 'utf8').trim().split('\n').at(-1))
}

/**
 * The files under dist/ that Node may load when the action runs: everything but source maps and
 * the license notices.
 */
function shippedFiles(): string[] {
  return readdirSync(join(ACTION_DIR, 'dist'))
    .filter((name) => !name.endsWith('.map') && name !== 'licenses.txt')
    .sort()
    .map((name) => `dist/${name}`)
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-'))

/**
 * What a main step loads: a preload (NODE_OPTIONS=--require) writes the modules Node loaded when
 * the process exits; the bytes are those of the loaded files under the action's dist/, and its
 * package.json (which Node reads to know the format).
 */
const LOADED_PRELOAD = join(scratch, 'record-loaded.cjs')
writeFileSync(
  LOADED_PRELOAD,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_LOADED_FILE, JSON.stringify(Object.keys(require.cache))))\n"
)
let loadedRuns = 0
function loadedEnv(): { env: Record<string, string>; bytes: () => number } {
  const file = join(scratch, `loaded-${loadedRuns++}.json`)
  return {
    env: { NODE_OPTIONS: `--require ${LOADED_PRELOAD}`, BENCH_LOADED_FILE: file },
    bytes: () => {
      const loaded = (JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((path) =>
        /[\\/]dist[\\/][^\\/]+\.js$/.test(path)
      )
      const distDir = loaded[0]?.replace(/[\\/][^\\/]+$/, '') ?? ''
      return [...loaded, join(distDir, 'package.json')].reduce(
        (sum, path) => sum + statSync(path).size,
        0
      )
    }
  }
}

/** Environment for the curl | jq snippet, as a run step of the same job would have it. */
function shellEnv(stage: Stage): NodeJS.ProcessEnv {
  const githubEnv = join(scratch, 'github-env')
  writeFileSync(githubEnv, '')
  return {
    PATH: process.env['PATH'],
    ...stage.issuer.env(),
    API_URL: stage.cloudsmith.url,
    ORG,
    SERVICE_SLUG,
    GITHUB_ENV: githubEnv
  }
}

/**
 * action.yml and dist/ of `ref`, in a folder of their own; undefined when git cannot give them
 * (no such ref, or not a git checkout).
 */
function baselineAction(ref: string): string | undefined {
  const dir = join(scratch, 'baseline')
  mkdirSync(dir, { recursive: true })
  const archive = spawnSync('git', ['archive', '--format=tar', ref, 'action.yml', 'dist'], {
    cwd: ACTION_DIR,
    maxBuffer: 64 * 1024 * 1024
  })
  if (archive.status !== 0) return undefined
  const unpack = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout })
  return unpack.status === 0 ? dir : undefined
}

/** CPU time (user + system, ms) Node spends loading a dist/index.js, measured inside the child. */
function loadCpuMs(nodePath: string, distDir: string): Promise<number> {
  const script = `const c = process.cpuUsage(); require(${JSON.stringify(join(distDir, 'index.js'))}); const u = process.cpuUsage(c); console.log((u.user + u.system) / 1000)`
  return new Promise((done, fail) => {
    const child = spawn(nodePath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) =>
      code === 0 ? done(Number(out.trim())) : fail(new Error(`loading ${distDir} failed`))
    )
  })
}

function gitDescribe(ref: string): string {
  return spawnSync('git', ['rev-parse', '--short', ref], {
    cwd: ACTION_DIR,
    encoding: 'utf8'
  }).stdout.trim()
}

function machine(): string {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown CPU'
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`
  return `${model}, ${cpus().length} cores, ${memory} RAM, Linux ${spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim()}`
}

/** Puts `lines` between the `bench:start` and `bench:end` markers of a Markdown file. */
async function replaceMarked(path: string, lines: string[]): Promise<void> {
  const marked = /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/
  const text = readFileSync(path, 'utf8')
  if (!marked.test(text)) throw new Error(`${path} has no bench:start / bench:end markers`)
  const updated = text.replace(
    marked,
    (_all, start: string, end: string) => `${start}${lines.join('\n')}\n${end}`
  )
  // aligned as `prettier --check` wants it
  const config = (await prettier.resolveConfig(path)) ?? {}
  writeFileSync(path, await prettier.format(updated, { ...config, parser: 'markdown' }))
}

/** The maven line the bench signs in: planning reads Maven's settings and copies its conf. */
const MAVEN_LINE = 'maven releases'

async function main(): Promise<void> {
  requireBundle()
  const node = actionNode()
  const notes: string[] = []
  const curlJq = has('curl') && has('jq') && has('bash')
  if (!curlJq) {
    notes.push(
      `curl | jq: skipped, ${['curl', 'jq', 'bash'].filter((tool) => !has(tool)).join(' and ')} not found (install them, e.g. apt-get install -y curl jq).`
    )
  }
  if (!hasGnuTime) notes.push(`Peak RSS: skipped, ${GNU_TIME} (GNU time) not found.`)

  const baseline = baselineAction(BASELINE)
  if (!baseline) notes.push(`Baseline: skipped, git could not give dist/ of ${BASELINE}.`)
  const docker = has('docker')
  if (!docker) notes.push('registries: docker: skipped, the docker client is not on PATH.')
  const maven = has('mvn')
  if (!maven) notes.push('registries: maven: skipped, mvn is not on PATH.')

  const stage = await startStage()
  const registry = await startFakeDockerRegistry(() => stage.cloudsmith.issuedTokens())
  const dockerConfig = join(scratch, 'docker-config')
  mkdirSync(dockerConfig, { recursive: true })
  const actionMs: number[] = []
  const loadCpu: number[] = []
  const baselineLoadCpu: number[] = []
  const baselineMs: number[] = []
  const dockerMs: number[] = []
  const mavenMs: number[] = []
  const loaded = { action: 0, baseline: 0, docker: 0, maven: 0 }
  const nodeMs: number[] = []
  const curlMs: number[] = []
  const succeeded = (result: Awaited<ReturnType<typeof runStep>>, what: string): void => {
    result.cleanup()
    if (!result.main.succeeded || !result.main.outputs['token']) {
      throw new Error(`${what} failed:\n${result.main.log.join('\n')}`)
    }
  }
  try {
    // all in turn, so that drift on the machine hits them alike
    // once each, apart from the timed rounds: the JavaScript each main step loads
    {
      const record = loadedEnv()
      succeeded(await runStep(stage, { runPost: false, env: record.env }), 'the action')
      loaded.action = record.bytes()
    }
    if (baseline) {
      const record = loadedEnv()
      const before = await runStep(stage, { runPost: false, actionDir: baseline, env: record.env })
      succeeded(before, `the action of ${BASELINE}`)
      loaded.baseline = record.bytes()
    }
    if (docker) {
      rmSync(dockerConfig, { recursive: true, force: true })
      mkdirSync(dockerConfig, { recursive: true })
      const record = loadedEnv()
      const withDocker = await runStep(stage, {
        runPost: false,
        with: { registries: `docker host=${registry.host}` },
        env: { DOCKER_CONFIG: dockerConfig, ...record.env }
      })
      succeeded(withDocker, 'the action with registries: docker')
      loaded.docker = record.bytes()
    }
    if (maven) {
      const record = loadedEnv()
      const withMaven = await runStep(stage, {
        runPost: false,
        with: { registries: MAVEN_LINE },
        env: record.env
      })
      succeeded(withMaven, 'the action with registries: maven')
      loaded.maven = record.bytes()
    }
    for (let round = 0; round < WARMUP + RUNS; round++) {
      const keep = round >= WARMUP
      const result = await runStep(stage, { runPost: false })
      succeeded(result, 'the action')
      if (keep) actionMs.push(result.main.durationMs)
      if (baseline) {
        const before = await runStep(stage, { runPost: false, actionDir: baseline })
        succeeded(before, `the action of ${BASELINE}`)
        if (keep) baselineMs.push(before.main.durationMs)
        const cpu = await loadCpuMs(node.path, join(ACTION_DIR, 'dist'))
        const baselineCpu = await loadCpuMs(node.path, join(baseline, 'dist'))
        if (keep) {
          loadCpu.push(cpu)
          baselineLoadCpu.push(baselineCpu)
        }
      }
      if (docker) {
        // a fresh docker config each round: the step refuses to replace a login made before it
        rmSync(dockerConfig, { recursive: true, force: true })
        mkdirSync(dockerConfig, { recursive: true })
        const withDocker = await runStep(stage, {
          runPost: false,
          with: { registries: `docker host=${registry.host}` },
          env: { DOCKER_CONFIG: dockerConfig }
        })
        succeeded(withDocker, 'the action with registries: docker')
        if (keep) dockerMs.push(withDocker.main.durationMs)
      }
      if (maven) {
        const withMaven = await runStep(stage, { runPost: false, with: { registries: MAVEN_LINE } })
        succeeded(withMaven, 'the action with registries: maven')
        if (keep) mavenMs.push(withMaven.main.durationMs)
      }
      const bare = await timeChild(node.path, ['-e', ''], { PATH: process.env['PATH'] })
      if (keep) nodeMs.push(bare.ms)
      if (curlJq) {
        const env = shellEnv(stage)
        const shell = await timeChild('bash', ['-c', CURL_JQ], env)
        const exported = readFileSync(String(env['GITHUB_ENV']), 'utf8')
        if (!shell.ok || !/^CLOUDSMITH_API_KEY=eyJ/.test(exported)) {
          throw new Error(`the curl | jq snippet got no key: ${exported}`)
        }
        if (keep) curlMs.push(shell.ms)
      }
    }

    const rss = { action: [] as number[], node: [] as number[], curl: [] as number[] }
    if (hasGnuTime) {
      const wrapper = join(scratch, 'node-under-time.sh')
      writeFileSync(
        wrapper,
        // bash, not sh: dash drops variables like INPUT_SERVICE-SLUG from the environment
        `#!/bin/bash\nexec ${GNU_TIME} -f %M -o "$BENCH_RSS_FILE" "${node.path}" "$@"\n`,
        { mode: 0o755 }
      )
      for (let run = 0; run < RSS_RUNS; run++) {
        const file = join(scratch, `action-rss-${run}`)
        const result = await runStep(stage, {
          runPost: false,
          nodePath: wrapper,
          env: { BENCH_RSS_FILE: file }
        })
        result.cleanup()
        if (!result.main.succeeded) {
          throw new Error(`the action failed under ${GNU_TIME}:\n${result.main.log.join('\n')}`)
        }
        rss.action.push(Number(readFileSync(file, 'utf8').trim().split('\n').at(-1)))
        rss.node.push(await peakRss(node.path, ['-e', ''], { PATH: process.env['PATH'] }))
        if (curlJq) rss.curl.push(await peakRss('bash', ['-c', CURL_JQ], shellEnv(stage)))
      }
    }

    const loads: Array<{ seconds: number; exchangeSeconds: number; requests: number }> = []
    for (let run = 0; run < LOAD_RUNS; run++) {
      const load = await runLoad(JOBS, RATE)
      const ok = load.results.every((r) => r.main.succeeded && r.main.outputs['token'])
      const requests = load.stage.cloudsmith.exchanges().length
      for (const result of load.results) result.cleanup()
      await load.stage.close()
      if (!ok) throw new Error('a run of the load test got no key')
      loads.push({
        seconds: load.seconds,
        exchangeSeconds: load.lastExchangeSeconds - load.firstExchangeSeconds,
        requests
      })
      console.error(
        `load run ${run + 1}/${LOAD_RUNS}: ${load.seconds.toFixed(1)} s, ${requests} requests`
      )
    }

    const files = shippedFiles()
    const bytes = files.reduce((sum, file) => sum + statSync(join(ACTION_DIR, file)).size, 0)
    const gzipped = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(ACTION_DIR, file))).length,
      0
    )

    const within = (value: number, limit: number): string => (value <= limit ? 'within' : 'OVER')
    const ms = (value: number): string => `${value.toFixed(0)} ms`
    const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`
    const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`
    const action = median(actionMs)
    const before = median(baselineMs)
    const withDocker = median(dockerMs)
    const bare = median(nodeMs)
    const curl = curlJq ? median(curlMs) : NaN
    const loadSeconds = median(loads.map((load) => load.seconds))
    const exchangeSeconds = median(loads.map((load) => load.exchangeSeconds))
    const ideal = JOBS / RATE
    const loadRows: Array<[string, string, string]> = [
      [
        `Load: ${JOBS} main steps at once, ${RATE} exchanges/s`,
        `${loadSeconds.toFixed(1)} s to the last exit`,
        `ideal ${ideal} s: ${ratio(loadSeconds, ideal)}; ${LOAD_RUNS} runs`
      ],
      [
        'Load: first to last exchange request',
        `${exchangeSeconds.toFixed(1)} s`,
        `ideal ${ideal} s: ${ratio(exchangeSeconds, ideal)} (load test's limit ${LOAD.maxIdealMultiple}×)`
      ],
      [
        'Load: exchange requests for 200 keys',
        `${median(loads.map((load) => load.requests))}`,
        `${(median(loads.map((load) => load.requests)) / JOBS).toFixed(2)} per key (load test's limit < ${LOAD.maxRequestsPerKey})`
      ]
    ]
    const kib = (value: number): string => `${(value / 1024).toFixed(1)} KiB`
    const rows: Array<[string, string, string]> = [
      [
        'JavaScript the main step loads, without `registries`',
        kib(loaded.action),
        baseline
          ? `${BASELINE}'s: ${kib(loaded.baseline)} (${ratio(loaded.action, loaded.baseline)})`
          : 'baseline skipped'
      ],
      [
        'JavaScript the main step loads, `registries: docker`',
        docker ? kib(loaded.docker) : 'skipped',
        docker && baseline
          ? `${ratio(loaded.docker, loaded.baseline)} of ${BASELINE}'s without registries`
          : 'docker or baseline missing'
      ],
      [
        'JavaScript the main step loads, `registries: maven`',
        maven ? kib(loaded.maven) : 'skipped',
        maven && baseline
          ? `${ratio(loaded.maven, loaded.baseline)} of ${BASELINE}'s without registries`
          : 'mvn or baseline missing'
      ],
      ['Main step, wall time (spawn to exit)', ms(action), `${RUNS} runs`],
      [
        `Main step of ${BASELINE} (${baseline ? gitDescribe(BASELINE) : 'skipped'}), same rounds`,
        baseline ? ms(before) : 'skipped',
        baseline
          ? `this dist/ without registries = ${ratio(action, before)} of ${BASELINE}'s (${(action - before).toFixed(0)} ms)`
          : 'git could not give it'
      ],
      [
        'Loading dist/index.js, CPU time (user + system, inside Node)',
        baseline ? `${median(loadCpu).toFixed(1)} ms` : 'skipped',
        baseline
          ? `${BASELINE}'s: ${median(baselineLoadCpu).toFixed(1)} ms (${ratio(median(loadCpu), median(baselineLoadCpu))}); less disturbed by other load than wall time`
          : 'git could not give it'
      ],
      [
        `Main step with \`registries: docker\` (real docker login, loopback registry)`,
        docker ? ms(withDocker) : 'skipped',
        docker ? `the login adds ${(withDocker - action).toFixed(0)} ms` : 'docker missing'
      ],
      [
        "Main step with `registries: maven` (a copy of Maven's conf written)",
        maven ? ms(median(mavenMs)) : 'skipped',
        maven ? `adds ${(median(mavenMs) - action).toFixed(0)} ms` : 'mvn missing'
      ],
      [
        '`node -e ""`, wall time',
        ms(bare),
        `action = ${ratio(action, bare)} (${within(action / bare, LIMITS.ratio)} the limit ${LIMITS.ratio}×; goal ${LIMITS.ratioGoal}×)`
      ],
      [
        'Cloudsmith docs `curl \\| jq` snippet, wall time',
        curlJq ? ms(curl) : 'skipped',
        curlJq ? `action = ${ratio(action, curl)}` : 'curl or jq missing'
      ],
      [
        `Shipped JavaScript (${files.join(', ')})`,
        `${(bytes / 1024).toFixed(0)} KiB`,
        `${within(bytes / 1024, LIMITS.shippedKiB)} the limit ${LIMITS.shippedKiB} KiB; ${(gzipped / 1024).toFixed(0)} KiB gzipped`
      ],
      hasGnuTime
        ? [
            'Main step, peak RSS',
            mib(median(rss.action)),
            `${within(median(rss.action) / 1024, LIMITS.rssMiB)} the limit ${LIMITS.rssMiB} MiB; node -e "": ${mib(median(rss.node))}${curlJq ? `; curl \\| jq: ${mib(median(rss.curl))} (largest process)` : ''}`
          ]
        : ['Main step, peak RSS', 'skipped', 'GNU time missing'],
      ...(LOAD_RUNS > 0
        ? loadRows
        : [['Load rows', 'skipped', 'BENCH_LOAD_RUNS=0'] as [string, string, string]])
    ]
    const table = [
      '| Measure | Median | Ratio / note |',
      '| --- | --- | --- |',
      ...rows.map((row) => `| ${row.join(' | ')} |`)
    ]
    const context = [
      `Machine: ${machine()}.`,
      `Node: the action on ${node.version} (${node.note}); the bench on ${process.version}.`,
      `Date: ${new Date().toISOString().slice(0, 10)}.`
    ]
    console.log([...table, '', ...context, ...notes].join('\n'))

    const method = [
      `- Wall times are spawn-to-exit medians of ${RUNS} runs each, after ${WARMUP} warm-up rounds; the`,
      `  main step, the main step of ${BASELINE}'s dist/ (no registries), the main step with`,
      '  `registries: docker`, `node -e ""` (same binary) and the `curl | jq` snippet run in turn.',
      "- The `curl | jq` snippet is the two-step shell recipe of Cloudsmith's documentation (ID token",
      '  with curl, `jq .value`, POST to `/openid/{org}/`, `jq -r .token`), plus the two echos that mask',
      '  and export the key as the action does. It has no timeout, retry, validation or diagnosis.',
      '- Shipped JavaScript: the files under dist/ that Node may load (not the source map, not the',
      '  license notices). JavaScript the main step loads: the dist/ files in `require.cache` when',
      '  the process exits (a `--require` preload records them), and dist/package.json; one run each.',
      `- Peak RSS is GNU time's maximum resident set size, median of ${RSS_RUNS} runs.`,
      ...(LOAD_RUNS > 0
        ? [
            `- The load rows run \`__tests__/load.test.ts\`'s scenario ${LOAD_RUNS} times: ${JOBS} main steps spawned`,
            `  at once against a fake Cloudsmith taking ${RATE} exchanges per second (429 with Retry-After`,
            `  beyond). The ideal is ${JOBS} / ${RATE} = ${ideal} s of exchanges; the time to the last exit also`,
            `  holds starting ${JOBS} Node processes on this machine.`
          ]
        : ['- The load rows were skipped (BENCH_LOAD_RUNS=0).'])
    ]
    // bench/README.md (linked from README): only the part between its markers is generated
    await replaceMarked(join(ACTION_DIR, 'bench', 'README.md'), [
      '',
      ...method,
      '',
      ...table,
      '',
      ...context.map((line) => `${line}  `),
      ...notes.map((line) => `${line}  `),
      ''
    ])
    mkdirSync(join(ACTION_DIR, 'bench', 'results'), { recursive: true })
    writeFileSync(
      join(ACTION_DIR, 'bench', 'results', 'latest.json'),
      JSON.stringify(
        {
          actionMs,
          baselineMs,
          loadCpu,
          baselineLoadCpu,
          dockerMs,
          nodeMs,
          curlMs,
          rss,
          loads,
          bytes,
          gzipped,
          loaded,
          node
        },
        null,
        2
      )
    )
  } finally {
    await registry.close()
    await stage.close()
    rmSync(scratch, { recursive: true, force: true })
  }
}

await main()
