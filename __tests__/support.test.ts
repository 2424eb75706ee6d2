/** Tests of the test-support code: runner emulator, local OIDC issuer, fake Cloudsmith. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose'
import { summaryProblems } from './e2e/injection.js'
import { parseYamlSubset, readActionMetadata } from './support/action-metadata.js'
import {
  type FakeCloudsmith,
  GENERIC_REFUSAL,
  startFakeCloudsmith
} from './support/fake-cloudsmith.js'
import { type OidcIssuer, startIssuer } from './support/issuer.js'
import {
  evaluateStatusCondition,
  findLeaks,
  parseCommandLine,
  parseFileCommands,
  parseWorkflowCommand,
  runAction,
  splitRunnerLines
} from './support/runner.js'

describe('local OIDC issuer', () => {
  let issuer: OidcIssuer
  beforeAll(async () => {
    issuer = await startIssuer()
  })
  afterAll(() => issuer.close())

  test('hands out tokens verifiable through its JWKS, with GitHub claims', async () => {
    const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: bearer } =
      issuer.env()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/idtoken\?api-version=2\.0$/)
    const response = await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } })
    expect(response.status).toBe(200)
    const { value } = (await response.json()) as { value: string }

    const discovery = (await (
      await fetch(`${issuer.url}/.well-known/openid-configuration`)
    ).json()) as { issuer: string; jwks_uri: string }
    expect(discovery).toMatchObject({ issuer: issuer.url, jwks_uri: issuer.jwksUri })
    const { payload, protectedHeader } = await jwtVerify(
      value,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      { issuer: issuer.url, audience: 'https://github.com/octo-org' }
    )
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload).toMatchObject({
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name: 'push',
      runner_environment: 'github-hosted',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main'
    })
    expect(payload.environment).toBeUndefined()
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300)
    expect(typeof payload.jti).toBe('string')
    expect(issuer.counters.issued).toBe(1)
  })

  test('takes the audience from the query and the environment from the scenario', async () => {
    issuer.setScenario({ context: { environment: 'production' } })
    const response = await fetch(`${issuer.tokenUrl}&audience=${encodeURIComponent('x:y')}`, {
      headers: { Authorization: `Bearer ${issuer.requestToken}` }
    })
    const claims = decodeJwt(((await response.json()) as { value: string }).value)
    expect(claims).toMatchObject({
      aud: 'x:y',
      environment: 'production',
      sub: 'repo:octo-org/octo-repo:environment:production'
    })
    issuer.reset()
  })

  test.each([
    ['names', 'repo:octo-org/octo-repo:ref:refs/heads/main'],
    ['ids-dash', 'repo:octo-org-987654/octo-repo-123456789:ref:refs/heads/main'],
    ['ids-at', 'repo:octo-org@987654/octo-repo@123456789:environment:production']
  ] as const)('mints the %s form of sub', async (subjectForm, sub) => {
    const environment = sub.includes(':environment:') ? 'production' : undefined
    issuer.setScenario({ context: { subjectForm, environment } })
    const claims = decodeJwt(await issuer.mint())
    expect(claims).toMatchObject({
      sub,
      repository: 'octo-org/octo-repo',
      repository_id: '123456789',
      repository_owner_id: '987654'
    })
    issuer.reset()
  })

  test('refuses a bad bearer and applies faults in order', async () => {
    const bad = await fetch(issuer.tokenUrl, { headers: { Authorization: 'Bearer nope' } })
    expect(bad.status).toBe(401)
    const none = await fetch(issuer.tokenUrl)
    expect(none.status).toBe(401)
    expect(issuer.counters.unauthorized).toBe(2)

    issuer.fault(503, 2)
    const auth = { headers: { Authorization: `Bearer ${issuer.requestToken}` } }
    expect((await fetch(issuer.tokenUrl, auth)).status).toBe(503)
    expect((await fetch(issuer.tokenUrl, auth)).status).toBe(503)
    expect((await fetch(issuer.tokenUrl, auth)).status).toBe(200)
    expect(issuer.requests.map((r) => r.outcome)).toEqual([
      'unauthorized',
      'unauthorized',
      'fault:503',
      'fault:503',
      'issued'
    ])
    issuer.reset()
  })
})

describe('fake Cloudsmith', () => {
  let issuer: OidcIssuer
  let fake: FakeCloudsmith
  beforeAll(async () => {
    issuer = await startIssuer()
    fake = await startFakeCloudsmith({
      issuer,
      providers: [
        {
          providerUrl: issuer.issuer,
          requiredClaims: {
            sub: 'repo:octo-org/octo-repo:ref:refs/heads/*',
            aud: 'https://github.com/octo-org'
          },
          serviceAccounts: ['ci-bot']
        }
      ]
    })
  })
  afterAll(async () => {
    await fake.close()
    await issuer.close()
  })

  const exchange = (oidcToken: string, serviceSlug = 'ci-bot', org = 'acme') =>
    fetch(`${fake.url}/openid/${org}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ oidc_token: oidcToken, service_slug: serviceSlug })
    })

  test('exchanges a valid ID token for an API key that /v1/user/self/ accepts', async () => {
    const response = await exchange(await issuer.mint())
    expect(response.status).toBe(201)
    expect(response.headers.get('x-ratelimit-limit')).not.toBeNull()
    expect(response.headers.get('x-ratelimit-remaining')).not.toBeNull()
    expect(response.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/)
    expect(response.headers.get('x-ratelimit-interval')).not.toBeNull()
    const { token } = (await response.json()) as { token: string }
    const claims = decodeJwt(token)
    expect(claims.sub).toBe('ci-bot')
    // Cloudsmith documents keys that live about 90 minutes
    const lifetime = (claims.exp ?? 0) - Math.floor(Date.now() / 1000)
    expect(lifetime).toBeGreaterThan(5390)
    expect(lifetime).toBeLessThanOrEqual(5400)

    const self = await fetch(`${fake.url}/v1/user/self/`, { headers: { 'X-Api-Key': token } })
    expect(await self.json()).toMatchObject({ authenticated: true, slug: 'ci-bot' })
    const bearer = await fetch(`${fake.url}/v1/user/self/`, {
      headers: { Authorization: `Bearer ${token}` }
    })
    expect(await bearer.json()).toMatchObject({ authenticated: true })
    const bogus = await fetch(`${fake.url}/v1/user/self/`, { headers: { 'X-Api-Key': 'x' } })
    expect(await bogus.json()).toEqual({ authenticated: false })
    expect(fake.exchanges()[0]?.body).toMatchObject({ service_slug: 'ci-bot' })
  })

  test('answers at the API root and under /v1/, like Cloudsmith, and nowhere else', async () => {
    const { token } = (await (await exchange(await issuer.mint())).json()) as { token: string }
    const v1Exchange = await fetch(`${fake.url}/v1/openid/acme/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ oidc_token: await issuer.mint(), service_slug: 'ci-bot' })
    })
    expect(v1Exchange.status).toBe(201)
    expect(
      fake
        .exchanges()
        .map((r) => r.path)
        .slice(-2)
    ).toEqual(['/openid/acme/', '/v1/openid/acme/'])
    for (const path of ['/user/self/', '/v1/user/self/']) {
      const self = await fetch(`${fake.url}${path}`, { headers: { 'X-Api-Key': token } })
      expect(await self.json()).toMatchObject({ authenticated: true, slug: 'ci-bot' })
    }
    for (const path of ['/v1/v1/user/self/', '/v2/user/self/', '/v1/v1/openid/acme/']) {
      const method = path.includes('openid') ? 'POST' : 'GET'
      expect((await fetch(`${fake.url}${path}`, { method })).status).toBe(404)
    }
  })

  test.each([
    ['wrong sub', { environment: 'prod' }, {}, 'ci-bot', 'claim-mismatch:sub'],
    ['wrong aud', {}, { aud: 'https://api.cloudsmith.io' }, 'ci-bot', 'claim-mismatch:aud'],
    [
      'wrong iss',
      {},
      { iss: 'https://token.actions.githubusercontent.com' },
      'ci-bot',
      'unknown-issuer'
    ],
    ['expired', {}, { exp: Math.floor(Date.now() / 1000) - 10 }, 'ci-bot', 'expired'],
    ['unlinked service', {}, {}, 'other-bot', 'service-not-linked']
  ])('refuses %s with the generic 401', async (_name, context, claims, slug, reason) => {
    fake.reset()
    issuer.setScenario({ context })
    const response = await exchange(await issuer.mint(claims), slug)
    issuer.reset()
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual(GENERIC_REFUSAL)
    expect(fake.reasons()).toEqual([reason])
  })

  test('refuses a token signed by another key and an unknown org', async () => {
    fake.reset()
    const stranger = await startIssuer({ issuer: issuer.issuer })
    const forged = await stranger.mint()
    await stranger.close()
    expect((await exchange(forged)).status).toBe(401)
    expect((await exchange(await issuer.mint(), 'ci-bot', 'other-org')).status).toBe(401)
    expect(fake.reasons()).toEqual(['bad-signature', 'unknown-org'])
  })

  test('faults: 503 HTML, redirect to another host, truncated JSON, reset, hang', async () => {
    fake.reset()
    const idToken = await issuer.mint()
    fake.fault(503)
    const unavailable = await exchange(idToken)
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get('content-type')).toContain('text/html')

    fake.fault('redirect')
    const redirect = await fetch(`${fake.url}/openid/acme/`, { method: 'POST', redirect: 'manual' })
    expect(redirect.status).toBe(307)
    expect(redirect.headers.get('location')).toBe(`${fake.otherHostUrl}/openid/acme/`)
    expect(fake.otherHostUrl).not.toBe(fake.url)

    fake.fault('truncated-json')
    const truncated = await exchange(idToken)
    expect(truncated.status).toBe(201)
    await expect(truncated.json()).rejects.toThrow()

    fake.fault('reset')
    await expect(exchange(idToken).then((r) => r.text())).rejects.toThrow()

    fake.fault('hang')
    await expect(
      fetch(`${fake.url}/openid/acme/`, { method: 'POST', signal: AbortSignal.timeout(200) })
    ).rejects.toThrow()

    expect(fake.exchanges().map((r) => r.outcome.fault)).toEqual([
      503,
      'redirect',
      'truncated-json',
      'reset',
      'hang'
    ])
    expect((await exchange(idToken)).status).toBe(201)
  })

  test('faults: bad success bodies, throttle, slow and huge bodies', async () => {
    fake.reset()
    const idToken = await issuer.mint()
    const json = async () => (await (await exchange(idToken)).json()) as Record<string, unknown>
    fake.fault('no-token')
    expect((await json())['token']).toBeUndefined()
    fake.fault('not-a-jwt')
    const notJwt = String((await json())['token'])
    expect(() => decodeJwt(notJwt)).toThrow()
    fake.fault('expired-token')
    expect(decodeJwt(String((await json())['token'])).exp).toBeLessThan(Date.now() / 1000)
    fake.fault('ok-200')
    expect((await exchange(idToken)).status).toBe(200)
    fake.fault('throttle', { retryAfter: '7' })
    const throttled = await exchange(idToken)
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '7'])

    fake.fault('slow-body', { durationMs: 150 })
    const started = Date.now()
    const slow = await exchange(idToken)
    expect(slow.status).toBe(201)
    expect(decodeJwt(((await slow.json()) as { token: string }).token).sub).toBe('ci-bot')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)

    fake.fault('huge-body', { times: 2 })
    expect((await (await exchange(idToken)).text()).length).toBeGreaterThan(5_000_000)
    expect((await exchange(idToken)).status).toBe(500)
    expect((await exchange(idToken)).status).toBe(201)
  })

  test('rate limit: 429 with Retry-After and a DRF body once a window is used up', async () => {
    let clock = Math.floor(Date.now() / 1000) * 1000 + 250
    const limited = await startFakeCloudsmith({ issuer, rateLimitPerSecond: 2, now: () => clock })
    try {
      const idToken = await issuer.mint()
      const post = () =>
        fetch(`${limited.url}/openid/acme/`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ oidc_token: idToken, service_slug: 'ci-bot' })
        })
      expect((await post()).status).toBe(201)
      expect((await post()).status).toBe(201)
      const throttled = await post()
      expect(throttled.status).toBe(429)
      expect(throttled.headers.get('retry-after')).toBe('1')
      expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(await throttled.json()).toEqual({
        detail: 'Request was throttled. Expected available in 1 seconds.'
      })
      clock += 1000
      expect((await post()).status).toBe(201)
    } finally {
      await limited.close()
    }
  })
})

describe('workflow and file commands', () => {
  test('file commands in both forms, with the runner errors', () => {
    const content = [
      'plain=a=b',
      'multi<<EOF',
      'line 1',
      'line=2',
      'EOF',
      'crlf=x\r',
      'plain=later',
      'empty=',
      ''
    ].join('\n')
    expect(parseFileCommands(content)).toEqual({
      values: { plain: 'later', multi: 'line 1\nline=2', crlf: 'x', empty: '' },
      errors: []
    })
    expect(parseFileCommands('nokey\n').errors).toHaveLength(1)
    expect(parseFileCommands('open<<END\nvalue\n').errors[0]).toContain('END')
  })

  test('workflow commands with escaped properties and data', () => {
    expect(parseWorkflowCommand('::error title=A%2C B%3A c,file=x.ts::one%0Atwo%25')).toEqual({
      command: 'error',
      properties: { title: 'A, B: c', file: 'x.ts' },
      data: 'one\ntwo%'
    })
    expect(parseWorkflowCommand('::add-mask::s3cret')?.data).toBe('s3cret')
    expect(parseWorkflowCommand('plain text :: here')).toBeUndefined()
    expect(evaluateStatusCondition('always()', 'failure')).toBe(true)
    expect(evaluateStatusCondition('${{ success() }}', 'failure')).toBe(false)
    expect(evaluateStatusCondition('!cancelled() && failure()', 'failure')).toBe(true)
  })

  test('YAML subset: block scalars, quotes, comments', () => {
    const yaml = "a: >-\n  one\n  two\nb: 'it''s' # c\nc:\n  d: |\n    x\n    y\n"
    expect(parseYamlSubset(yaml)).toEqual({ a: 'one two', b: "it's", c: { d: 'x\ny\n' } })
  })

  test("the project's own action.yml reads as the action's interface", () => {
    const metadata = readActionMetadata(fileURLToPath(new URL('..', import.meta.url)))
    expect(metadata.runs).toMatchObject({ main: 'dist/main.js', post: 'dist/post.js' })
    expect(metadata.runs['post-if']).toBe('always()')
    expect(metadata.inputs['service-slug']?.required).toBe(true)
    expect(metadata.inputs['api-url']?.default).toBe('https://api.cloudsmith.io')
    expect(metadata.inputs['audience']?.default).toBe('')
    expect(Object.keys(metadata.outputs)).toEqual(['token', 'expires-at'])
  })
})

describe('all three together, with the real @actions/core', () => {
  const core = new URL('../node_modules/@actions/core/lib/core.js', import.meta.url).href
  const mainJs = `import * as core from '${core}'
const idToken = await core.getIDToken(core.getInput('audience') || undefined)
const response = await fetch(core.getInput('api-url') + '/openid/' + core.getInput('org') + '/', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ oidc_token: idToken, service_slug: core.getInput('service-slug') })
})
const { token } = await response.json()
core.setSecret(token)
core.setOutput('token', token)
core.exportVariable('CLOUDSMITH_API_KEY', token)
core.saveState('exchanged', 'true')
core.info('exchanged for ' + token)
`
  const postJs = `import * as core from '${core}'
if (core.getState('exchanged') === 'true') core.exportVariable('CLOUDSMITH_API_KEY', '')
`
  let actionDir: string
  let issuer: OidcIssuer
  let fake: FakeCloudsmith
  beforeAll(async () => {
    actionDir = mkdtempSync(join(tmpdir(), 'core-action-'))
    writeFileSync(join(actionDir, 'main.mjs'), mainJs)
    writeFileSync(join(actionDir, 'post.mjs'), postJs)
    const yml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
    writeFileSync(
      join(actionDir, 'action.yml'),
      yml.replace('dist/main.js', 'main.mjs').replace('dist/post.js', 'post.mjs')
    )
    issuer = await startIssuer()
    fake = await startFakeCloudsmith({ issuer })
  })
  afterAll(async () => {
    rmSync(actionDir, { recursive: true, force: true })
    await fake.close()
    await issuer.close()
  })

  test('getIDToken, exchange, export, post clean-up: no leak', async () => {
    const result = await runAction({
      actionDir,
      with: { org: 'acme', 'service-slug': 'ci-bot', 'api-url': fake.url },
      env: issuer.env()
    })
    try {
      expect(result.main.stderr).toEqual([])
      expect(result.main.exitCode).toBe(0)
      const token = fake.issuedTokens()[0] ?? 'none'
      expect(result.main.outputs).toEqual({ token })
      expect(result.main.env).toEqual({ CLOUDSMITH_API_KEY: token })
      expect(result.main.log).toContain('exchanged for ***')
      expect(result.finalEnv).toEqual({ CLOUDSMITH_API_KEY: '' })
      expect(issuer.requests[0]?.audience).toBe('https://github.com/octo-org')
      expect(fake.reasons()).toEqual([])
      const secrets = [token, ...issuer.issued, issuer.requestToken]
      expect(secrets).toHaveLength(3)
      expect(findLeaks(result, secrets, { allowOutputs: ['token'] })).toEqual([])
    } finally {
      result.cleanup()
    }
  })
})

describe('runner emulator', () => {
  const secret = 'S3CRET-ci-bot-value'
  let actionDir: string

  const actionYml = (postIf: string) => `name: Throwaway
description: >-
  Prints, masks and
  exports things.
inputs:
  service-slug:
    description: 'slug: of the account'
    required: true
  who am i:
    default: nobody
  mode:
    default: ok # a comment
outputs:
  token:
    description: The token
runs:
  using: node24
  main: main.cjs
  post: post.cjs
${postIf}`

  const mainJs = `
const fs = require('node:fs')
const path = require('node:path')
const env = process.env
const secret = 'S3CRET-' + env['INPUT_SERVICE-SLUG'] + '-value'
if (env.INPUT_MODE === 'hang') setInterval(() => {}, 1000)
console.log('early ' + secret)
console.log('::add-mask::' + secret)
console.log('late ' + secret)
console.log('::debug::debugging here')
console.log('::warning title=Heads up%2C friend::first%0Asecond%25')
console.error('inputs ' + env.INPUT_WHO_AM_I + ' ' + env.INPUT_MODE)
fs.appendFileSync(env.GITHUB_OUTPUT, 'token<<ghadelimiter_1\\n' + secret + '\\nghadelimiter_1\\n')
fs.appendFileSync(env.GITHUB_OUTPUT, 'plain=a=b\\nleaky=' + secret + '\\n')
fs.appendFileSync(env.GITHUB_ENV, 'EXPORTED=from-main\\nCLEAR_ME<<X\\nvalue\\nX\\n')
fs.appendFileSync(env.GITHUB_STATE, 'saved=' + secret + '\\n')
fs.appendFileSync(env.GITHUB_STEP_SUMMARY, '# Summary ' + secret + '\\n')
fs.mkdirSync(path.join(env.RUNNER_TEMP, 'cache'))
fs.writeFileSync(path.join(env.RUNNER_TEMP, 'cache', 'creds'), secret)
if (env.INPUT_MODE === 'fail') process.exitCode = 1
`
  const postJs = `
const fs = require('node:fs')
console.log('post state ' + process.env.STATE_saved + ' env ' + process.env.EXPORTED)
fs.appendFileSync(process.env.GITHUB_ENV, 'CLEAR_ME=\\n')
`

  beforeAll(() => {
    actionDir = mkdtempSync(join(tmpdir(), 'throwaway-action-'))
    writeFileSync(join(actionDir, 'main.cjs'), mainJs)
    writeFileSync(join(actionDir, 'post.cjs'), postJs)
  })
  afterAll(() => rmSync(actionDir, { recursive: true, force: true }))

  test('runs main and post, parses commands, and finds the leaks', async () => {
    writeFileSync(join(actionDir, 'action.yml'), actionYml('  post-if: always()\n'))
    const result = await runAction({
      actionDir,
      with: { 'service-slug': 'ci-bot' },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/x?api-version=2.0' },
      omitEnv: ['GITHUB_SHA']
    })
    try {
      const { main, post } = result
      expect(main.exitCode).toBe(0)
      expect(main.processEnv).toMatchObject({
        'INPUT_SERVICE-SLUG': 'ci-bot',
        INPUT_WHO_AM_I: 'nobody',
        INPUT_MODE: 'ok',
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY_OWNER: 'octo-org',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/x?api-version=2.0',
        RUNNER_TEMP: result.runnerTemp,
        HOME: result.home
      })
      expect(main.processEnv['GITHUB_SHA']).toBeUndefined()
      expect(main.outputs).toEqual({ token: secret, plain: 'a=b', leaky: secret })
      expect(main.env).toEqual({ EXPORTED: 'from-main', CLEAR_ME: 'value' })
      expect(main.state).toEqual({ saved: secret })
      expect(main.masks).toEqual([secret])
      expect(main.debug).toEqual(['debugging here'])
      expect(main.annotations).toEqual([
        {
          level: 'warning',
          title: 'Heads up, friend',
          message: 'first\nsecond%',
          properties: { title: 'Heads up, friend' }
        }
      ])
      expect(main.stderr).toEqual(['inputs nobody ok'])
      expect(main.log).toContain('late ***')
      expect(main.log.some((line) => line.includes('add-mask'))).toBe(false)

      expect(post?.stdout).toEqual([`post state ${secret} env from-main`])
      expect(post?.log).toEqual(['post state *** env from-main'])
      expect(result.finalEnv).toEqual({ EXPORTED: 'from-main', CLEAR_ME: '' })

      const leaks = findLeaks(result, [secret], { allowOutputs: ['token'] })
      expect(leaks.map((leak) => [leak.kind, leak.where])).toEqual([
        ['log', 'main stdout line 1'],
        ['summary', 'main summary'],
        ['output', 'main output leaky'],
        ['file', join(result.runnerTemp, 'cache', 'creds')]
      ])
    } finally {
      result.cleanup()
    }
  })

  test("post's state as the runner gives it: the job's environment first, then only the keys main saved", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-action-'))
    try {
      writeFileSync(
        join(dir, 'action.yml'),
        'name: State\ndescription: state\nruns:\n  using: node24\n  main: main.cjs\n  post: post.cjs\n'
      )
      writeFileSync(
        join(dir, 'main.cjs'),
        "require('node:fs').appendFileSync(process.env.GITHUB_STATE, 'saved=from-main\\n')\n"
      )
      writeFileSync(
        join(dir, 'post.cjs'),
        "console.log(process.env.STATE_saved + ' ' + process.env.STATE_unsaved)\n"
      )
      const result = await runAction({
        actionDir: dir,
        env: { STATE_saved: 'injected', STATE_unsaved: 'injected-too' }
      })
      result.cleanup()
      // a key main saved replaces the job's; one it did not save is whatever the job's env holds
      expect(result.post?.stdout).toEqual(['from-main injected-too'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('post-if decides after a failing main; a hung step is killed at the timeout', async () => {
    writeFileSync(join(actionDir, 'action.yml'), actionYml('  post-if: always()\n'))
    const always = await runAction({ actionDir, with: { 'service-slug': 'a', mode: 'fail' } })
    always.cleanup()
    expect(always.main.succeeded).toBe(false)
    expect(always.post?.exitCode).toBe(0)

    writeFileSync(join(actionDir, 'action.yml'), actionYml(''))
    const plain = await runAction({ actionDir, with: { 'service-slug': 'a', mode: 'fail', x: 1 } })
    plain.cleanup()
    expect(plain.postIf).toBe('success()')
    expect(plain.post).toBeUndefined()
    expect(plain.warnings[0]).toContain("Unexpected input(s) 'x'")

    const hung = await runAction({
      actionDir,
      with: { 'service-slug': 'a', mode: 'hang' },
      timeoutMs: 500
    })
    hung.cleanup()
    expect(hung.main.timedOut).toBe(true)
    expect(hung.main.exitCode).toBeNull()
    expect(hung.post).toBeUndefined()
  })
})

describe('runner emulator: parsing as actions/runner does', () => {
  test('the legacy ##[ form is a command anywhere in a line, with ;-separated properties', () => {
    expect(parseCommandLine('Cloudsmith said: ##[add-mask]e')).toEqual({
      command: { command: 'add-mask', properties: {}, data: 'e' },
      form: 'legacy',
      offset: 17
    })
    expect(parseCommandLine('x ##[set-output name=token;other=a%3Bb]evil%5D')).toEqual({
      command: {
        command: 'set-output',
        properties: { name: 'token', other: 'a;b' },
        data: 'evil]'
      },
      form: 'legacy',
      offset: 2
    })
    expect(parseCommandLine('503: <p>##[STOP-COMMANDS]x</p>')?.command).toMatchObject({
      command: 'stop-commands',
      data: 'x</p>'
    })
    // only the first ##[ counts, and only registered names are commands
    expect(parseCommandLine('##[nope]a ##[add-mask]b')).toBeUndefined()
    expect(parseCommandLine('::nope::a ##[add-mask]b')?.form).toBe('legacy')
    expect(parseCommandLine('no bracket ##[add-mask')).toBeUndefined()
  })

  test('the :: form only at the line start after .NET white space (U+0085, U+2028 too)', () => {
    expect(parseCommandLine('  \t::error::pwned')).toMatchObject({ form: 'v2', offset: 3 })
    expect(parseCommandLine('\u0085::add-mask::e')?.command.command).toBe('add-mask')
    expect(parseCommandLine('\u2028::add-mask::e')?.command.command).toBe('add-mask')
    expect(parseCommandLine('x ::add-mask::e')).toBeUndefined()
    expect(parseCommandLine('::unknown::e')).toBeUndefined()
    expect(parseWorkflowCommand('::Add-Mask::E')).toEqual({
      command: 'add-mask',
      properties: {},
      data: 'E'
    })
  })

  test('a line ends at LF, CR or CRLF', () => {
    expect(splitRunnerLines('a\r::add-mask::e\r\nb\n\nc\u2028d\n')).toEqual([
      'a',
      '::add-mask::e',
      'b',
      '',
      'c\u2028d'
    ])
  })
})

describe('runner emulator: injected commands and stop-commands', () => {
  const secret = 'K3Y-injected-into-the-log'
  let actionDir: string
  const mainJs = (body: string) => `const out = (t) => process.stdout.write(t)\n${body}`

  beforeAll(() => {
    actionDir = mkdtempSync(join(tmpdir(), 'inject-action-'))
    writeFileSync(
      join(actionDir, 'action.yml'),
      'name: Inject\ndescription: prints things\nruns:\n  using: node24\n  main: main.cjs\n'
    )
  })
  afterAll(() => rmSync(actionDir, { recursive: true, force: true }))

  const run = async (body: string) => {
    writeFileSync(join(actionDir, 'main.cjs'), mainJs(body))
    return runAction({ actionDir })
  }

  test('CR, CRLF and a CR split across writes end lines; a legacy command mid-line is obeyed', async () => {
    const result = await run(`
out('one\\rtwo ##[add-mask]${secret}\\r\\n')
out('three\\r')
setTimeout(() => { out('\\nfour ${secret}\\n'); out('x\\r::error::pwned\\n') }, 50)
`)
    try {
      const { main } = result
      expect(main.lines.map((line) => line.text)).toEqual([
        'one',
        `two ##[add-mask]${secret}`,
        'three',
        `four ${secret}`,
        'x',
        '::error::pwned'
      ])
      expect(main.masks).toEqual([secret])
      expect(main.log).toEqual(['one', 'three', 'four ***', 'x', '::error::pwned'])
      expect(main.annotations.map((a) => a.message)).toEqual(['pwned'])
      expect(main.commands.map((c) => [c.command.command, c.form, c.line, c.offset])).toEqual([
        ['add-mask', 'legacy', 2, 4],
        ['error', 'v2', 6, 0]
      ])
      expect(findLeaks(result, [secret])).toEqual([])
    } finally {
      result.cleanup()
    }
  })

  test('after stop-commands an add-mask is text: the secret shows, and counts as a leak', async () => {
    const result = await run(`
out('said: ##[stop-commands]x\\n')
out('::add-mask::${secret}\\n')
out('key ${secret}\\n')
out('::error::ignored\\n')
`)
    try {
      const { main } = result
      expect(main.masks).toEqual([])
      expect(main.annotations).toEqual([])
      expect(main.commands.map((c) => [c.command.command, c.command.data, c.form])).toEqual([
        ['stop-commands', 'x', 'legacy']
      ])
      expect(main.stoppedLines).toEqual([2, 3, 4])
      expect(main.log).toEqual([
        'said: ##[stop-commands]x',
        `::add-mask::${secret}`,
        `key ${secret}`,
        '::error::ignored'
      ])
      expect(findLeaks(result, [secret]).map((leak) => leak.where)).toEqual([
        'main stdout line 2',
        'main stdout line 3'
      ])
    } finally {
      result.cleanup()
    }
  })

  test('the resume token turns commands back on', async () => {
    const result = await run(`
out('::stop-commands::pause-token-1\\n')
out('::add-mask::ignored\\n')
out('##[pause-token-1]\\n')
out('::add-mask::${secret}\\n')
out('key ${secret}\\n')
out('::stop-commands::add-mask\\n')
out('::stop-commands::short\\n')
out('::Short::\\n')
`)
    try {
      const { main } = result
      expect(main.masks).toEqual([secret])
      expect(main.stoppedLines).toEqual([2])
      expect(
        main.commands.map((c) => [c.command.command, c.command.data, c.form, c.refused])
      ).toEqual([
        ['stop-commands', 'pause-token-1', 'v2', false],
        ['pause-token-1', '', 'legacy', false],
        ['add-mask', secret, 'v2', false],
        // a registered name is no usable token: the runner refuses it and goes on
        ['stop-commands', 'add-mask', 'v2', true],
        ['stop-commands', 'short', 'v2', false],
        ['short', '', 'v2', false]
      ])
      // the runner masks a stop token longer than 6 characters
      expect(main.log.slice(0, 3)).toEqual([
        '::stop-commands::***',
        '::add-mask::ignored',
        '##[***]'
      ])
      expect(main.log).toContain('key ***')
      expect(findLeaks(result, [secret])).toEqual([])
    } finally {
      result.cleanup()
    }
  })
})

describe('injection checks: the summary as GitHub renders it', () => {
  const table = (cell: string): string => `| | |\n| --- | --- |\n| Identity | ${cell} |\n`

  test.each([
    ['a link', '[x](https://evil.example)'],
    ['an image', '![i](https://evil.example/i.png)'],
    ['raw HTML', '<img src=x>'],
    ['an autolink literal', 'https://evil.example'],
    ['a www autolink', 'www.evil.example'],
    ['a details element', '</details><details>']
  ])('%s in a table cell is found', (_kind, cell) => {
    expect(summaryProblems(table(cell), [cell])).not.toEqual([])
  })

  test('the same inside a code span renders as text', () => {
    const cell = '`[x](https://evil.example) ![i](x) <img src=x> www.evil.example`'
    expect(summaryProblems(table(cell), ['[x](https://evil.example)'])).toEqual([])
  })
})
