/**
 * A local stand-in for GitHub's OIDC issuer on 127.0.0.1: discovery document, JWKS, and the
 * ID-token endpoint that ACTIONS_ID_TOKEN_REQUEST_URL points at in a job. Tokens are RS256 JWTs
 * with the claims GitHub puts in them; claims can be changed per issuer, per scenario and per
 * token, and fault switches make the token endpoint fail.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose'
import { headerRecord, sendJson, startLocalServer } from './local-server.js'

/** Facts about the workflow run from which the default claims are derived. */
export interface TokenContext {
  repository: string
  repositoryId: string
  repositoryOwnerId: string
  repositoryVisibility: string
  ref: string
  sha: string
  /** Deployment environment of the job; changes `sub` to `repo:R:environment:E`. */
  environment?: string
  /**
   * How `sub` names the repository: `names` (`octo-org/octo-repo`, the form GitHub has always
   * used), or GitHub's immutable subject with the numeric IDs beside the names, in one of the two
   * spellings seen in GitHub's material: `ids-dash` (`octo-org-987654/octo-repo-123456789`) or
   * `ids-at` (`octo-org@987654/octo-repo@123456789`). Default `names`.
   */
  subjectForm?: 'names' | 'ids-dash' | 'ids-at'
  eventName: string
  actor: string
  actorId: string
  workflow: string
  /** Workflow file, e.g. `.github/workflows/release.yml`. */
  workflowFile: string
  /** Set for a job in a reusable workflow; defaults to the workflow_ref. */
  jobWorkflowRef?: string
  runId: string
  runNumber: string
  runAttempt: string
  runnerEnvironment: string
}

/** Claim name to value; `undefined` removes the claim. */
export type ClaimOverrides = Record<string, unknown>

export const defaultTokenContext: TokenContext = {
  repository: 'octo-org/octo-repo',
  repositoryId: '123456789',
  repositoryOwnerId: '987654',
  repositoryVisibility: 'private',
  ref: 'refs/heads/main',
  sha: 'ffac537e6cbbf934b08745a378932722df287a53',
  eventName: 'push',
  actor: 'octocat',
  actorId: '583231',
  workflow: 'CI',
  workflowFile: '.github/workflows/ci.yml',
  runId: '1658821493',
  runNumber: '42',
  runAttempt: '1',
  runnerEnvironment: 'github-hosted'
}

export interface IssuerOptions {
  /** `iss` of the tokens and `issuer` of the discovery document (default: the base URL). */
  issuer?: string
  context?: Partial<TokenContext>
  /** Claim overrides for every token of this issuer. */
  claims?: ClaimOverrides
  /** Token lifetime (default 300 s). */
  lifetimeSeconds?: number
  /** Bearer token the ID-token endpoint expects (default: random). */
  requestToken?: string
  /** Clock in milliseconds (default Date.now). */
  now?: () => number
}

/** Per-scenario settings, layered over the issuer's options until `reset()`. */
export interface IssuerScenario {
  context?: Partial<TokenContext>
  claims?: ClaimOverrides
  lifetimeSeconds?: number
}

/**
 * A fault of the ID-token endpoint: an HTTP status (answered with a short error body), `hang`
 * (never answer), `reset` (drop the connection), `no-value` (200 without `value`), `not-json`,
 * or an answer given as it is (status, body, Content-Type defaulting to application/json).
 */
export type IssuerFault =
  | number
  | 'hang'
  | 'reset'
  | 'no-value'
  | 'not-json'
  | { status: number; body: string; contentType?: string }

export interface IssuerRequest {
  time: number
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** `issued`, `unauthorized`, `bad-request`, `not-found`, `served`, or `fault:<fault>`. */
  outcome: string
  /** Audience the token was minted for (ID-token requests that got one). */
  audience?: string
}

export interface IssuerCounters {
  /** Requests to the ID-token endpoint, whatever their outcome. */
  idToken: number
  /** ID tokens handed out by the endpoint. */
  issued: number
  unauthorized: number
  faults: number
  jwks: number
  discovery: number
}

export interface OidcIssuer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string
  /** Value of `iss` in tokens. */
  issuer: string
  jwksUri: string
  /** ID-token endpoint URL, already with a query string (`?api-version=2.0`). */
  tokenUrl: string
  requestToken: string
  /** Public key set as served at `jwksUri`. */
  jwks: { keys: JWK[] }
  counters: IssuerCounters
  requests: IssuerRequest[]
  /** ID tokens handed out by the endpoint, for leak checks. */
  issued: string[]
  /** `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN` for a job. */
  env(): { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }
  /** The claims a token would carry now (before iat/nbf/exp/jti). */
  claims(audience?: string, overrides?: ClaimOverrides): Record<string, unknown>
  /** Signs a token directly, without HTTP. */
  mint(overrides?: ClaimOverrides, options?: { audience?: string }): Promise<string>
  /** Replaces the scenario settings. */
  setScenario(scenario: IssuerScenario): void
  /** Makes the next `times` ID-token requests fail (Infinity: all of them). */
  fault(fault: IssuerFault, times?: number): void
  /** Clears scenario, faults, counters, recorded requests and issued tokens. */
  reset(): void
  close(): Promise<void>
}

/** Starts an issuer on 127.0.0.1 with a fresh RS256 key. */
export async function startIssuer(options: IssuerOptions = {}): Promise<OidcIssuer> {
  const now = options.now ?? Date.now
  const kid = randomBytes(8).toString('hex')
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] }
  const requestToken = options.requestToken ?? randomBytes(24).toString('base64url')

  let scenario: IssuerScenario = {}
  let faults: { fault: IssuerFault; remaining: number }[] = []
  const counters = emptyCounters()
  const requests: IssuerRequest[] = []
  const issued: string[] = []

  const server = await startLocalServer((request, response) => handle(request, response))
  const issuerName = options.issuer ?? server.url

  const claims = (audience?: string, overrides: ClaimOverrides = {}): Record<string, unknown> => {
    const context = { ...defaultTokenContext, ...options.context, ...scenario.context }
    const base = githubClaims(context, issuerName, audience)
    const merged: Record<string, unknown> = {
      ...base,
      ...options.claims,
      ...scenario.claims,
      ...overrides
    }
    for (const [name, value] of Object.entries(merged)) {
      if (value === undefined) delete merged[name]
    }
    return merged
  }

  const mint = async (overrides: ClaimOverrides = {}, mintOptions: { audience?: string } = {}) => {
    const issuedAt = Math.floor(now() / 1000)
    const lifetime = scenario.lifetimeSeconds ?? options.lifetimeSeconds ?? 300
    const payload = {
      jti: randomUUID(),
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + lifetime,
      ...claims(mintOptions.audience, overrides)
    }
    return sign(payload, privateKey, kid)
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', server.url)
    const record: IssuerRequest = {
      time: now(),
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: headerRecord(request),
      outcome: 'served'
    }
    requests.push(record)
    if (url.pathname === '/.well-known/openid-configuration') {
      counters.discovery++
      sendJson(response, 200, discovery(issuerName, `${server.url}/.well-known/jwks`))
      return
    }
    if (url.pathname === '/.well-known/jwks') {
      counters.jwks++
      sendJson(response, 200, jwks)
      return
    }
    if (url.pathname !== '/idtoken') {
      record.outcome = 'not-found'
      sendJson(response, 404, { message: 'Not Found' })
      return
    }
    counters.idToken++
    // the auth scheme is case-insensitive (RFC 9110): Cloudsmith's own curl example sends "bearer"
    const bearer = /^bearer (.*)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (bearer !== requestToken) {
      counters.unauthorized++
      record.outcome = 'unauthorized'
      sendJson(response, 401, { message: 'Unauthorized: bad or missing bearer token' })
      return
    }
    if (url.searchParams.get('api-version') !== '2.0') {
      record.outcome = 'bad-request'
      sendJson(response, 400, { message: 'api-version 2.0 is required' })
      return
    }
    const fault = faults[0]
    if (fault !== undefined) {
      if (--fault.remaining <= 0) faults.shift()
      counters.faults++
      record.outcome = `fault:${typeof fault.fault === 'object' ? fault.fault.status : fault.fault}`
      answerFault(response, fault.fault)
      return
    }
    const audience = url.searchParams.get('audience') ?? undefined
    const token = await mint({}, { audience })
    record.audience = String(claims(audience)['aud'])
    record.outcome = 'issued'
    counters.issued++
    issued.push(token)
    sendJson(response, 200, { value: token })
  }

  return {
    url: server.url,
    issuer: issuerName,
    jwksUri: `${server.url}/.well-known/jwks`,
    tokenUrl: `${server.url}/idtoken?api-version=2.0`,
    requestToken,
    jwks,
    counters,
    requests,
    issued,
    env: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken
    }),
    claims,
    mint,
    setScenario: (next) => {
      scenario = next
    },
    fault: (fault, times = 1) => {
      faults.push({ fault, remaining: times })
    },
    reset: () => {
      scenario = {}
      faults = []
      Object.assign(counters, emptyCounters())
      requests.length = 0
      issued.length = 0
    },
    close: () => server.close()
  }
}

/** The claims GitHub puts in an ID token for `context` (without iat/nbf/exp/jti). */
export function githubClaims(
  context: TokenContext,
  issuer: string,
  audience?: string
): Record<string, unknown> {
  const owner = context.repository.split('/')[0] ?? ''
  const workflowRef = `${context.repository}/${context.workflowFile}@${context.ref}`
  const subject = subjectRepository(context)
  let sub = `repo:${subject}:ref:${context.ref}`
  if (context.environment !== undefined) {
    sub = `repo:${subject}:environment:${context.environment}`
  } else if (context.eventName === 'pull_request') {
    sub = `repo:${subject}:pull_request`
  }
  const claims: Record<string, unknown> = {
    iss: issuer,
    aud: audience ?? `https://github.com/${owner}`,
    sub,
    ref: context.ref,
    ref_type: context.ref.startsWith('refs/tags/')
      ? 'tag'
      : context.ref.startsWith('refs/heads/')
        ? 'branch'
        : '',
    ref_protected: 'false',
    sha: context.sha,
    repository: context.repository,
    repository_id: context.repositoryId,
    repository_owner: owner,
    repository_owner_id: context.repositoryOwnerId,
    repository_visibility: context.repositoryVisibility,
    actor: context.actor,
    actor_id: context.actorId,
    workflow: context.workflow,
    workflow_ref: workflowRef,
    workflow_sha: context.sha,
    job_workflow_ref: context.jobWorkflowRef ?? workflowRef,
    job_workflow_sha: context.sha,
    event_name: context.eventName,
    head_ref: '',
    base_ref: '',
    run_id: context.runId,
    run_number: context.runNumber,
    run_attempt: context.runAttempt,
    runner_environment: context.runnerEnvironment
  }
  if (context.environment !== undefined) claims['environment'] = context.environment
  return claims
}

/** The repository as `sub` names it, in the context's subject form. */
function subjectRepository(context: TokenContext): string {
  const [owner = '', name = ''] = context.repository.split('/')
  switch (context.subjectForm ?? 'names') {
    case 'names':
      return context.repository
    case 'ids-dash':
      return `${owner}-${context.repositoryOwnerId}/${name}-${context.repositoryId}`
    case 'ids-at':
      return `${owner}@${context.repositoryOwnerId}/${name}@${context.repositoryId}`
  }
}

function discovery(issuer: string, jwksUri: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: jwksUri,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid']
  }
}

async function sign(payload: Record<string, unknown>, key: CryptoKey, kid: string) {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key)
}

function answerFault(response: ServerResponse, fault: IssuerFault): void {
  if (typeof fault === 'object') {
    response.writeHead(fault.status, {
      'Content-Type': fault.contentType ?? 'application/json',
      'Content-Length': String(Buffer.byteLength(fault.body))
    })
    response.end(fault.body)
  } else if (typeof fault === 'number') {
    sendJson(response, fault, { message: `simulated failure ${fault}` })
  } else if (fault === 'hang') {
    // Never answer; close() destroys the connection.
  } else if (fault === 'reset') {
    response.socket?.destroy()
  } else if (fault === 'no-value') {
    sendJson(response, 200, { count: 1 })
  } else {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end('<html>not json</html>')
  }
}

function emptyCounters(): IssuerCounters {
  return { idToken: 0, issued: 0, unauthorized: 0, faults: 0, jwks: 0, discovery: 0 }
}
