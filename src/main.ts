/**
 * The main step: validate the inputs (and plan the `registries` lines), get a GitHub ID token,
 * exchange it for a Cloudsmith API key, mask and publish the key, then configure the package
 * managers. Everything from outside comes in through `deps`.
 */
import type { ActionsIO } from './actions-io.js'
import { claimText, suggestProvider } from './claims.js'
import type { CloudsmithToken } from './cloudsmith-response.js'
import { explain, type FailureContext } from './diagnose.js'
import { providerAdvice } from './dry-run.js'
import { exchange, EXCHANGE_OPERATION, exchangeUrl } from './exchange.js'
import type { Http } from './http.js'
import {
  fetchIdToken,
  ID_TOKEN_OPERATION,
  idTokenKeeper,
  type IdToken,
  type IdTokenSource
} from './id-token.js'
import { requireOidc, type Env } from './oidc-availability.js'
import { publish } from './outputs.js'
import type { RefreshDeps } from './refresh/step.js'
import { saveEmptyRecord } from './registries/record-state.js'
import type { Plan, RefreshTargets } from './registries/plan.js'
import { readInputs, type Inputs } from './step-inputs.js'
import type { System } from './system.js'
import { proxyCredentials, requireUsableProxies } from './proxy-env.js'
import { requireCertificateChecks, requireQuietRequests } from './transport-fault.js'
import { joinMarkdown, log, type LogText } from './print-gate.js'
import { type Deadline, requestTimeoutMs, stepDeadline } from './deadline.js'
import {
  DEFAULT_RETRY_POLICY,
  formatSeconds,
  retry,
  type Clock,
  type StepDeadline
} from './retry.js'
import { dryRunSummary, failureSummary, runLogUrl, successSummary } from './summary.js'
import { VERIFY_OPERATION, verifyKey, type Identity } from './verify.js'

export interface MainDeps {
  readonly io: ActionsIO
  readonly env: Env
  /** The event payload at GITHUB_EVENT_PATH. */
  readonly readEvent: () => unknown
  readonly getIdToken: IdTokenSource
  readonly http: Http
  readonly clock: Clock
  readonly random: () => number
  /** Files, programs and PATH, for the `registries` input (src/system.ts); only it needs one. */
  readonly system?: System
  /** What `refresh: true` needs of the machine (src/refresh/step.ts). */
  readonly refresh?: RefreshDeps
}

/** The registries code (src/registries/stage.ts), loaded only when the input is set. */
type Registries = typeof import('./registries/stage.js')

/** A key that lives less than this gets a warning. */
const SHORT_LIFETIME_MINUTES = 30

export async function main(deps: MainDeps): Promise<void> {
  const { io } = deps
  const startedAtMs = deps.clock.now()
  // every credential the action holds, cut from whatever it quotes; the ID token and the key join
  const secrets = [deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '', ...proxyCredentials(deps.env)]
  const context: Writable<FailureContext> = { env: deps.env, secrets }
  let writeSummary = true
  saveEmptyRecord(io)
  try {
    const registries =
      io.getInput('registries').trim() === '' ? undefined : await import('./registries/stage.js')
    const inputs = readInputs((name) => io.getInput(name), registries?.parser(deps.system))
    context.inputs = inputs
    writeSummary = inputs.jobSummary
    // refresh needs `registries` lines to serve, so its set-up is registries code too
    const refresh = registries?.setUpRefresh(inputs, deps.refresh, () => ({
      tempDir: deps.system?.env['RUNNER_TEMP'] ?? '',
      platform: deps.system?.platform ?? 'linux'
    }))
    const deadline = { atMs: startedAtMs + inputs.totalTimeoutMs, budgetMs: inputs.totalTimeoutMs }
    const programDeadline = stepDeadline(deadline.atMs, inputs.timeoutMs, deps.clock.now)
    const plans = registries
      ? registryPlans(registries, inputs, deps.system, programDeadline, refresh)
      : []
    requireOidc(deps.env, deps.readEvent)
    requireCertificateChecks(deps.env)
    requireQuietRequests(deps.env)
    requireUsableProxies(deps.env)
    const calls = remoteCalls(inputs, deps, context, { deadline, secrets })

    const idToken = await calls.idToken()
    if (inputs.dryRun) {
      return await dryRun(inputs, idToken, io, registries?.dryRunLines(plans, refresh))
    }

    const askedAtMs = deps.clock.now()
    const key = await calls.exchange()
    publish(key, inputs, io)
    if (registries && refresh && deps.refresh) {
      const machine = await deps.refresh.machine(refresh.tempDir)
      registries.applyRefresh(refresh, plans, key, askedAtMs, {
        io,
        machine,
        cleanup: inputs.cleanup
      })
    }
    if (registries && plans.length > 0 && deps.system) {
      registries.applyPlans(plans, {
        io,
        system: deps.system,
        key: key.token,
        cleanup: inputs.cleanup,
        deadline: programDeadline
      })
    }
    const minutesLeft = reportExpiry(key, inputs, io, deps.clock.now())
    const identity = inputs.verify ? await calls.verify(key) : undefined

    if (writeSummary) {
      const summary = successSummary({
        ...inputs,
        audience: claimText(idToken.claims, 'aud'),
        expiresAt: key.expiresAt,
        minutesLeft,
        exported: inputs.exportEnv,
        ...(identity ? { identity } : {})
      })
      await io.appendSummary(
        registries && plans.length > 0
          ? joinMarkdown([summary, ...registries.summary(plans, refresh)])
          : summary
      )
    }
  } catch (error) {
    const failure = explain(error, context)
    io.fail(failure.message, failure.title)
    if (writeSummary) await io.appendSummary(failureSummary(failure, runLogUrl(deps.env)))
  }
}

type Writable<T> = { -readonly [K in keyof T]: T[K] }

/** The plan of every `registries` line, checked before any request. */
function registryPlans(
  registries: Registries,
  inputs: Inputs,
  system: System | undefined,
  deadline: Deadline,
  refresh: RefreshTargets | undefined
): Plan[] {
  if (inputs.registries.length === 0) return []
  if (system === undefined) throw new Error('the registries input needs deps.system')
  return registries.plan(
    inputs.registries,
    system,
    { exportEnv: inputs.exportEnv, deadline },
    refresh
  )
}

/**
 * The three remote calls, each under the retry policy and the step's one deadline, each telling
 * its part of the story. Every ID token and key they get joins `secrets`.
 */
function remoteCalls(
  inputs: Inputs,
  deps: MainDeps,
  context: Writable<FailureContext>,
  shared: { deadline: StepDeadline; secrets: string[] }
) {
  const { io, clock, http } = deps
  const { deadline, secrets } = shared
  /** A request's time limit: timeout-seconds, or what is left of the step's budget. */
  const timeoutMs = (): number => requestTimeoutMs(inputs.timeoutMs, deadline.atMs, clock.now())
  const retried = <T>(operation: string, call: (attempt: number) => Promise<T>): Promise<T> =>
    retry(
      (attempt) => {
        io.debug(log`${operation}: attempt ${attempt} of ${inputs.maxAttempts}`)
        return call(attempt)
      },
      {
        operation,
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: inputs.maxAttempts },
        clock,
        random: deps.random,
        deadline,
        onRetry: ({ attempt, error, delayMs }) =>
          io.info(
            log`${operation}: attempt ${attempt} of ${inputs.maxAttempts} failed (${error.message}); retrying in ${formatSeconds(delayMs)}.`
          )
      }
    )

  const idTokens = idTokenKeeper(async () => {
    const idToken = await retried(ID_TOKEN_OPERATION, () =>
      fetchIdToken(deps.getIdToken, inputs.audience, timeoutMs(), secrets)
    )
    secrets.push(idToken.value)
    context.claims = idToken.claims
    io.debug(log`New ID token, exp ${claimText(idToken.claims, 'exp')}`)
    return idToken
  }, clock.now)

  return {
    async idToken(): Promise<IdToken> {
      io.info(
        log`Requesting a GitHub ID token for audience ${inputs.audience ?? "GitHub's default (https://github.com/<repository owner>)"}.`
      )
      const idToken = await idTokens.current()
      io.info(
        log`Got an ID token for ${claimText(idToken.claims, 'sub')} (aud ${claimText(idToken.claims, 'aud')}).`
      )
      return idToken
    },

    exchange(): Promise<CloudsmithToken> {
      io.info(
        log`Exchanging it at ${exchangeUrl(inputs.apiUrl, inputs.org)} for service account '${inputs.serviceSlug}'.`
      )
      return retried(EXCHANGE_OPERATION, async () => {
        const idToken = await idTokens.current() // a fresh one when the held one is near expiry
        const request = {
          apiUrl: inputs.apiUrl,
          org: inputs.org,
          serviceSlug: inputs.serviceSlug,
          idToken: idToken.value,
          timeoutMs: timeoutMs(),
          secrets
        }
        return exchange(request, http, clock.now, (secret) => {
          io.setSecret(secret)
          secrets.push(secret)
        })
      })
    },

    async verify(key: CloudsmithToken): Promise<Identity> {
      const identity = await retried(VERIFY_OPERATION, () =>
        verifyKey(inputs.apiUrl, key.token, timeoutMs(), http, clock.now, secrets)
      )
      io.info(log`Authenticated to Cloudsmith as ${identity.name} (${identity.slug}).`)
      return identity
    }
  }
}

/** Logs the expiry, warns when it is near; returns the minutes left. */
function reportExpiry(key: CloudsmithToken, inputs: Inputs, io: ActionsIO, nowMs: number): number {
  const minutesLeft = Math.floor((key.expiresAt.getTime() - nowMs) / 60_000)
  const until = key.expiresAt.toISOString()
  io.info(
    log`Cloudsmith API key for '${inputs.serviceSlug}' in '${inputs.org}' is valid until ${until} (${minutesLeft} minutes).`
  )
  if (minutesLeft < SHORT_LIFETIME_MINUTES) {
    io.warning(
      log`The Cloudsmith key expires in ${minutesLeft} minutes (${until}); later steps will be refused after that. Run the action again right before long-running steps.`,
      log`Cloudsmith key expires soon`
    )
  }
  return minutesLeft
}

async function dryRun(
  inputs: Inputs,
  idToken: IdToken,
  io: ActionsIO,
  planLines: readonly LogText[] = []
): Promise<void> {
  const suggestion = suggestProvider(idToken.claims)
  for (const line of providerAdvice(inputs.org, inputs.serviceSlug, idToken.claims, suggestion)) {
    io.info(line)
  }
  for (const line of planLines) io.info(line)
  if (inputs.jobSummary) {
    await io.appendSummary(
      dryRunSummary(inputs.org, inputs.serviceSlug, idToken.claims, suggestion)
    )
  }
}
