/**
 * Hostile text in every outside field the action prints, end to end with the committed bundle
 * under the runner emulator (which parses output as actions/runner does: CR, LF and CRLF end a
 * line, `##[name]` is a command anywhere in a line, `stop-commands` turns commands off). Each run
 * must show that the runner obeyed no command but the action's own, that no secret escaped its
 * mask, that no outside text started a line of the log or put a control character in it, and that
 * the job summary renders nothing from outside as a link, image or HTML (expectNoInjection). A
 * seeded fuzz composes payloads from the same fragments.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { FaultKind, FaultOptions } from './support/fake-cloudsmith.js'
import type { ClaimOverrides, IssuerFault } from './support/issuer.js'
import type { RunResult } from './support/runner.js'
import { expectNoInjection } from './e2e/injection.js'
import {
  REQUIRED_CLAIMS,
  SERVICE_SLUG,
  actionNode,
  requireBundle,
  runStep,
  startStage,
  type Stage,
  type StageOptions,
  type StepOptions
} from './e2e/harness.js'

requireBundle()
const node = actionNode()
const TIMEOUT = 30_000

/** Turns the runner's command processing off: every later `::add-mask::` is printed as text. */
const STOP = 'Bad gateway ##[stop-commands]x'

/** Commands through every kind of line break, and the legacy form mid-line. */
const COMMANDS = [
  'said ##[add-mask]e',
  'x\r::add-mask::e',
  '\n::error::pwned',
  '\r\n::set-output name=token::evil',
  'a\u0085::add-mask::e',
  'a\u2028::error::pwned-ls',
  'a\u2029::warning::pwned-ps'
].join(' ')

/** Terminal escapes, other control characters, and Markdown and HTML for the job summary. */
const MARKUP = [
  'ansi \u001b[2J\u001b[31mred\u001b[0m',
  'bell\u0007 bs\u0008 nul\u0000 del\u007f csi\u009b',
  '[x](https://evil.example)',
  '![i](https://evil.example/i.png)',
  '<img src=x onerror=alert(1)>',
  '</details>',
  '<script>alert(1)</script>',
  '`code` | cell |',
  // a backslash before a pipe must not leave the pipe a cell border
  '[y](https://evil.example)\\| \\\\|',
  '```\n# injected heading\n```'
].join(' ')

const PAYLOADS = { stop: STOP, commands: COMMANDS, markup: MARKUP } as const
type PayloadName = keyof typeof PAYLOADS
const EACH = Object.entries(PAYLOADS) as Array<[PayloadName, string]>

/** Printable ASCII only, for a header (node refuses to send others). */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, ' ')

interface Scenario {
  stage?: StageOptions
  /** Faults for the fake Cloudsmith, queued in order. */
  cloudsmith?: Array<{ kind: FaultKind; options?: FaultOptions }>
  /** A fault of the ID-token service. */
  idToken?: { fault: IssuerFault; times?: number }
  claims?: ClaimOverrides
  step?: StepOptions
}

/** Runs one scenario with `payloads` from outside, checks it, and always tears down. */
async function injected(
  scenario: Scenario,
  payloads: readonly string[],
  check?: (result: RunResult, stage: Stage) => void
): Promise<void> {
  const stage = await startStage(scenario.stage)
  try {
    for (const fault of scenario.cloudsmith ?? []) stage.cloudsmith.fault(fault.kind, fault.options)
    if (scenario.idToken) stage.issuer.fault(scenario.idToken.fault, scenario.idToken.times)
    if (scenario.claims) stage.issuer.setScenario({ claims: scenario.claims })
    const result = await runStep(stage, { timeoutMs: 20_000, ...scenario.step })
    try {
      expect(result.main.timedOut).toBe(false)
      expectNoInjection(result, stage, payloads)
      check?.(result, stage)
    } finally {
      result.cleanup()
    }
  } finally {
    await stage.close()
  }
}

/** An exchange answer with `status` and `body`, `times` times. */
const answer = (
  status: number,
  body: string,
  options: Omit<FaultOptions, 'status' | 'body'> = {}
): { kind: FaultKind; options: FaultOptions } => ({
  kind: 'answer',
  options: { status, body, ...options }
})

/** The four shapes of an error body: `detail`, `error`, an HTML page, plain text. */
const BODIES: Array<[string, (payload: string) => string, string?]> = [
  ['JSON detail', (p) => JSON.stringify({ detail: p })],
  ['JSON error', (p) => JSON.stringify({ error: p })],
  ['an HTML page', (p) => `<html><body><h1>Error</h1><p>${p}</p></body></html>`],
  ['plain text', (p) => p, 'text/plain']
]

const signedIn = (result: RunResult): void => {
  expect(result.main.exitCode).toBe(0)
  expect(result.main.outputs['token']).toBeDefined()
}
const failed = (result: RunResult): void => {
  expect(result.main.exitCode).toBe(1)
  expect(result.main.outputs).toEqual({})
}

describe(`dist/ on Node ${node.version}: outside text never steers the runner`, () => {
  describe.each([400, 401, 403, 422])('the exchange refused with %i', (status) => {
    const [shape, body, contentType] = BODIES[[400, 401, 403, 422].indexOf(status)] ?? BODIES[0]!
    test.concurrent.each(EACH)(
      `${shape} holding the %s payload`,
      (_name, payload) =>
        injected(
          { cloudsmith: [answer(status, body(payload), contentType ? { contentType } : {})] },
          [payload],
          failed
        ),
      TIMEOUT
    )
  })

  describe.each([500, 502, 503, 504])('%i once, then a key (the retry line)', (status) => {
    const [shape, body, contentType] = BODIES[[500, 502, 503, 504].indexOf(status)] ?? BODIES[0]!
    test.concurrent.each(EACH)(
      `${shape} holding the %s payload`,
      (_name, payload) =>
        injected(
          {
            cloudsmith: [answer(status, body(payload), contentType ? { contentType } : {})],
            step: { with: { 'max-attempts': 2 } }
          },
          [payload],
          signedIn
        ),
      TIMEOUT
    )
  })

  test.concurrent.each(EACH)(
    '429 with the %s payload in the body and in Retry-After, then a key',
    (_name, payload) =>
      injected(
        {
          cloudsmith: [
            answer(429, JSON.stringify({ detail: payload }), {
              headers: { 'Retry-After': headerSafe(payload) }
            })
          ],
          step: { with: { 'max-attempts': 2 } }
        },
        [payload],
        signedIn
      ),
    TIMEOUT
  )

  test.concurrent.each(EACH)(
    "the ID-token service's 500 error text holding the %s payload, then a key",
    (_name, payload) =>
      injected(
        {
          idToken: { fault: { status: 500, body: JSON.stringify({ message: payload }) } },
          step: { with: { 'max-attempts': 2 } }
        },
        [payload],
        signedIn
      ),
    TIMEOUT
  )

  test.concurrent.each(EACH)(
    "the ID-token service's 403 page (not JSON) holding the %s payload",
    (_name, payload) =>
      injected(
        {
          idToken: {
            fault: { status: 403, body: `<html>${payload}</html>`, contentType: 'text/html' }
          }
        },
        [payload],
        failed
      ),
    TIMEOUT
  )

  test.concurrent.each(EACH)(
    "verify: the identity's name and slug hold the %s payload",
    (_name, payload) =>
      injected(
        {
          cloudsmith: [
            {
              kind: 'answer',
              options: {
                endpoint: 'user-self',
                status: 200,
                body: JSON.stringify({ authenticated: true, name: payload, slug: `s ${payload}` })
              }
            }
          ],
          step: { with: { verify: true } }
        },
        [payload],
        signedIn
      ),
    TIMEOUT
  )

  /** Every claim the action shows, each with the payload; one as an object. */
  const hostileClaims = (payload: string): ClaimOverrides => ({
    sub: `repo:octo-org/octo-repo:${payload}`,
    repository: `octo-org/${payload}`,
    repository_owner: payload,
    ref: `refs/heads/${payload}`,
    environment: { name: payload },
    workflow_ref: `octo-org/octo-repo/.github/workflows/${payload}@refs/heads/main`,
    job_workflow_ref: `${payload}/x.yml@main`,
    event_name: payload,
    runner_environment: payload
  })

  test.concurrent.each(EACH)(
    'dry run: the ID token claims hold the %s payload',
    (_name, payload) =>
      injected(
        { claims: hostileClaims(payload), step: { with: { 'dry-run': true } } },
        [payload],
        (result) => expect(result.main.exitCode).toBe(0)
      ),
    TIMEOUT
  )

  test.concurrent.each(EACH)(
    'refused: the claims in the diagnosis hold the %s payload',
    (_name, payload) => injected({ claims: hostileClaims(payload) }, [payload], failed),
    TIMEOUT
  )

  test.concurrent.each(EACH)(
    'an aud claim holding the %s payload, accepted by a provider that does not pin aud',
    (_name, payload) =>
      injected(
        {
          stage: { cloudsmith: { providers: undefined } },
          claims: { aud: `https://github.com/octo-org ${payload}` }
        },
        [payload],
        signedIn
      ),
    TIMEOUT
  )

  test.concurrent.each([
    ['the legacy form', '##[stop-commands]x'],
    ['a leading ::', '::stop-commands::x'],
    ['a leading :: after spaces', '   ::add-mask::e'],
    ['a legacy mask mid-value', 'https://github.com/octo-org##[add-mask]e']
  ])(
    'the audience input with %s is refused before anything is sent',
    async (_name, audience) => {
      // a provider without an aud requirement: were the audience used, a key would be issued
      const stage = await startStage({
        cloudsmith: {
          providers: [
            {
              providerUrl: 'https://token.actions.githubusercontent.com',
              requiredClaims: { sub: REQUIRED_CLAIMS.sub },
              serviceAccounts: [SERVICE_SLUG]
            }
          ]
        }
      })
      try {
        const result = await runStep(stage, { with: { audience } })
        try {
          expectNoInjection(result, stage, [audience])
          expect(result.main.exitCode).toBe(1)
          expect(result.main.annotations.map((a) => a.title)).toEqual(['Invalid input'])
          expect(result.main.annotations[0]?.message).toContain("Input 'audience'")
          expect(stage.issuer.counters.idToken).toBe(0)
          expect(stage.cloudsmith.requests).toEqual([])
        } finally {
          result.cleanup()
        }
      } finally {
        await stage.close()
      }
    },
    TIMEOUT
  )

  test.concurrent(
    'an audience input holding Markdown: the summary shows it as text, not as a link',
    () =>
      injected(
        {
          stage: {
            cloudsmith: {
              providers: [
                {
                  providerUrl: 'https://token.actions.githubusercontent.com',
                  requiredClaims: { sub: REQUIRED_CLAIMS.sub },
                  serviceAccounts: [SERVICE_SLUG]
                }
              ]
            }
          },
          step: { with: { audience: '[x](https://evil.example) <img src=x>' } }
        },
        ['[x](https://evil.example) <img src=x>'],
        signedIn
      ),
    TIMEOUT
  )
})

describe(`dist/ on Node ${node.version}: node's own error messages`, () => {
  const fixtures = fileURLToPath(new URL('./fixtures/tls-hostile-altnames/', import.meta.url))

  test.concurrent(
    'a TLS certificate whose altnames hold commands: node quotes them in its error',
    async () => {
      const server = createHttpsServer(
        {
          key: readFileSync(`${fixtures}leaf.key`),
          cert: readFileSync(`${fixtures}leaf.pem`)
        },
        (_request, response) => response.end()
      )
      await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
      const { port } = server.address() as AddressInfo
      const stage = await startStage()
      try {
        const result = await runStep(stage, {
          with: { 'api-url': `https://localhost:${port}`, 'max-attempts': 2 },
          env: { NODE_EXTRA_CA_CERTS: `${fixtures}ca.pem` },
          timeoutMs: 20_000
        })
        try {
          // node's message names the altnames: this is the path the payload takes
          expect(result.main.stdout.some((line) => line.includes("cert's altnames"))).toBe(true)
          expectNoInjection(result, stage, ['DNS:##[stop-commands]x, DNS:x##[add-mask]e'])
          failed(result)
        } finally {
          result.cleanup()
        }
      } finally {
        server.closeAllConnections()
        await new Promise((closed) => server.close(closed))
        await stage.close()
      }
    },
    TIMEOUT
  )
})

describe(`dist/ on Node ${node.version}: validate, then mask (issue 7 item 3)`, () => {
  test.concurrent.each([
    ['e', 201],
    ['Cloudsmith', 200]
  ] as const)(
    'a %s token (not a JWT, not a credential) is never masked: the log stays readable',
    (token, status) =>
      injected({ cloudsmith: [answer(status, JSON.stringify({ token }))] }, [], (result) => {
        failed(result)
        expect(result.main.masks).not.toContain(token)
        expect(result.main.log.join('\n')).not.toContain('***')
        expect(result.main.log[0]).toMatch(/^Requesting a GitHub ID token for audience /)
        expect(result.main.annotations).toEqual([
          expect.objectContaining({ title: 'Unusable answer from Cloudsmith' })
        ])
        const message = result.main.annotations[0]?.message ?? ''
        expect(message).toContain(`Cloudsmith answered ${status} to the exchange`)
        // the value is not quoted: only the shape of the body
        expect(message).toContain('Body: a JSON object with keys token')
      }),
    TIMEOUT
  )

  test.concurrent(
    'a malformed but credential-like token is masked and never shown',
    () => {
      const token = `ck_${'9f8e7d6c5b4a3210'.repeat(3)}`
      return injected(
        { cloudsmith: [answer(201, JSON.stringify({ token }), { token })] },
        [],
        (result) => {
          failed(result)
          expect(result.main.masks).toContain(token)
          expect(result.main.lines.some((line) => line.text.includes(token) && !line.command)).toBe(
            false
          )
        }
      )
    },
    TIMEOUT
  )

  test.concurrent(
    'a well-formed key is masked before anything else is printed',
    () =>
      injected({}, [], (result, stage) => {
        signedIn(result)
        const key = stage.cloudsmith.exchanges()[0]?.outcome.token ?? 'none'
        const lines = result.main.lines
        const exchange = lines.findIndex(
          (line) => line.text.includes('attempt 1 of 5') && line.text.includes('OpenID')
        )
        const mask = lines.findIndex(
          (line) => line.command?.command === 'add-mask' && line.command.data === key
        )
        // the mask comes after the exchange began, and nothing but commands before it
        expect(exchange).toBeGreaterThanOrEqual(0)
        expect(mask).toBeGreaterThan(exchange)
        expect(lines.slice(exchange + 1, mask).filter((line) => !line.command)).toEqual([])
      }),
    TIMEOUT
  )
})

/** mulberry32: a small seeded PRNG, so the fuzz is the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FRAGMENTS = [
  '\\|',
  '\n',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u2029',
  '::',
  '##[',
  ']',
  ' ',
  '\t',
  'add-mask',
  'stop-commands',
  'error',
  'warning',
  'notice',
  'debug',
  'group',
  'echo',
  'set-output name=token',
  'add-matcher',
  '::add-mask::e',
  '##[add-mask]e',
  '::error::pwned',
  '##[stop-commands]x',
  'e',
  'pwned',
  '%0A',
  '%25',
  '\u001b[2J',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\u0000',
  '\u0007',
  '\u007f',
  '\u009b',
  '[x](https://evil.example)',
  '![i](https://evil.example/i.png)',
  '<img src=x>',
  '</details>',
  '`',
  '```',
  '|',
  '# ',
  '> '
]

const SEED = 20261128
const FUZZ_CASES = 30

function fuzzBodies(seed: number, count: number): string[] {
  const random = prng(seed)
  const pick = (): string => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? ''
  return Array.from({ length: count }, () => {
    const parts = 4 + Math.floor(random() * 9)
    return Array.from({ length: parts }, pick).join('')
  })
}

describe(`dist/ on Node ${node.version}: fuzz (seed ${SEED}, ${FUZZ_CASES} bodies)`, () => {
  const bodies = fuzzBodies(SEED, FUZZ_CASES).map((body, index) => [index, body] as const)
  test.concurrent.each(bodies)(
    `seed ${SEED} body %i: %j`,
    (index, body) =>
      index % 2 === 0
        ? injected(
            {
              cloudsmith: [
                {
                  kind: 'answer',
                  options: {
                    endpoint: 'user-self',
                    status: 200,
                    body: JSON.stringify({ authenticated: true, name: body, slug: body })
                  }
                }
              ],
              step: { with: { verify: true } }
            },
            [body],
            signedIn
          )
        : injected(
            {
              cloudsmith: [answer(503, body, { contentType: 'text/html' })],
              step: { with: { 'max-attempts': 2 } }
            },
            [body],
            signedIn
          ),
    TIMEOUT
  )
})

/**
 * Issue 15's classes: control and invisible characters inside `eyJ`, UTF-16 bodies, and the
 * request's own credential echoed back whole, cut, split by spaces or by NULs (the ID token to
 * the exchange, the key to verify). `{...}` fragments are filled in by the fake Cloudsmith from
 * what it was sent.
 */
const SECRET_FRAGMENTS = [
  'e\u0000yJ',
  'e\u001b[0myJ',
  'e\u200byJ',
  'eyJhbGciOiJIUzI1NiJ9',
  '\u00ad',
  '\ufeff',
  '{secret}',
  '{secret-piece}',
  '{secret-spaced}',
  '{secret-nul}'
]
const ECHOES = ['{secret}', '{secret-piece}', '{secret-spaced}', '{secret-nul}']

/** The body with each `{...}` fragment made from `secret`. */
function fillEchoes(body: string, secret: string): string {
  const piece = secret.slice(17, 77)
  return body
    .replaceAll('{secret}', secret)
    .replaceAll('{secret-piece}', piece)
    .replaceAll('{secret-spaced}', (secret.match(/.{1,9}/g) ?? []).join(' '))
    .replaceAll('{secret-nul}', piece.split('').join('\u0000'))
}

const SECRET_SEED = 20261201
const SECRET_FUZZ_CASES = 16

function secretFuzzBodies(seed: number, count: number): string[] {
  const random = prng(seed)
  const all = [...FRAGMENTS, ...SECRET_FRAGMENTS, ...SECRET_FRAGMENTS]
  const pick = (from: readonly string[]): string => from[Math.floor(random() * from.length)] ?? ''
  return Array.from({ length: count }, () => {
    const parts = Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(all))
    // every body echoes the credential at least once
    parts.splice(Math.floor(random() * parts.length), 0, pick(ECHOES))
    return parts.join('')
  })
}

describe(`dist/ on Node ${node.version}: fuzz with echoed secrets (seed ${SECRET_SEED}, ${SECRET_FUZZ_CASES} bodies)`, () => {
  const bodies = secretFuzzBodies(SECRET_SEED, SECRET_FUZZ_CASES).map(
    (body, index) => [index, body] as const
  )
  test.concurrent.each(bodies)(
    `seed ${SECRET_SEED} body %i: %j`,
    (index, body) =>
      index % 2 === 0
        ? injected(
            {
              cloudsmith: [
                {
                  kind: 'answer',
                  options: {
                    endpoint: 'user-self',
                    status: 200,
                    echo: (key) =>
                      JSON.stringify({
                        authenticated: true,
                        name: fillEchoes(body, key),
                        slug: fillEchoes(body, key)
                      })
                  }
                }
              ],
              step: { with: { verify: true } }
            },
            [body],
            signedIn
          )
        : injected(
            {
              cloudsmith: [
                answer(503, '', {
                  contentType: 'text/html',
                  echo: (idToken) => fillEchoes(body, idToken),
                  // every other one as UTF-16, read by the action as UTF-8
                  utf16: index % 4 === 3
                })
              ],
              step: { with: { 'max-attempts': 2 } }
            },
            [body],
            signedIn
          ),
    TIMEOUT
  )
})

/**
 * Credentials in `api-url` and in the proxy variables, seeded: a password made of three marked
 * pieces joined by characters that break URL parsing (`#`, `/`, `?`, `@`, `%ZZ`, `:`) never
 * shows, whole or as a piece, and neither does the user name, whether the value is refused
 * (Invalid input, Proxy setting unusable) or used.
 */
const PASSWORD_PIECES = ['Zq9Vw', 'Xk7Rt', 'Wm2Jp']
const URL_BREAKERS = ['#', '/', '?', '@', '%ZZ', ':', '%40', '']
const CREDENTIAL_SEED = 20261202
const CREDENTIAL_CASES = 12

/**
 * Whether @actions/http-client reads `value` as the proxy it was meant to name: its own steps
 * (`new URL`, then `decodeURIComponent` of user and password), after the action has put http://
 * in front of a value without a scheme.
 */
function namesTheProxy(value: string): boolean {
  try {
    const url = new URL(/^[a-z]+:\/\//.test(value) ? value : `http://${value}`)
    decodeURIComponent(url.username)
    decodeURIComponent(url.password)
    return url.username === 'alice' && url.hostname === 'proxy.invalid'
  } catch {
    return false
  }
}

function credentialValues(seed: number, count: number): Array<[number, string, string]> {
  const random = prng(seed)
  const pick = (from: readonly string[]): string => from[Math.floor(random() * from.length)] ?? ''
  return Array.from({ length: count }, (_, index) => {
    const password = PASSWORD_PIECES.map((piece, at) =>
      at === 0 ? piece : `${pick(URL_BREAKERS)}${piece}`
    ).join('')
    if (index % 2 === 0) {
      const tail = pick(['', `?token=${password}`, `#${password}`, '/v1'])
      return [index, 'api-url', `https://alice:${password}@127.0.0.1:9${tail}`]
    }
    const scheme = pick(['', 'http://', 'https://'])
    return [
      index,
      pick(['HTTPS_PROXY', 'http_proxy']),
      `${scheme}alice:${password}@proxy.invalid:3128`
    ]
  })
}

describe(`dist/ on Node ${node.version}: fuzz of credentials in api-url and proxy values (seed ${CREDENTIAL_SEED})`, () => {
  test.concurrent.each(credentialValues(CREDENTIAL_SEED, CREDENTIAL_CASES))(
    `seed ${CREDENTIAL_SEED} case %i: %s=%j`,
    (_index, name, value) =>
      injected(
        name === 'api-url'
          ? { step: { with: { 'api-url': value } } }
          : { step: { env: { [name]: value } } },
        [value],
        (result) => {
          const shown = [...result.main.log, ...(result.post?.log ?? []), result.main.summary].join(
            '\n'
          )
          for (const secret of ['alice', ...PASSWORD_PIECES]) expect(shown).not.toContain(secret)
          const titles = result.main.annotations.map((annotation) => annotation.title)
          if (name === 'api-url') expect(titles).toEqual(['Invalid input'])
          // a proxy http-client reads as alice at proxy.invalid is not used for the stage's
          // 127.0.0.1, and the run signs in; any other would be dropped silently: the step stops
          else if (namesTheProxy(value)) signedIn(result)
          else expect(titles).toEqual(['Proxy setting unusable'])
        }
      ),
    TIMEOUT
  )
})
