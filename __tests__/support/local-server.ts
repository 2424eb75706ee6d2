/**
 * A plain HTTP listener on a loopback address and a random port, whose `close()` also ends
 * connections that are still open (hung requests, keep-alive sockets), so tests exit cleanly.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>

export interface LocalServer {
  /** `http://<host>:<port>`, no trailing slash. */
  url: string
  host: string
  port: number
  server: Server
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>
}

/** Starts `handler` on `host` (default 127.0.0.1) and a port the system picks. */
export async function startLocalServer(handler: Handler, host = '127.0.0.1'): Promise<LocalServer> {
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'text/plain' })
        response.end(`test server error: ${String(error)}`)
      } else {
        response.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((listening, fail) => {
    server.once('error', fail)
    server.listen(0, host, () => listening())
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    host,
    port,
    server,
    close: () => {
      closing ??= new Promise<void>((closed) => {
        server.close(() => closed())
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
      })
      return closing
    }
  }
}

/** Reads a request body as text, up to `limit` bytes (the rest is dropped). */
export async function readBody(request: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    if (size < limit) chunks.push(buffer.subarray(0, limit - size))
    size += buffer.length
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Sends a JSON body with a Content-Length. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers
  })
  response.end(text)
}

/** Lower-cased header name to value, with repeated headers joined by `, `. */
export function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}
