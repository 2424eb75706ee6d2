/**
 * Turns any failure into what the user needs: what failed, what the server said, the likely cause
 * and the fix, with a short title for the annotation. This module picks the explanation; each
 * lives with its kind (diagnose-github.ts, diagnose-cloudsmith.ts, diagnose-network.ts). Every
 * text is built from values that were already redacted or are not secret.
 */
import { AnswerTooLargeError } from './cloudsmith-call.js'
import { CloudsmithError, TokenAnswerError } from './cloudsmith-response.js'
import { badTokenAnswer, cloudsmithError, oversized, verifyFailed } from './diagnose-cloudsmith.js'
import { idTokenRefused, oidcUnavailable } from './diagnose-github.js'
import {
  certificateChecksOff,
  gaveUp,
  outOfTime,
  proxySettingUnusable,
  requestDebugOn,
  transportRefused
} from './diagnose-network.js'
import { errorMessage } from './error-message.js'
import { failure, type Failure, type FailureContext } from './failure.js'
import { IdTokenError } from './id-token.js'
import { InputError } from './input-error.js'
import { OidcUnavailableError } from './oidc-availability.js'
import { log, LogText } from './print-gate.js'
import { ProxySettingError } from './proxy-env.js'
import { redact } from './redact.js'
import { OutOfTimeError, RetriesExhaustedError } from './retry.js'
import {
  CertificateChecksOffError,
  RequestDebugOnError,
  TransportRefusedError
} from './transport-fault.js'
import { VerifyError } from './verify.js'

export type { Failure, FailureContext }

export function explain(error: unknown, context: FailureContext): Failure {
  // first: a refusal of the registries lines is an InputError that carries its own explanation
  if (carriesFailure(error)) return failure(error.failureTitle, [...error.failureLines])
  if (error instanceof InputError) return invalidInputs(error)
  if (error instanceof OidcUnavailableError) return oidcUnavailable(error)
  if (error instanceof IdTokenError) return idTokenRefused(error)
  if (error instanceof RetriesExhaustedError) return gaveUp(error, context)
  if (error instanceof VerifyError) return verifyFailed(error, context)
  if (error instanceof CloudsmithError) return cloudsmithError(error, context)
  if (error instanceof TokenAnswerError) return badTokenAnswer(error, context)
  if (error instanceof AnswerTooLargeError) return oversized(error)
  if (error instanceof TransportRefusedError) return transportRefused(error, context)
  if (error instanceof CertificateChecksOffError) return certificateChecksOff()
  if (error instanceof RequestDebugOnError) return requestDebugOn(error)
  if (error instanceof ProxySettingError) return proxySettingUnusable(error)
  if (error instanceof OutOfTimeError) return outOfTime(error, context)
  const text = redact(errorMessage(error), context.secrets)
  return failure(log`Unexpected error`, [
    log`The action failed unexpectedly: ${text}`,
    log`Likely cause: a bug in cloudsmith-oidc-action.`,
    log`Fix: re-run with debug logging (secret ACTIONS_STEP_DEBUG=true) and report the log in an issue.`
  ])
}

function invalidInputs(error: InputError): Failure {
  return failure(log`Invalid input`, [
    log`The step's inputs are not valid; nothing was sent anywhere.`,
    ...error.problems.map((problem) => log`- ${problem}`),
    log`Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).`,
    log`Fix: correct the 'with:' values of this step.`
  ])
}

/**
 * An error that carries its own explanation, already through the print gate (the registries
 * code's RegistryApplyError and RegistriesRefusedError): recognised by its shape, so this module
 * loads no registries code.
 */
function carriesFailure(
  error: unknown
): error is Error & { failureTitle: LogText; failureLines: readonly LogText[] } {
  if (!(error instanceof Error)) return false
  const { failureTitle, failureLines } = error as { failureTitle?: unknown; failureLines?: unknown }
  return (
    failureTitle instanceof LogText &&
    Array.isArray(failureLines) &&
    failureLines.every((line) => line instanceof LogText)
  )
}
