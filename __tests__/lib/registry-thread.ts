/**
 * The fake Docker registry of __tests__/support/fake-docker-registry.ts, run in a worker thread:
 * for in-process tests of code that runs docker with spawnSync, which stops this thread's event
 * loop (a server on it could not answer). `GET /v2/` answers 401 with `WWW-Authenticate: Basic`
 * unless the request carries Basic `token:<an accepted key>`.
 */
import { Worker } from 'node:worker_threads'

const SERVER = `
const { createServer } = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')
let accepted = new Set(workerData.keys)
parentPort.on('message', (keys) => { accepted = new Set(keys); parentPort.postMessage('accepted') })
const server = createServer((request, response) => {
  const basic = /^Basic (.+)$/.exec(request.headers.authorization || '')
  const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : ''
  const colon = decoded.indexOf(':')
  const ok = colon > 0 && decoded.slice(0, colon) === 'token' && accepted.has(decoded.slice(colon + 1))
  const headers = { 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Type': 'application/json' }
  if (request.url !== '/v2/') { response.writeHead(404, headers); return response.end('{}') }
  if (!ok) {
    response.writeHead(401, { ...headers, 'WWW-Authenticate': 'Basic realm="fake"' })
    return response.end('{"errors":[{"code":"UNAUTHORIZED"}]}')
  }
  response.writeHead(200, headers)
  response.end('{}')
})
server.keepAliveTimeout = 100
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
`

export interface RegistryThread {
  host: string
  /** Replaces the keys the registry accepts; resolves once the registry has them. */
  accept(keys: readonly string[]): Promise<void>
  close(): Promise<void>
}

export async function startRegistryThread(keys: readonly string[]): Promise<RegistryThread> {
  const worker = new Worker(SERVER, { eval: true, workerData: { keys: [...keys] } })
  const port = await new Promise<number>((listening, fail) => {
    worker.once('message', listening)
    worker.once('error', fail)
  })
  return {
    host: `127.0.0.1:${port}`,
    accept: (accepted) =>
      new Promise<void>((done) => {
        worker.once('message', () => done())
        worker.postMessage([...accepted])
      }),
    close: async () => {
      await worker.terminate()
    }
  }
}
