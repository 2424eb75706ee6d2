/**
 * A fake npm registry on 127.0.0.1 over HTTPS (a certificate from a throw-away CA, which clients
 * trust only through a `cafile` setting; pnpm's TLS refuses a self-signed server certificate), serving scoped packages from repositories under path
 * prefixes, as Cloudsmith serves `https://npm.cloudsmith.io/OWNER/REPO/`. Each repository demands
 * `Authorization: Bearer <one of its tokens>` for every request, packument and tarball alike, and answers
 * 401 otherwise, so a client that is not configured exactly right cannot install anything. Every
 * request is recorded (path, whether it was authorized), never the header itself.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { KeyPair } from './certificates.js'
import { gzippedTar } from './tarball.js'

export interface FakePackage {
  /** `@scope/name` */
  readonly name: string
  readonly version: string
  /** The text of the package's index.js. */
  readonly main: string
}

export interface FakeRepository {
  /** The path prefix without slashes around it, e.g. `acme/npm-private` or `npm-private`. */
  readonly path: string
  /** The bearer tokens it takes (asked at each request: the key an exchange hands out later). */
  readonly tokens: () => readonly string[]
  readonly packages: readonly FakePackage[]
}

export interface RegistryRequestRecord {
  readonly method: string
  readonly path: string
  readonly repository: string | undefined
  readonly authorized: boolean
  /** 'none', 'bearer' or 'basic': how the client tried to sign in. */
  readonly scheme: string
  readonly status: number
  /** The credential of a refused request, as sent (an accepted token is never kept). */
  readonly refused?: string
}

export interface FakeNpmRegistry {
  /** `https://127.0.0.1:PORT` */
  readonly origin: string
  /** `127.0.0.1:PORT`, for a `host=` option. */
  readonly host: string
  readonly requests: RegistryRequestRecord[]
  close(): Promise<void>
}

export async function startFakeNpmRegistry(
  repositories: readonly FakeRepository[],
  /** A server certificate for 127.0.0.1 (makeTestCa in proxy.ts makes one). */
  pair: KeyPair
): Promise<FakeNpmRegistry> {
  const requests: RegistryRequestRecord[] = []
  const tarballs = new Map<string, Buffer>()
  for (const repository of repositories) {
    for (const pkg of repository.packages) tarballs.set(tarballKey(repository, pkg), tarball(pkg))
  }
  let origin = ''

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] as string)
    const repository = repositories.find((candidate) => path.startsWith(`/${candidate.path}/`))
    const authorization = request.headers.authorization ?? ''
    const scheme = authorization === '' ? 'none' : (authorization.split(' ')[0] ?? '').toLowerCase()
    const authorized =
      repository !== undefined &&
      repository.tokens().some((token) => authorization === `Bearer ${token}`)
    const record = (status: number): void => {
      requests.push({
        method: request.method ?? '',
        path,
        repository: repository?.path,
        authorized,
        scheme,
        status,
        ...(status === 401 ? { refused: authorization.slice(scheme.length + 1) } : {})
      })
    }
    if (repository === undefined) {
      record(404)
      return send(response, 404, { error: 'no such repository' })
    }
    if (!authorized) {
      record(401)
      response.setHeader('WWW-Authenticate', 'Bearer realm="fake-npm-registry"')
      return send(response, 401, { error: 'authentication required' })
    }
    const rest = path.slice(repository.path.length + 2)
    const pkg = repository.packages.find((candidate) => rest === candidate.name)
    if (pkg !== undefined && request.method === 'GET') {
      record(200)
      return send(response, 200, packument(origin, repository, pkg, tarballs))
    }
    const file = repository.packages.find(
      (candidate) => rest === `${candidate.name}/-/${tarballName(candidate)}`
    )
    if (file !== undefined && request.method === 'GET') {
      record(200)
      const body = tarballs.get(tarballKey(repository, file)) as Buffer
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(body.length)
      })
      return void response.end(body)
    }
    record(404)
    return send(response, 404, { error: 'not found' })
  }

  const sockets = new Set<Socket>()
  const server = createServer({ key: pair.key, cert: pair.cert }, handle)
  server.on('secureConnection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((listening, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => listening())
  })
  const { port } = server.address() as AddressInfo
  origin = `https://127.0.0.1:${port}`
  return {
    origin,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed())
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
      })
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text))
  })
  response.end(text)
}

function tarballName(pkg: FakePackage): string {
  return `${pkg.name.split('/')[1]}-${pkg.version}.tgz`
}

function tarballKey(repository: FakeRepository, pkg: FakePackage): string {
  return `${repository.path}/${pkg.name}@${pkg.version}`
}

function packument(
  origin: string,
  repository: FakeRepository,
  pkg: FakePackage,
  tarballs: ReadonlyMap<string, Buffer>
): unknown {
  const body = tarballs.get(tarballKey(repository, pkg)) as Buffer
  return {
    name: pkg.name,
    'dist-tags': { latest: pkg.version },
    versions: {
      [pkg.version]: {
        name: pkg.name,
        version: pkg.version,
        main: 'index.js',
        dist: {
          tarball: `${origin}/${repository.path}/${pkg.name}/-/${tarballName(pkg)}`,
          shasum: createHash('sha1').update(body).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(body).digest('base64')}`
        }
      }
    }
  }
}

/** A gzipped tar with package/package.json and package/index.js, as `npm pack` makes. */
function tarball(pkg: FakePackage): Buffer {
  const files: Array<[string, string]> = [
    [
      'package/package.json',
      JSON.stringify({ name: pkg.name, version: pkg.version, main: 'index.js' }, null, 2)
    ],
    ['package/index.js', pkg.main]
  ]
  return gzippedTar(files, Math.floor(Date.UTC(2026, 0, 1) / 1000))
}
