/**
 * Faults no retry can mend fail at once under their own name (an untrusted certificate, a proxy
 * refusing the tunnel), and answers that arrive in odd shapes are read right (encoded bodies, a
 * byte-order mark, an absurd expiry). Real HTTP on loopback through main().
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { schemelessProxyFixes } from '../src/proxy-env.js'
import { selfSignedCertificate } from './support/certificates.js'
import { startRecordingProxy, type ProxyRefusal, type RecordingProxy } from './support/proxy.js'
import { cloudsmith, cloudsmithKey, expectNoLeak, run } from './lib/run-main.js'
import { json, scriptedServer, type ScriptedServer } from './lib/scripted-server.js'

const savedEnv = { ...process.env }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  process.env = { ...savedEnv }
  await Promise.all(closers.splice(0).map((close) => close()))
})

function failureOf(r: Awaited<ReturnType<typeof run>>): { title: string; text: string } {
  const fail = r.rec.events.find((event) => event.kind === 'fail')
  expect(fail).toBeDefined()
  return { title: fail!.title!, text: fail!.text }
}

async function proxy(refuse: ProxyRefusal): Promise<RecordingProxy> {
  const started = await startRecordingProxy({ refuse })
  closers.push(() => started.close())
  return started
}

describe('final network faults: one attempt, their own title and fix', () => {
  test('an untrusted (self-signed) certificate is not retried', async () => {
    const server: ScriptedServer = await scriptedServer(
      [json(201, { token: await cloudsmithKey() })],
      '127.0.0.1',
      selfSignedCertificate(['127.0.0.1'])
    )
    closers.push(() => server.close())
    const r = await run(server, { 'max-attempts': '5' })
    const fail = failureOf(r)
    expect(fail.title).toBe('TLS certificate not trusted')
    expect(fail.text).toContain('self-signed certificate')
    expect(fail.text).toContain('This is not retried')
    expect(fail.text).toContain('NODE_EXTRA_CA_CERTS')
    expect(r.slept).toEqual([])
    expect(r.rec.log()).not.toMatch(/attempt 1 of 5 failed/)
    expectNoLeak(r)
  })

  test('a certificate for another host is not trusted either', async () => {
    const server = await scriptedServer(
      [json(201, { token: await cloudsmithKey() })],
      '127.0.0.1',
      selfSignedCertificate(['cloudsmith.example'])
    )
    closers.push(() => server.close())
    const r = await run(server, { 'max-attempts': '5' })
    expect(failureOf(r).title).toBe('TLS certificate not trusted')
    expect(r.slept).toEqual([])
  })

  test.each([
    [407, 'put the credentials in the proxy URL'],
    [403, 'allowed through the proxy, or add it to NO_PROXY']
  ] as const)('a proxy answering CONNECT with %i is not retried', async (status, fix) => {
    const refusing = await proxy(status)
    process.env.HTTPS_PROXY = refusing.url
    const unused = await cloudsmith(json(201, {}))
    const r = await run(
      unused,
      { 'api-url': 'https://cloudsmith.test', 'max-attempts': '5' },
      {
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?x=1',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
          HTTPS_PROXY: process.env.HTTPS_PROXY
        }
      }
    )
    const fail = failureOf(r)
    expect(fail.title).toBe(`Proxy refused the connection (${status})`)
    expect(fail.text).toContain(fix)
    expect(fail.text).toContain('(HTTPS_PROXY)')
    expect(refusing.connects).toEqual(['cloudsmith.test:443'])
    expect(r.slept).toEqual([])
  })

  test('a proxy variable without a scheme is used as http://, as curl does', async () => {
    const refusing = await proxy(407)
    const address = new URL(refusing.url).host
    process.env.HTTPS_PROXY = address // proxy:port, no scheme
    const fixes = schemelessProxyFixes(process.env)
    expect(fixes.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'HTTPS_PROXY', value: `http://${address}` }
    ])
    expect(fixes[0]!.note.text).toBe(
      `HTTPS_PROXY names a proxy without a scheme (${address}); using it as http://${address}, as curl does.`
    )
    for (const fix of fixes) process.env[fix.name] = fix.value // as src/index.ts does
    const r = await run(await cloudsmith(json(201, {})), {
      'api-url': 'https://cloudsmith.test',
      'max-attempts': '2'
    })
    expect(refusing.connects).toEqual(['cloudsmith.test:443'])
    expect(failureOf(r).title).toBe('Proxy refused the connection (407)')
  })

  test('proxy credentials are never shown, a proxy with a scheme is left alone', () => {
    const fixes = schemelessProxyFixes({
      HTTPS_PROXY: 'user:s3cret@proxy.corp:3128',
      HTTP_PROXY: 'http://proxy.corp:3128',
      https_proxy: 'socks5://proxy.corp:1080'
    })
    expect(fixes.map((fix) => fix.name)).toEqual(['HTTPS_PROXY'])
    expect(schemelessProxyFixes({ HTTPS_PROXY: 'proxy host:3128', HTTP_PROXY: '  ' })).toEqual([])
    expect(fixes[0]!.value).toBe('http://user:s3cret@proxy.corp:3128')
    expect(fixes[0]!.note.text).not.toContain('s3cret')
  })
})

test('NODE_TLS_REJECT_UNAUTHORIZED=0 stops the step before anything is sent', async () => {
  const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
  const r = await run(
    server,
    {},
    {
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?x=1',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
        NODE_TLS_REJECT_UNAUTHORIZED: '0'
      }
    }
  )
  const fail = failureOf(r)
  expect(fail.title).toBe('Certificate checks are turned off')
  expect(fail.text).toContain('NODE_EXTRA_CA_CERTS')
  expect(r.idTokens).toEqual([])
  expect(server.received).toEqual([])
})

describe('answers in odd shapes', () => {
  test('every request asks for an unencoded body', async () => {
    const server = await cloudsmith(json(201, { token: await cloudsmithKey() }))
    await run(server, { verify: 'true' })
    expect(server.received.length).toBeGreaterThan(0)
    for (const request of server.received) {
      expect(request.headers['accept-encoding']).toBe('identity')
    }
  })

  test('an encoded error body is described, never quoted as binary', async () => {
    const gzipped = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])
    const server = await cloudsmith((res) => {
      res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(gzipped)
    })
    const r = await run(server)
    const fail = failureOf(r)
    expect(fail.title).toBe('Cloudsmith refused the ID token')
    expect(fail.text).toContain(
      'Cloudsmith said: 401 (a gzip-encoded body of 10 bytes, not decoded: the action asked for none)'
    )
    expect(fail.text).not.toContain('\ufffd')
  })

  test('verify answered with a page, not JSON: quoted without the key', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith(json(201, { token: key }), (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(`<html>maintenance ${key}</html>`)
    })
    const r = await run(server, { verify: 'true' })
    const fail = failureOf(r)
    expect(fail.title).toBe('Cloudsmith does not accept the new key')
    expect(fail.text).toContain(
      `GET ${server.url}/user/self/ did not answer JSON: <html>maintenance ***</html>`
    )
    expectNoLeak(r, key)
  })

  test('a redirect to an unreadable location is named as such', async () => {
    const server = await cloudsmith((res) => {
      res.writeHead(302, { Location: 'http://[' })
      res.end()
    })
    const fail = failureOf(await run(server))
    expect(fail.title).toBe('Redirect refused')
    expect(fail.text).toContain('(302 to an unreadable location)')
  })

  test('a UTF-8 byte-order mark before the JSON is accepted', async () => {
    const key = await cloudsmithKey()
    const server = await cloudsmith((res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' })
      res.end(`\ufeff${JSON.stringify({ token: key })}`)
    })
    const r = await run(server)
    expect(r.rec.failed).toBe(false)
    expect(r.rec.outputs.token).toBe(key)
    expectNoLeak(r, key)
  })

  test('an exp that is no sane date is refused, not published as expires-at', async () => {
    // exp 8.64e12 s reads as +275760-09-13
    const key = await cloudsmithKey(8.64e12 - Math.floor(Date.now() / 1000))
    const r = await run(await cloudsmith(json(201, { token: key })))
    const fail = failureOf(r)
    expect(fail.title).toBe('Unusable answer from Cloudsmith')
    expect(fail.text).toMatch(/exp \(\+275760-09-13T00:00:00\.000Z\) is not a sane date/)
    expect(r.rec.outputs['expires-at']).toBeUndefined()
    expect(r.rec.events.filter((e) => e.kind === 'setSecret').map((e) => e.text)).toEqual([key])
  })
})
