/**
 * What a runner behind a corporate proxy sees, on this machine: a forward proxy that records what
 * went through it, a throw-away certificate authority, a TLS front for a plain local server, and a
 * preload that resolves `*.test` names to 127.0.0.1 inside the action's process.
 *
 * @actions/http-client never proxies loopback hosts, so tests name the local servers with
 * non-loopback names (`cloudsmith.test`, `idtoken.test`). The proxy resolves them itself; a
 * process that bypasses the proxy (NO_PROXY) needs the preload.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http'
import { type AddressInfo, type Socket, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'
import { NEW_EC_KEY, openssl } from './certificates.js'

/** Names under `.test` mean 127.0.0.1 here (RFC 2606 keeps `.test` out of real DNS). */
function localAddress(host: string): string {
  return host.endsWith('.test') ? '127.0.0.1' : host
}

export interface RecordingProxy {
  /** For HTTP_PROXY / HTTPS_PROXY. */
  url: string
  /** `host:port` of every CONNECT tunnel, in order. */
  connects: string[]
  /** Absolute URL of every plain-http request forwarded. */
  forwarded: string[]
  close(): Promise<void>
}

const REFUSALS: Readonly<Record<ProxyRefusal, string>> = {
  403: 'Forbidden',
  407: 'Proxy Authentication Required'
}

export type ProxyRefusal = 403 | 407

/**
 * A forward proxy on 127.0.0.1: CONNECT tunnels and plain-http forwarding, both recorded. With
 * `refuse`, it records the same but answers every tunnel and request with that status.
 */
export async function startRecordingProxy(
  options: { refuse?: ProxyRefusal } = {}
): Promise<RecordingProxy> {
  const connects: string[] = []
  const forwarded: string[] = []
  const sockets = new Set<Socket>()
  const { refuse } = options
  const refusal =
    refuse === undefined
      ? ''
      : `HTTP/1.1 ${refuse} ${REFUSALS[refuse]}\r\n` +
        (refuse === 407 ? 'Proxy-Authenticate: Basic realm="proxy"\r\n' : '') +
        'Content-Length: 0\r\nConnection: close\r\n\r\n'
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const target = new URL(incoming.url ?? '/')
    forwarded.push(target.href)
    if (refuse !== undefined) {
      outgoing.writeHead(refuse, { Connection: 'close' }).end()
      return
    }
    const upstream = request(
      {
        host: localAddress(target.hostname),
        port: target.port || 80,
        method: incoming.method,
        path: `${target.pathname}${target.search}`,
        headers: incoming.headers
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      }
    )
    upstream.on('error', () => outgoing.destroy())
    incoming.pipe(upstream)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    const target = incoming.url ?? ''
    connects.push(target)
    if (refuse !== undefined) {
      client.end(refusal)
      return
    }
    const colon = target.lastIndexOf(':')
    const upstream = connect(Number(target.slice(colon + 1)), localAddress(target.slice(0, colon)))
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    forwarded,
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => closed())
      })
  }
}

export interface TestCa {
  /** PEM file of the CA certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** Server key and certificate (PEM) for `names`, signed by the CA. */
  key: string
  cert: string
  /** A preload (`--require`) resolving `*.test` to 127.0.0.1 in the process it is loaded into. */
  dnsPreload: string
  /** Removes the files. */
  remove(): void
}

/**
 * A throw-away CA and a server certificate for `names` (DNS names or IPv4 addresses) signed by it,
 * made with the openssl CLI.
 */
export function makeTestCa(names: string[]): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'test-ca-'))
  const file = (name: string): string => join(dir, name)
  openssl(
    'req',
    '-x509',
    ...NEW_EC_KEY,
    '-days',
    '1',
    '-subj',
    '/CN=Throw-away test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign'
  )
  writeFileSync(
    file('server.ext'),
    `subjectAltName=${names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',')}\nextendedKeyUsage=serverAuth\n`
  )
  openssl(
    'req',
    '-new',
    ...NEW_EC_KEY,
    '-subj',
    `/CN=${names[0] ?? 'localhost'}`,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr')
  )
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem')
  )
  writeFileSync(
    file('dns-preload.cjs'),
    `// Test only: *.test names resolve to 127.0.0.1 in this process.
const dns = require('node:dns')
const lookup = dns.lookup
dns.lookup = function (hostname, options, callback) {
  if (typeof hostname === 'string' && hostname.endsWith('.test')) {
    const done = typeof options === 'function' ? options : callback
    const all = typeof options === 'object' && options !== null && options.all
    process.nextTick(() =>
      all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)
    )
    return {}
  }
  return lookup.apply(this, arguments)
}
`
  )
  const read = (name: string): string => readFileSync(file(name), 'utf8')
  return {
    caFile: file('ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
    dnsPreload: file('dns-preload.cjs'),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

export interface TlsFront {
  port: number
  close(): Promise<void>
}

/** TLS on 127.0.0.1 in front of a plain local server: each connection is piped to `targetPort`. */
export async function startTlsFront(
  targetPort: number,
  credentials: { key: string; cert: string }
): Promise<TlsFront> {
  const sockets = new Set<Socket>()
  const server = createTlsServer(credentials, (secure) => {
    const plain = connect(targetPort, '127.0.0.1')
    for (const socket of [secure, plain]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    }
    secure.pipe(plain)
    plain.pipe(secure)
    secure.on('error', () => plain.destroy())
    plain.on('error', () => secure.destroy())
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => closed())
      })
  }
}
