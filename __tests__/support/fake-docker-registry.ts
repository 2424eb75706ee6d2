/**
 * A Docker registry as far as `docker login` sees one, on loopback: `GET /v2/` answers 401 with
 * `WWW-Authenticate: Basic realm=...` unless the request carries Basic `token:<key>` for a key
 * the test accepts, then 200. Every request is recorded (method, path, the user name and whether
 * the credential was accepted; never the password itself).
 */
import { startLocalServer } from './local-server.js'

export interface RegistryRequest {
  method: string
  path: string
  /** The Basic user name, if any. */
  username: string | undefined
  accepted: boolean
}

export interface FakeDockerRegistry {
  /** `127.0.0.1:<port>`, as `docker login` takes it. */
  host: string
  requests: RegistryRequest[]
  close(): Promise<void>
}

/**
 * `accepts()` returns the passwords (keys) valid right now, for `username`; read at each request,
 * so a key handed out after the registry started is accepted.
 */
export async function startFakeDockerRegistry(
  accepts: () => readonly string[],
  username = 'token'
): Promise<FakeDockerRegistry> {
  const requests: RegistryRequest[] = []
  const server = await startLocalServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? ''
    const header = request.headers.authorization ?? ''
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header)
    const decoded = basic ? Buffer.from(basic[1] ?? '', 'base64').toString('utf8') : ''
    const colon = decoded.indexOf(':')
    const user = colon >= 0 ? decoded.slice(0, colon) : undefined
    const password = colon >= 0 ? decoded.slice(colon + 1) : undefined
    const accepted = user === username && password !== undefined && accepts().includes(password)
    requests.push({ method: request.method ?? '', path, username: user, accepted })
    const headers = { 'Docker-Distribution-API-Version': 'registry/2.0' }
    if (request.method !== 'GET' || path !== '/v2/') {
      response.writeHead(404, headers)
      response.end('{"errors":[{"code":"NOT_FOUND"}]}')
    } else if (!accepted) {
      response.writeHead(401, {
        ...headers,
        'Content-Type': 'application/json',
        'WWW-Authenticate': 'Basic realm="fake cloudsmith docker"'
      })
      response.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
    } else {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/json' })
      response.end('{}')
    }
  })
  return { host: `127.0.0.1:${server.port}`, requests, close: () => server.close() }
}
