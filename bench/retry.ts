/**
 * `npx tsx bench/retry.ts`: the retry policy of the committed dist/ with jobs released together,
 * for comparing policies (bench/README.md, "Retry policy"). For each job count in RETRY_JOBS
 * (default 200,400), RETRY_RUNS runs (default 2) against a fake Cloudsmith taking 20 exchanges per
 * second: failed jobs, exchange requests per key, first-to-last exchange and last exit. Prints a
 * Markdown table; writes nothing.
 */
import { LOAD, requireBundle, runLoad } from '../__tests__/e2e/harness.js'

const JOB_COUNTS = (process.env['RETRY_JOBS'] ?? '200,400').split(',').map(Number)
const RUNS = Number(process.env['RETRY_RUNS'] ?? 2)

requireBundle()
const rows: string[] = []
for (const jobs of JOB_COUNTS) {
  for (let run = 1; run <= RUNS; run++) {
    const load = await runLoad(jobs, LOAD.ratePerSecond)
    const failed = load.results.filter((r) => !r.main.succeeded || !r.main.outputs['token']).length
    const keys = load.results.length - failed
    const requests = load.stage.cloudsmith.exchanges().length
    for (const result of load.results) result.cleanup()
    await load.stage.close()
    const ideal = jobs / LOAD.ratePerSecond
    const exchanging = load.lastExchangeSeconds - load.firstExchangeSeconds
    const row = [
      `${jobs}`,
      `${run}`,
      `${failed}`,
      `${requests} (${(requests / Math.max(keys, 1)).toFixed(2)})`,
      `${exchanging.toFixed(1)} s (${(exchanging / ideal).toFixed(2)}×)`,
      `${load.seconds.toFixed(1)} s`
    ]
    console.error(row.join(' | '))
    rows.push(`| ${row.join(' | ')} |`)
  }
}
console.log(
  [
    '| Jobs | Run | Failed jobs | Requests (per key) | First to last exchange (× ideal) | Last exit |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows
  ].join('\n')
)
