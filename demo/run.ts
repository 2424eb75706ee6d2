/**
 * `npm run demo`: the action without GitHub. Starts a local stand-in for GitHub's OIDC issuer and
 * a fake Cloudsmith on 127.0.0.1, runs the committed dist/ through the runner emulator three times
 * (a dry run, a workflow Cloudsmith trusts, then one whose ID token does not match the provider's
 * required claims) and prints what the Actions log would show: masked values as ***, annotations as
 * "Error:" lines, debug lines hidden. Nothing leaves this machine.
 */
import type { RunResult, StepResult } from '../__tests__/support/runner.js'
import {
  ORG,
  REQUIRED_CLAIMS,
  SERVICE_SLUG,
  actionNode,
  renderLog,
  requireBundle,
  runStep,
  startStage,
  type Stage
} from '../__tests__/e2e/harness.js'

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)
const dim = (text: string): string => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text)
const print = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

function printStep(title: string, step: StepResult | undefined, inputs?: Record<string, string>) {
  print(bold(`▶ ${title}`))
  if (inputs) {
    print('  with:')
    for (const [name, value] of Object.entries(inputs)) print(`    ${name}: ${value}`)
  }
  for (const line of step ? renderLog(step) : ['(skipped)']) print(line)
}

function printRun(name: string, stage: Stage, result: RunResult, inputs: Record<string, string>) {
  print()
  print(bold(`━━━ ${name} ━━━`))
  printStep('Run cloudsmith-oidc-action', result.main, inputs)
  printStep('Post Run cloudsmith-oidc-action', result.post)
  print()
  print(dim(`Step exit code: ${result.main.exitCode}`))
  for (const annotation of result.main.annotations) {
    print(dim(`Annotation (${annotation.level}): ${annotation.title ?? ''}`))
  }
  const outputs = Object.entries(result.main.outputs).map(
    ([name, value]) => `${name}=${result.main.masks.includes(value) ? '***' : value}`
  )
  print(dim(`Outputs: ${outputs.length ? outputs.join(', ') : 'none'}`))
  const exported = Object.entries(result.finalEnv).map(
    ([name, value]) => `${name}=${value === '' ? "''" : '***'}`
  )
  print(dim(`Environment of the job's later steps: ${exported.join(', ') || 'nothing added'}`))
  print(dim(`Exchange requests Cloudsmith received: ${stage.cloudsmith.exchanges().length}`))
  print(dim('Job summary:'))
  for (const line of result.main.summary.trimEnd().split('\n')) print(dim(`  ${line}`))
}

async function scenario(
  name: string,
  setUp: (stage: Stage) => void,
  inputs: Record<string, string>
): Promise<RunResult['main']['exitCode']> {
  const stage = await startStage()
  try {
    setUp(stage)
    const result = await runStep(stage, { with: inputs })
    try {
      printRun(name, stage, result, {
        org: ORG,
        'service-slug': SERVICE_SLUG,
        'api-url': stage.cloudsmith.url,
        ...inputs
      })
      return result.main.exitCode
    } finally {
      result.cleanup()
    }
  } finally {
    await stage.close()
  }
}

requireBundle()
const node = actionNode()
print(bold('cloudsmith-oidc-action, without GitHub'))
print(
  `dist/main.js and dist/post.js run on Node ${node.version} under a GitHub runner emulator, with a`
)
print(`local OIDC issuer for GitHub and a fake Cloudsmith on 127.0.0.1. The fake's organization`)
print(`'${ORG}' has one OpenID Connect provider, https://token.actions.githubusercontent.com,`)
print(`linked to the service account '${SERVICE_SLUG}', with these required claims:`)
for (const [name, value] of Object.entries(REQUIRED_CLAIMS)) print(`  ${name} = ${value}`)

const dryRun = await scenario(
  '1. First, a dry run, as README advises: the claims and the settings that would accept them',
  () => undefined,
  { 'dry-run': 'true' }
)
const trusted = await scenario(
  '2. A push to main of octo-org/octo-repo: Cloudsmith trusts it',
  () => undefined,
  {}
)
const refused = await scenario(
  "3. The same job, now in the 'production' environment: its sub no longer matches",
  (stage) => stage.issuer.setScenario({ context: { environment: 'production' } }),
  {}
)

print()
if (dryRun === 0 && trusted === 0 && refused === 1) {
  print(
    'Run 1 printed the settings to copy; run 2 got a key; run 3 failed as it should, and its log shows why.'
  )
} else {
  print(
    `Unexpected: run 1 exited ${dryRun}, run 2 ${trusted} (expected 0 for both), run 3 ${refused} (expected 1).`
  )
  process.exitCode = 1
}
