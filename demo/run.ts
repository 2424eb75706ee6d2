/**
 * `npm run demo`: the action without GitHub. Starts a local stand-in for GitHub's OIDC issuer and
 * a fake Cloudsmith on 127.0.0.1, runs the committed dist/ through the runner emulator four times
 * (a dry run, a workflow Cloudsmith trusts, one whose ID token does not match the provider's
 * required claims, then one that signs docker and npm in with `registries`) and prints what the
 * Actions log would show: masked values as ***, annotations as "Error:" lines, debug lines hidden;
 * for the last, what a later step gets and what the post step leaves. The real docker client logs
 * in to a fake registry on loopback where docker is installed. Nothing leaves this machine.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { RunResult, StepResult } from '../__tests__/support/runner.js'
import {
  type FakeDockerRegistry,
  startFakeDockerRegistry
} from '../__tests__/support/fake-docker-registry.js'
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

/** docker's config.json as a later step sees it: each host, its credential as ***. */
function dockerLogins(home: string): string {
  const file = join(home, '.docker', 'config.json')
  if (!existsSync(file)) return 'no config.json'
  const config = JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, unknown> }
  const hosts = Object.keys(config.auths ?? {})
  return hosts.length ? hosts.map((host) => `${host} (credential ***)`).join(', ') : 'none'
}

/**
 * Run 4: `registries` with npm, and docker where its client is installed. Shows the files and
 * variables a later step of the job gets, then what is left after the post step.
 */
async function packageManagers(): Promise<number | null> {
  const stage = await startStage()
  const docker = spawnSync('docker', ['--version'], { encoding: 'utf8' }).status === 0
  let registry: FakeDockerRegistry | undefined
  try {
    if (docker) registry = await startFakeDockerRegistry(() => stage.cloudsmith.issuedTokens())
    const registries = [
      ...(registry ? [`docker host=${registry.host}`] : []),
      'npm npm-private scope=@acme'
    ].join('\n')
    const later: string[] = []
    const result = await runStep(stage, {
      with: { registries },
      between: (env) => {
        const userConfig = env.NPM_CONFIG_USERCONFIG ?? ''
        const where = (path: string): string => `$HOME/${relative(env.HOME ?? '', path)}`
        later.push(`NPM_CONFIG_USERCONFIG=${userConfig}, holding:`)
        for (const line of readFileSync(userConfig, 'utf8').trimEnd().split('\n')) {
          later.push(`  ${line}`)
        }
        later.push(`CLOUDSMITH_API_KEY=*** (npm and pnpm read the key from it)`)
        if (registry) {
          later.push(
            `docker logins in ${where(join(env.HOME ?? '', '.docker'))}: ${dockerLogins(env.HOME ?? '')}`
          )
        }
      }
    })
    try {
      const inputs = { org: ORG, 'service-slug': SERVICE_SLUG, 'api-url': stage.cloudsmith.url }
      printRun(
        '4. Package managers: registries signs npm in' +
          (registry ? ' and the real docker client' : ' (docker is not installed here: npm only)'),
        stage,
        result,
        { ...inputs, registries: registries.replace(/\n/g, ' | ') }
      )
      print(dim('What a later step of the job gets:'))
      for (const line of later) print(dim(`  ${line}`))
      print(dim('After the post step:'))
      const userConfig = Object.keys(result.finalEnv).includes('NPM_CONFIG_USERCONFIG')
        ? `NPM_CONFIG_USERCONFIG='${result.finalEnv.NPM_CONFIG_USERCONFIG ?? ''}'`
        : 'NPM_CONFIG_USERCONFIG as before the step'
      const npmrc = readdirSync(result.runnerTemp).join(', ')
      print(dim(`  ${userConfig}; files left in RUNNER_TEMP: ${npmrc || 'none'}`))
      if (registry) print(dim(`  docker logins: ${dockerLogins(result.home)}`))
      return result.main.exitCode
    } finally {
      result.cleanup()
    }
  } finally {
    await registry?.close()
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

const signedIn = await packageManagers()

print()
if (dryRun === 0 && trusted === 0 && refused === 1 && signedIn === 0) {
  print(
    'Run 1 printed the settings to copy; run 2 got a key; run 3 failed as it should, and its log shows why;'
  )
  print('run 4 signed package managers in, and its post step undid it.')
} else {
  print(
    `Unexpected: run 1 exited ${dryRun}, run 2 ${trusted}, run 4 ${signedIn} (expected 0), run 3 ${refused} (expected 1).`
  )
  process.exitCode = 1
}
