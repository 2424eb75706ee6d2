/**
 * The main step: validate the inputs, get a GitHub ID token, exchange it for a Cloudsmith API key,
 * mask and publish the key. Everything from outside comes in through `deps`.
 */
import type { ActionsIO } from './actions-io.js'
import { claimLines, claimText, suggestProvider } from './claims.js'
import { explain, ID_TOKEN_OPERATION, type FailureContext } from './diagnose.js'
import { exchange, exchangeUrl } from './exchange.js'
import type { Http } from './http.js'
import { fetchIdToken, idTokenKeeper, type IdToken, type IdTokenSource } from './id-token.js'
import { parseInputs, type Inputs } from './inputs.js'
import { requireOidc, type Env } from './oidc-availability.js'
import { publish } from './outputs.js'
import {
  DEFAULT_RETRY_POLICY,
  formatSeconds,
  retry,
  type Clock,
  type RetryOptions
} from './retry.js'
import { dryRunSummary, failureSummary, successSummary } from './summary.js'
import { verifyKey, type Identity } from './verify.js'

export interface MainDeps {
  readonly io: ActionsIO
  readonly env: Env
  /** The event payload at GITHUB_EVENT_PATH. */
  readonly readEvent: () => unknown
  readonly getIdToken: IdTokenSource
  readonly http: Http
  readonly clock: Clock
  readonly random: () => number
}

/** A key that lives less than this gets a warning. */
export const SHORT_LIFETIME_MINUTES = 30

export async function main(deps: MainDeps): Promise<void> {
  const { io, clock } = deps
  const context: { -readonly [K in keyof FailureContext]: FailureContext[K] } = { env: deps.env }
  let summary = true
  try {
    const inputs = parseInputs((name) => io.getInput(name))
    context.inputs = inputs
    summary = inputs.jobSummary
    requireOidc(deps.env, deps.readEvent)

    const attempts = (operation: string): RetryOptions => ({
      operation,
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: inputs.maxAttempts },
      clock,
      random: deps.random,
      onRetry: ({ attempt, error, delayMs }) =>
        io.info(
          `${operation}: attempt ${attempt} of ${inputs.maxAttempts} failed (${error.message}); retrying in ${formatSeconds(delayMs)}.`
        )
    })
    const idTokens = idTokenKeeper(async () => {
      const idToken = await retry(
        () => fetchIdToken(deps.getIdToken, inputs.audience, inputs.timeoutMs),
        attempts(ID_TOKEN_OPERATION)
      )
      context.claims = idToken.claims
      io.debug(
        `ID token for ${claimText(idToken.claims, 'sub')}, exp ${claimText(idToken.claims, 'exp')}`
      )
      return idToken
    }, clock.now)

    io.info(
      `Requesting a GitHub ID token for audience ${inputs.audience ?? "GitHub's default (https://github.com/<repository owner>)"}.`
    )
    const first = await idTokens.current()
    io.info(
      `Got an ID token for ${claimText(first.claims, 'sub')} (aud ${claimText(first.claims, 'aud')}).`
    )
    if (inputs.dryRun) return await dryRun(inputs, first, io)

    io.info(
      `Exchanging it at ${exchangeUrl(inputs.apiUrl, inputs.org)} for service account '${inputs.serviceSlug}'.`
    )
    const key = await retry(async (attempt) => {
      const idToken = await idTokens.current()
      io.debug(`Exchange attempt ${attempt} of ${inputs.maxAttempts}`)
      return exchange(
        { ...inputs, idToken: idToken.value, timeoutMs: inputs.timeoutMs },
        deps.http,
        clock.now,
        (secret) => io.setSecret(secret)
      )
    }, attempts('The OpenID exchange'))
    publish(key, inputs, io)

    const minutesLeft = Math.floor((key.expiresAt.getTime() - clock.now()) / 60_000)
    io.info(
      `Cloudsmith API key for '${inputs.serviceSlug}' in '${inputs.org}' is valid until ${key.expiresAt.toISOString()} (${minutesLeft} minutes).`
    )
    if (minutesLeft < SHORT_LIFETIME_MINUTES) {
      io.warning(
        `The Cloudsmith key expires in ${minutesLeft} minutes (${key.expiresAt.toISOString()}); later steps will be refused after that. Run the action again right before long-running steps.`,
        'Cloudsmith key expires soon'
      )
    }

    let identity: Identity | undefined
    if (inputs.verify) {
      identity = await retry(
        () => verifyKey(inputs.apiUrl, key.token, inputs.timeoutMs, deps.http, clock.now),
        attempts('Verifying the key')
      )
      io.info(`Authenticated to Cloudsmith as ${identity.name} (${identity.slug}).`)
    }
    if (summary) {
      await io.appendSummary(
        successSummary({
          org: inputs.org,
          serviceSlug: inputs.serviceSlug,
          audience: claimText(context.claims ?? {}, 'aud'),
          expiresAt: key.expiresAt,
          minutesLeft,
          exported: inputs.exportEnv,
          ...(identity ? { identity } : {})
        })
      )
    }
  } catch (error) {
    const failure = explain(error, context)
    io.fail(failure.message, failure.title)
    if (summary) await io.appendSummary(failureSummary(failure))
  }
}

async function dryRun(inputs: Inputs, idToken: IdToken, io: ActionsIO): Promise<void> {
  const suggestion = suggestProvider(idToken.claims)
  io.info('Dry run: nothing is exchanged. The ID token claims:')
  for (const line of claimLines(idToken.claims)) io.info(`  ${line}`)
  io.info(`A Cloudsmith OpenID Connect provider in '${inputs.org}' that accepts this token:`)
  io.info(`  Provider URL:     ${suggestion.providerUrl}`)
  for (const claim of suggestion.claims) {
    io.info(`  Required claim:   ${claim.name} = ${claim.value}   (${claim.scope})`)
  }
  io.info(`  Service account:  ${inputs.serviceSlug} (link it to the provider)`)
  io.info(
    `  aud:              ${suggestion.audience} (require it only if you want to pin the audience)`
  )
  if (inputs.jobSummary) {
    await io.appendSummary(
      dryRunSummary(inputs.org, inputs.serviceSlug, idToken.claims, suggestion)
    )
  }
}
