/**
 * `npm run bench:refresh`: what one call of the refresh helper (dist/refresh.js) costs a tool,
 * against the loopback issuer and fake Cloudsmith: with the key cached (what almost every docker,
 * cargo or pnpm call meets) and with an exchange (the cache missing: once every ~85 minutes per
 * job). Spawn to exit, on the action's Node, BENCH_RUNS times each (default 15) after two
 * warm-up rounds; medians, and bare `node -e ""` beside them. Prints a Markdown table for
 * bench/README.md.
 */
import { rmSync } from 'node:fs'
import {
  actionNode,
  elapsedMs,
  requireBundle,
  runProgram,
  startStage
} from '../__tests__/e2e/harness.js'
import { helperDir, runHelper } from '../__tests__/support/refresh-helper.js'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15)
const WARMUP = 2

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function timed(run: () => Promise<{ status: number | null }>): Promise<number> {
  const started = process.hrtime.bigint()
  const result = await run()
  if (result.status !== 0) throw new Error(`a benchmarked run failed (exit ${result.status})`)
  return elapsedMs(started)
}

requireBundle()
const stage = await startStage()
const dirs: string[] = []
try {
  const cachedDir = helperDir()
  dirs.push(cachedDir)
  await runHelper(stage, cachedDir) // makes the cache
  const rounds = { bare: [] as number[], cached: [] as number[], exchange: [] as number[] }
  for (let round = 0; round < WARMUP + RUNS; round++) {
    const bare = await timed(() => runProgram(actionNode().path, ['-e', ''], { env: {} }))
    const cached = await timed(() => runHelper(stage, cachedDir))
    const fresh = helperDir()
    dirs.push(fresh)
    const exchange = await timed(() => runHelper(stage, fresh))
    if (round < WARMUP) continue
    rounds.bare.push(bare)
    rounds.cached.push(cached)
    rounds.exchange.push(exchange)
  }
  const ms = (values: number[]): string => `${Math.round(median(values))} ms`
  console.log(
    `Refresh helper, one \`docker-credential-… get\` call, ${actionNode().version}, median of ${RUNS}:\n`
  )
  console.log('| call | wall time |')
  console.log('|---|---|')
  console.log(`| bare \`node -e ""\` | ${ms(rounds.bare)} |`)
  console.log(`| helper, key cached | ${ms(rounds.cached)} |`)
  console.log(`| helper, exchange (ID token + exchange on loopback) | ${ms(rounds.exchange)} |`)
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  await stage.close()
}
