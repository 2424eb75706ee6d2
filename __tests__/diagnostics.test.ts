/**
 * What the user reads when something fails, and what the job summary shows when it works: one
 * titled error per failure with cause and fix, never a token.
 */
import { describe, expect, jest, test } from '@jest/globals'
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { createHttp } from '../src/http.js'
import { main, type MainDeps } from '../src/main.js'
import { githubClaims, jwt } from './lib/jwt.js'
import { recorder, type Recorder } from './lib/recorder.js'
import { cloudsmith, cloudsmithKey, expectNoLeak, run, type Run } from './lib/run-main.js'
import { hang, json, text } from './lib/scripted-server.js'

/** Every error title the action can give, with hosts and statuses generic: README explains each. */
const ERROR_TITLES = [
  'Invalid input',
  'Missing permission id-token: write',
  'No ID token for a pull request from a fork',
  'No ID token for a Dependabot run',
  'Could not get a GitHub ID token',
  'GitHub ID token unavailable',
  'Cloudsmith refused the ID token',
  'Redirect refused',
  'Cloudsmith endpoint not found',
  'Cloudsmith answered <status>',
  'Unusable answer from Cloudsmith',
  'Answer too large',
  'Cannot reach <host>',
  'No answer from <host>',
  'TLS certificate not trusted',
  'Certificate checks are turned off',
  'Proxy refused the connection (<status>)',
  'Cloudsmith unavailable (<status>)',
  'Cloudsmith rate limit',
  'Cloudsmith does not accept the new key',
  'Package manager not configured',
  'Node debug output would show credentials',
  'Proxy setting unusable',
  'Step time budget used up',
  'Unexpected error'
]
const WARNING_TITLES = [
  'Cloudsmith key expires soon',
  'Cloudsmith key expired during the job',
  'Cleanup failed',
  'Cleanup incomplete',
  'docker not logged out',
  'Job summary not written'
]

/** The one failure of a step: a known title, the whole message in the job summary too. */
function failureIn(rec: Recorder): { title: string; text: string } {
  const fails = rec.events.filter((e) => e.kind === 'fail')
  expect(fails).toHaveLength(1) // exactly one annotation per failure
  const fail = fails[0]!
  const generic = fail.title!.replace(/127\.0\.0\.1:\d+/, '<host>').replace(/\b\d{3}\b/, '<status>')
  expect(ERROR_TITLES).toContain(generic)
  expect(rec.summary.join('\n')).toContain(fail.text)
  expect(rec.summary.join('\n')).toContain(`### Cloudsmith OIDC: \`${fail.title}\``)
  return { title: fail.title!, text: fail.text }
}

function failureOf(r: Run): { title: string; text: string } {
  expectNoLeak(r)
  return failureIn(r.rec)
}

/** Deps for calling main directly where run() does not fit. */
function baseDeps(): Omit<MainDeps, 'io'> {
  return {
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'u', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
    readEvent: () => ({}),
    getIdToken: () => jwt(githubClaims),
    http: createHttp('test'),
    clock: { now: () => Date.now(), sleep: async () => undefined },
    random: () => 0
  }
}

const noOidc = { GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: 'octocat' }

describe('no ID token available', () => {
  test('a pull request from a fork is named as such', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      {},
      {
        env: { ...noOidc, GITHUB_EVENT_NAME: 'pull_request' },
        event: {
          pull_request: {
            head: { repo: { full_name: 'someone/app', fork: true } },
            base: { repo: { full_name: 'acme/app' } }
          }
        }
      }
    )
    const { title, text } = failureOf(r)
    expect(title).toBe('No ID token for a pull request from a fork')
    expect(text).toContain('from a fork')
    // the condition must also hold on push and release runs, or it skips the runs that publish
    expect(text).toContain(
      "(if: github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)"
    )
    expect(server.received).toHaveLength(0)
  })

  test('a pull request inside the repository is a missing permission, not a fork', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      {},
      {
        env: { ...noOidc, GITHUB_EVENT_NAME: 'pull_request' },
        event: {
          pull_request: {
            head: { repo: { full_name: 'acme/app', fork: false } },
            base: { repo: { full_name: 'acme/app' } }
          }
        }
      }
    )
    expect(failureOf(r).title).toBe('Missing permission id-token: write')
  })

  test('a pull request from a deleted fork is a fork', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      {},
      {
        env: { ...noOidc, GITHUB_EVENT_NAME: 'pull_request_review' },
        event: { pull_request: { head: { repo: null }, base: { repo: { full_name: 'acme/app' } } } }
      }
    )
    const { title, text } = failureOf(r)
    expect(title).toBe('No ID token for a pull request from a fork')
    expect(text).toContain(
      "(if: github.event_name != 'pull_request_review' || github.event.pull_request.head.repo.full_name == github.repository)"
    )
  })

  test('a pull request between branches of a repository that is itself a fork is not', async () => {
    const server = await cloudsmith(json(201, {}))
    const repo = { full_name: 'alice/app', fork: true }
    const r = await run(
      server,
      {},
      {
        env: { ...noOidc, GITHUB_EVENT_NAME: 'pull_request' },
        event: { pull_request: { head: { repo }, base: { repo } } }
      }
    )
    expect(failureOf(r).title).toBe('Missing permission id-token: write')
  })

  test('a Dependabot run: the permission raises its read-only default, or skip it', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      {},
      { env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_ACTOR: 'dependabot[bot]' } }
    )
    const { title, text } = failureOf(r)
    expect(title).toBe('No ID token for a Dependabot run')
    expect(text).toContain('read-only token by default')
    expect(text).toContain('    id-token: write')
    expect(text).toContain("if: github.actor != 'dependabot[bot]'")
  })

  test('Dependabot is recognised from the event sender too', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(
      server,
      {},
      { env: { GITHUB_EVENT_NAME: 'push' }, event: { sender: { login: 'dependabot[bot]' } } }
    )
    expect(failureOf(r).title).toBe('No ID token for a Dependabot run')
  })

  test('otherwise: the permissions block to add', async () => {
    const server = await cloudsmith(json(201, {}))
    const r = await run(server, {}, { env: noOidc })
    const { title, text } = failureOf(r)
    expect(title).toBe('Missing permission id-token: write')
    expect(text).toContain(
      [
        'Fix: add this to the job (or the workflow):',
        '  permissions:',
        '    id-token: write',
        '    contents: read'
      ].join('\n')
    )
    expect(r.idTokens).toHaveLength(0)
  })
})

describe('a refused exchange', () => {
  test('shows the claims, the org and service tried, and the checks to make', async () => {
    const server = await cloudsmith(json(401, { detail: 'Invalid token.' }))
    const r = await run(server)
    const { title, text } = failureOf(r)
    expect(title).toBe('Cloudsmith refused the ID token')
    expect(text).toContain(
      "- Provider URL: must be exactly https://token.actions.githubusercontent.com (or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other)."
    )
    expect(text).toContain(
      [
        "- Audience: the token's aud is https://github.com/acme (GitHub's default). If the provider requires another aud, set the audience input to it.",
        "  A provider set up for the Cloudsmith CLI's own OIDC support may require aud = cloudsmith (the audience the CLI asks for): then set 'audience: cloudsmith' on this step."
      ].join('\n')
    )
    expect(text).toContain(
      [
        // Cloudsmith's OpenID Connect page: the wildcard .*, only at the end of a claim's value
        "- Required claims: each must equal a value below; Cloudsmith's one wildcard is .* at the very end of a value (ref = refs/tags/.* admits every tag); it is supported nowhere else in a value.",
        '  Prefer the numeric IDs (repository_owner_id = 4242, repository_id = 777001): a name can be renamed or taken over later, an ID cannot, so a claim on an ID is one a recycled or renamed name cannot match.',
        "  This token's sub carries names only, without the numeric IDs: repo:acme/app:ref:refs/heads/main. After a rename or transfer (or an opt-in) GitHub switches the repository to a sub with the numeric IDs, which a required sub in this form no longer matches."
      ].join('\n')
    )
    expect(text).toContain(
      "- Service account: 'ci-publisher' must exist in 'acme' and be linked to the provider."
    )
    expect(text).not.toContain('Reusable workflow')
    expect(text).toContain(
      [
        'ID token claims:',
        '  iss                  https://token.actions.githubusercontent.com',
        '  aud                  https://github.com/acme',
        '  sub                  repo:acme/app:ref:refs/heads/main',
        '  repository           acme/app',
        '  repository_owner     acme',
        '  repository_owner_id  4242',
        '  repository_id        777001',
        '  ref                  refs/heads/main',
        '  environment          not in this token',
        '  workflow_ref         acme/app/.github/workflows/release.yml@refs/heads/main',
        '  job_workflow_ref     acme/app/.github/workflows/release.yml@refs/heads/main',
        '  event_name           push',
        '  runner_environment   github-hosted'
      ].join('\n')
    )
  })

  test('explains a reusable workflow', async () => {
    const server = await cloudsmith(json(403, { detail: 'Forbidden.' }))
    const r = await run(
      server,
      {},
      {
        claims: { job_workflow_ref: 'acme/shared/.github/workflows/publish.yml@refs/tags/v2' }
      }
    )
    expect(failureOf(r).text).toContain(
      '- Reusable workflow: this job runs acme/shared/.github/workflows/publish.yml@refs/tags/v2, called from acme/app/.github/workflows/release.yml@refs/heads/main. A required claim on workflow_ref matches the caller; require job_workflow_ref to pin the reusable workflow.'
    )
  })

  test('names a GitHub Enterprise issuer and a custom audience', async () => {
    const server = await cloudsmith(json(422, { detail: 'Unprocessable.' }))
    const r = await run(
      server,
      { audience: 'https://api.cloudsmith.io' },
      {
        claims: { iss: 'https://token.actions.githubusercontent.com/acme-enterprise' }
      }
    )
    const { text } = failureOf(r)
    expect(text).toContain(
      [
        "- Provider URL: must be exactly https://token.actions.githubusercontent.com/acme-enterprise (or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other).",
        '  This is not the usual github.com issuer: GitHub Enterprise with its own issuer.'
      ].join('\n')
    )
    expect(text).toContain("- Audience: the token's aud is https://api.cloudsmith.io. If")
    // not GitHub's default audience: the Cloudsmith CLI's audience is no likely cause
    expect(text).not.toContain('audience: cloudsmith')
  })

  test.each([
    ['repo:acme-4242/app-777001:ref:refs/heads/main'],
    ['repo:acme@4242/app@777001:environment:production']
  ])("names GitHub's immutable subject %s, whatever its spelling", async (sub) => {
    const server = await cloudsmith(json(401, { detail: 'Invalid token.' }))
    const r = await run(server, {}, { claims: { sub } })
    const { text } = failureOf(r)
    expect(text).toContain(
      `  This token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${sub}. A required sub claim must be written in this form, IDs included; copy it from here.`
    )
    expect(text).toContain(
      '  Prefer the numeric IDs (repository_owner_id = 4242, repository_id = 777001)'
    )
  })

  test('a sub that merely contains the digits of an ID elsewhere is not the immutable form', async () => {
    const server = await cloudsmith(json(401, { detail: 'Invalid token.' }))
    const r = await run(
      server,
      {},
      { claims: { sub: 'repo:acme/app:ref:refs/heads/fix-47770012' } }
    )
    expect(failureOf(r).text).toContain(
      "  This token's sub carries names only, without the numeric IDs"
    )
  })
})

describe('network and service failures', () => {
  test('unreachable: host, last error, attempts, time and proxy variables', async () => {
    const server = await cloudsmith(json(201, {}))
    await server.close() // nothing listens there now
    const r = await run(
      server,
      { 'max-attempts': '2' },
      {
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/x?y=1',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
          HTTPS_PROXY: 'http://user:secret@proxy.internal:3128',
          NO_PROXY: 'localhost'
        }
      }
    )
    const host = new URL(server.url).host
    const { title, text } = failureOf(r)
    expect(title).toBe(`Cannot reach ${host}`)
    expect(text).toMatch(/^The OpenID exchange failed after 2 attempt\(s\) over \d+\.\ds\.$/m)
    expect(text).toContain(`Last error: request to ${host} failed: connect ECONNREFUSED`)
    expect(text).toContain(
      '(DNS, a firewall, or the proxy settings: HTTPS_PROXY, NO_PROXY are set)'
    )
    expect(text).not.toContain('secret')
  })

  test('throttled until the last attempt', async () => {
    const server = await cloudsmith(
      json(
        429,
        { detail: 'Request was throttled. Expected available in 1 second.' },
        { 'Retry-After': '1' }
      )
    )
    const r = await run(server, { 'max-attempts': '2' })
    const { title, text } = failureOf(r)
    expect(title).toBe('Cloudsmith rate limit')
    expect(text).toContain('strategy.max-parallel')
  })

  test('the ID token service never answering', async () => {
    const server = await cloudsmith(json(201, {}))
    const io = recorder({
      org: 'acme',
      'service-slug': 'svc',
      'api-url': server.url,
      'max-attempts': '2',
      'timeout-seconds': '1'
    })
    await main({ ...baseDeps(), io, getIdToken: () => new Promise<string>(() => undefined) })
    const fail = failureIn(io)
    expect(fail.title).toBe('GitHub ID token unavailable')
    expect(fail.text).toContain('Getting the GitHub ID token failed after 2 attempt(s)')
    expect(server.received).toHaveLength(0)
  })

  test('the ID token service unreachable: its host, the network error and the proxy variables', async () => {
    const closed = await cloudsmith(json(200, {}))
    await closed.close() // nothing listens there now
    const server = await cloudsmith(json(201, {}))
    const io = recorder({
      org: 'acme',
      'service-slug': 'svc',
      'api-url': server.url,
      'max-attempts': '2'
    })
    const tokenUrl = `${closed.url}/token?api-version=2.0`
    const saved = { ...process.env }
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = tokenUrl
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
    const mute = jest.spyOn(process.stdout, 'write').mockImplementation(() => true) // core's debug
    try {
      await main({
        ...baseDeps(),
        io,
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: tokenUrl,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
          HTTPS_PROXY: 'http://proxy.internal:3128'
        },
        getIdToken: (audience) => core.getIDToken(audience)
      })
    } finally {
      mute.mockRestore()
      process.env = saved
    }
    const host = new URL(closed.url).host
    const { title, text } = failureIn(io)
    expect(title).toBe('GitHub ID token unavailable')
    expect(text).toContain(`Last error: getting the ID token failed: connect ECONNREFUSED ${host}`)
    expect(text).not.toContain('Error Code : undefined')
    expect(text).toContain(
      `Likely cause: GitHub's token service at ${host} is unreachable or having trouble, or the proxy settings: HTTPS_PROXY is set.`
    )
    expect(text).not.toContain('request-token')
  })

  test('a server that hangs reports the timeout', async () => {
    const server = await cloudsmith(hang)
    const r = await run(
      server,
      { 'max-attempts': '1', 'timeout-seconds': '1' },
      {
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: 'u',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
          https_proxy: 'http://p:1'
        }
      }
    )
    const { title, text } = failureOf(r)
    // it accepted the connection: no answer is not "cannot reach"
    expect(title).toBe(`No answer from ${new URL(server.url).host}`)
    expect(text).toContain(
      '(the proxy settings: https_proxy is set; a firewall that drops traffic) took longer than timeout-seconds to answer'
    )
    expect(text).toContain('Fix: raise timeout-seconds for a slow link')
  })
})

describe('issue 15: settings that would leak, and the one deadline', () => {
  const oidcEnv = { ACTIONS_ID_TOKEN_REQUEST_URL: 'u', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }

  test.each(['http', 'net', 'tls,https', 'HTTP2', 'ht*', 'undici'])(
    'NODE_DEBUG=%s stops the step before anything is sent',
    async (value) => {
      const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
      const r = await run(server, {}, { env: { ...oidcEnv, NODE_DEBUG: value } })
      const { title, text } = failureOf(r)
      expect(title).toBe('Node debug output would show credentials')
      expect(text).toContain('NODE_DEBUG turns on Node.js')
      expect(text).toContain('Fix: remove NODE_DEBUG for this step')
      expect(r.idTokens).toEqual([])
      expect(server.received).toEqual([])
    }
  )

  test('NODE_DEBUG for other modules is left alone', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const r = await run(server, {}, { env: { ...oidcEnv, NODE_DEBUG: 'module,worker' } })
    expect(r.rec.failed).toBe(false)
  })

  test.each([
    ['HTTPS_PROXY', 'http://al%ZZice:S3cretPw0rd@proxy.internal:3128'],
    ['https_proxy', 'http://alice:S3cret#Pw0rd@proxy.internal:3128'],
    ['HTTP_PROXY', 'alice:1234/S3cretPw0rd@proxy.internal:3128']
  ])('%s=%j stops the step, named without its credentials', async (name, value) => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const r = await run(server, {}, { env: { ...oidcEnv, [name]: value } })
    const { title, text } = failureOf(r)
    expect(title).toBe('Proxy setting unusable')
    expect(text).toContain(`${name} cannot be used as a proxy URL: `)
    expect(text).toContain(
      'it would connect directly, past the proxy, or to another host. Nothing was sent anywhere.'
    )
    expect(r.rec.log()).not.toMatch(/alice|S3cret|1234|ZZ/)
    expect(r.idTokens).toEqual([])
    expect(server.received).toEqual([])
  })

  test('a server that never answers: the step stops when its budget is used up', async () => {
    const server = await cloudsmith(hang)
    const started = Date.now()
    const r = await run(server, {
      'max-attempts': '10',
      'timeout-seconds': '1',
      'total-timeout-seconds': '3'
    })
    const { title, text } = failureOf(r)
    expect(title).toBe('Step time budget used up')
    expect(text).toMatch(
      /^The OpenID exchange was stopped after \d+ attempt\(s\): the step's time budget \(total-timeout-seconds, 3\.0s\) ran out\.$/m
    )
    expect(text).toContain('Last error: no complete answer from')
    expect(text).toContain('raise total-timeout-seconds')
    // the retry waits pass at once on this clock; the requests' own time is real (3 s; 4x margin)
    expect(Date.now() - started).toBeLessThan(12_000)
  })

  test('a Retry-After past the budget ends the step at once, and says so', async () => {
    const server = await cloudsmith(json(429, { detail: 'Slow down.' }, { 'Retry-After': '120' }))
    const r = await run(server, { 'max-attempts': '5', 'total-timeout-seconds': '60' })
    const { title, text } = failureOf(r)
    expect(title).toBe('Step time budget used up')
    expect(text).toContain('The OpenID exchange was stopped after 1 attempt(s)')
    expect(text).toMatch(
      /^The next attempt had to wait 6\d\.\ds \(the server asked for that with Retry-After\), past the end of the budget\.$/m
    )
    expect(server.received).toHaveLength(1)
  })
})

describe('verify', () => {
  test('the identity is outside text: bounded, and never a piece of the key (issue 15 item 3)', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }), (res, req) => {
      const echoed = String(req.headers['x-api-key'])
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        JSON.stringify({
          authenticated: true,
          // the key in pieces split by spaces, and a name far longer than any real one
          name: (echoed.match(/.{1,10}/g) ?? []).join(' '),
          slug: `${'s'.repeat(500)}${echoed.slice(40, 60)}`
        })
      )
    })
    const r = await run(server, { verify: 'true' })
    expect(r.rec.failed).toBe(false)
    // what is printed (outputs and variables hold the key by design)
    const printed = r.rec
      .log()
      .split('\n')
      .filter((line) => /^(info|debug|warning|fail)/.test(line))
    const shown = [...printed, ...r.rec.summary].join('\n')
    for (let start = 0; start + 16 <= key.length; start++) {
      expect(shown.replace(/[ `]/g, '')).not.toContain(key.slice(start, start + 16))
    }
    expect(shown).toContain('info: Authenticated to Cloudsmith as *** (')
    expect(shown).toMatch(/s{100}… \(\d+ characters\)/)
    expect(shown).not.toMatch(/s{101}/)
  })

  test('logs and summarises who the key authenticates as', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(
      json(201, { token: key }),
      json(200, {
        authenticated: true,
        slug: 'ci-publisher-ab12',
        name: 'CI Publisher',
        email: 'x@y'
      })
    )
    const r = await run(server, { verify: 'true' })
    expect(r.rec.failed).toBe(false)
    expect(server.received[1]!.method).toBe('GET')
    expect(server.received[1]!.url).toBe('/user/self/')
    expect(server.received[1]!.headers['x-api-key']).toBe(key)
    expect(r.rec.log()).toContain(
      'info: Authenticated to Cloudsmith as CI Publisher (ci-publisher-ab12).'
    )
    expect(r.rec.summary.join('')).toContain(
      '| Identity | verified: `CI Publisher` (`ci-publisher-ab12`) |'
    )
    expectNoLeak(r, key)
  })

  test('fails when Cloudsmith says the key is not authenticated', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }), json(200, { authenticated: false }))
    const r = await run(server, { verify: 'true' })
    const { title, text } = failureOf(r)
    expect(title).toBe('Cloudsmith does not accept the new key')
    expect(text).toContain(`GET ${server.url}/user/self/ says the key is not authenticated`)
    expectNoLeak(r, key)
  })

  test('fails when Cloudsmith refuses the key', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(
      json(201, { token: key }),
      json(401, { detail: 'Invalid API key.' })
    )
    const r = await run(server, { verify: 'true' })
    expect(failureOf(r).text).toContain(
      `GET ${server.url}/user/self/ was answered 401: Invalid API key.`
    )
  })

  test('retries a 503 while verifying', async () => {
    const server = await cloudsmith(
      json(201, { token: await cloudsmithKey() }),
      text(503, 'busy'),
      json(200, { authenticated: true, slug: 's', name: 'n' })
    )
    const r = await run(server, { verify: 'true' })
    expect(r.rec.failed).toBe(false)
    expect(server.received).toHaveLength(3)
  })
})

describe('job summary', () => {
  test('on success: org, service account, audience, expiry; never the key', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }))
    const r = await run(server)
    const summary = r.rec.summary.join('\n')
    expect(summary).toContain('### Cloudsmith OIDC: signed in')
    expect(summary).toContain('| Organization | `acme` |')
    expect(summary).toContain('| Service account | `ci-publisher` |')
    expect(summary).toContain('| ID token audience | `https://github.com/acme` |')
    expect(summary).toMatch(/\| Key expires \| `\S+Z \(in (89|90) minutes\)` \|/)
    expect(summary).toContain('| Identity | `not verified (verify: false)` |')
    expect(summary).not.toContain(key)
  })

  test('job-summary false writes none, on success and on failure', async () => {
    const ok = await run(await cloudsmith(json(201, { token: await cloudsmithKey() })), {
      'job-summary': 'false'
    })
    expect(ok.rec.summary).toEqual([])
    const bad = await run(await cloudsmith(json(401, {})), { 'job-summary': 'false' })
    expect(bad.rec.failed).toBe(true)
    expect(bad.rec.summary).toEqual([])
  })
})

describe('dry run', () => {
  test('shows the claims and provider settings, and exchanges nothing', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const r = await run(server, { 'dry-run': 'true' })
    expect(r.rec.failed).toBe(false)
    expect(server.received).toHaveLength(0)
    expect(r.rec.outputs).toEqual({})
    expect(r.rec.exported).toEqual({})
    expect(r.rec.state).toEqual({ registries: '{"version":1,"cleanup":false,"steps":[]}' })
    const log = r.rec.log()
    expect(log).toContain('info: Dry run: nothing is exchanged. The ID token claims:')
    expect(log).toContain('info:   repository_owner     acme')
    expect(log).toContain('info:   repository_owner_id  4242')
    expect(log).toContain('info:   repository_id        777001')
    expect(log).toContain(
      [
        'info:   Provider URL:     https://token.actions.githubusercontent.com',
        "info:                     (or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other)",
        'info:   Required claims:  one is enough. Each admits the jobs named beside it, from broadest to narrowest; a second claim only narrows further (a job must match all of them):',
        'info:     repository_owner_id = 4242                every repository of acme, by ID',
        'info:     repository_owner = acme                   every repository of acme, by name',
        'info:     repository_id = 777001                    only acme/app, any branch or environment, by ID',
        'info:     repository = acme/app                     only acme/app, any branch or environment, by name',
        'info:     sub = repo:acme/app:ref:refs/heads/main   only acme/app on refs/heads/main: a job on another branch, for a pull request or in an environment is refused',
        "info:   Recommended:      repository_id = 777001: it admits this repository's jobs on every branch and in every environment, and no other repository's; an ID survives a rename.",
        // Cloudsmith's OpenID Connect page: the wildcard .*, only at the end of a claim's value
        "info:   Wildcards:        Cloudsmith's one wildcard is .* at the very end of a value (ref = refs/tags/.* admits every tag); it is supported nowhere else in a value.",
        'info:   Service account:  ci-publisher (link it to the provider)'
      ].join('\n')
    )
    expect(log).toContain(
      "info: This token's sub carries names only, without the numeric IDs: repo:acme/app:ref:refs/heads/main."
    )
    const summary = r.rec.summary.join('\n')
    expect(summary).toContain('### Cloudsmith OIDC: dry run (nothing exchanged)')
    expect(summary).toContain('| Provider URL | `https://token.actions.githubusercontent.com` |')
    expect(summary).toContain(
      [
        '| `repository_owner_id = 4242` | `every repository of acme, by ID` |',
        '| `repository_owner = acme` | `every repository of acme, by name` |',
        '| `repository_id = 777001` (recommended) | `only acme/app, any branch or environment, by ID` |',
        '| `repository = acme/app` | `only acme/app, any branch or environment, by name` |'
      ].join('\n')
    )
    expect(summary).toContain('| `repository_id` | `777001` |')
    expect(summary).toContain(
      'Provider URL: https://token.actions.githubusercontent.com (or the same with a trailing slash'
    )
    expect(summary).toContain("This token's sub carries names only")
    expectNoLeak(r)
  })

  test('a token without the numeric ID claims: the sub is shown, no ID is suggested', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const r = await run(
      server,
      { 'dry-run': 'true' },
      { claims: { repository_id: undefined, repository_owner_id: undefined } }
    )
    const log = r.rec.log()
    expect(log).toContain(
      "info: This token's sub is repo:acme/app:ref:refs/heads/main; it has no repository_id or repository_owner_id to compare it with."
    )
    expect(log).not.toContain('Prefer the numeric IDs')
    expect(log).not.toContain('repository_id =')
  })

  test("a dry run with GitHub's immutable subject shows the token's own sub form", async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const sub = 'repo:acme-4242/app-777001:ref:refs/heads/main'
    const r = await run(server, { 'dry-run': 'true' }, { claims: { sub } })
    expect(r.rec.log()).toContain(
      `info: This token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${sub}.`
    )
    expect(r.rec.summary.join('\n')).toContain(
      `\nThis token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${sub}.`
    )
  })
})

describe("a refusal's job summary", () => {
  const runnerEnv = (server: string) => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?x=1',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    GITHUB_SERVER_URL: server,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '42'
  })

  test('is the diagnosis in short with a link to the run, whose log holds it all', async () => {
    const server = await cloudsmith(json(401, { detail: 'Invalid token.' }))
    const r = await run(server, {}, { env: runnerEnv('https://github.com') })
    const fail = r.rec.events.find((e) => e.kind === 'fail')
    expect(fail?.text).toContain('ID token claims:')
    const summary = r.rec.summary.join('\n')
    expect(summary).not.toContain('ID token claims:')
    expect(summary).toContain(
      "Fix: in Cloudsmith, acme > Settings > OpenID Connect, compare the provider with the checks and the ID token's claims in the step's log, or run the step with dry-run: true to print settings that would accept this token."
    )
    expect(summary).toContain("[the job's log](https://github.com/acme/app/actions/runs/42)")
    expectNoLeak(r)
  })

  test('a server URL that is not a plain URL makes no link: the whole diagnosis goes in instead', async () => {
    const server = await cloudsmith(json(401, { detail: 'Invalid token.' }))
    const r = await run(server, {}, { env: runnerEnv('https://x.test)[y](javascript:alert(1)') })
    const summary = r.rec.summary.join('\n')
    expect(summary).toContain('ID token claims:')
    expect(summary).not.toContain('](')
  })
})

describe('every other kind of failure has a title and a fix', () => {
  test.each([
    ['Invalid input', { org: '' }, json(201, {})],
    ['Redirect refused', {}, json(302, {}, { Location: 'https://example.com/' })],
    ['Cloudsmith endpoint not found', {}, json(404, { detail: 'Not found.' })],
    ['Cloudsmith answered 409', {}, json(409, { detail: 'Conflict.' })],
    ['Unusable answer from Cloudsmith', {}, json(201, { token: 'opaque' })],
    ['Answer too large', {}, text(201, 'x'.repeat(100_000))],
    ['Cloudsmith unavailable (502)', { 'max-attempts': '1' }, text(502, '<html>Bad gateway</html>')]
  ])('%s', async (title, inputs: Record<string, string>, step) => {
    const r = await run(await cloudsmith(step), inputs)
    const failure = failureOf(r)
    expect(failure.title).toBe(title)
    expect(failure.text).toMatch(/^Likely cause: .+$/m)
    expect(failure.text).toMatch(/^Fix: .+$/m)
  })

  test('GitHub refusing the ID token request', async () => {
    const server = await cloudsmith(json(201, {}))
    const io = recorder({ org: 'acme', 'service-slug': 'svc', 'api-url': server.url })
    await main({
      ...baseDeps(),
      io,
      getIdToken: async () => {
        throw new Error('Failed to get ID Token. Error Code : 403 Error Message: Forbidden')
      }
    })
    const fail = failureIn(io)
    expect(fail.title).toBe('Could not get a GitHub ID token')
    expect(fail.text).toContain('refused the request (403)')
  })

  test('a bug of ours', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    const io = recorder({ org: 'acme', 'service-slug': 'svc', 'api-url': server.url })
    io.setOutput = () => {
      throw new TypeError('boom')
    }
    await main({ ...baseDeps(), io })
    const fail = failureIn(io)
    expect(fail.title).toBe('Unexpected error')
    expect(fail.text).toContain('The action failed unexpectedly: boom')
  })
})

test("docs/TROUBLESHOOTING.md's tables explain every title", () => {
  const troubleshooting = readFileSync(
    new URL('../docs/TROUBLESHOOTING.md', import.meta.url),
    'utf8'
  )
  const documented = new Set(
    troubleshooting
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split('|')[1]!.trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
  )
  expect([...ERROR_TITLES, ...WARNING_TITLES].filter((title) => !documented.has(title))).toEqual([])
})
