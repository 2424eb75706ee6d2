/**
 * A loopback HTTP server that answers each request with the next step of a script (the last step
 * repeats) and records what it was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { KeyPair } from '../support/certificates.js'

export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
  readonly at: number
}

export type Step = (res: ServerResponse, req: Received) => void

export interface ScriptedServer {
  readonly url: string
  readonly received: Received[]
  close(): Promise<void>
}

/** With `tls`, the server speaks https with that key and certificate. */
export async function scriptedServer(
  steps: Step[],
  host = '127.0.0.1',
  tls?: KeyPair
): Promise<ScriptedServer> {
  const received: Received[] = []
  const sockets = new Set<Socket>()
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const record: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now()
      }
      received.push(record)
      const step = steps[Math.min(received.length, steps.length) - 1]
      step?.(res, record)
    })
  }
  const server = tls ? createHttpsServer(tls, handler) : createServer(handler)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

export const text =
  (status: number, body: string, headers: Record<string, string> = {}): Step =>
  (res) => {
    res.writeHead(status, { 'Content-Type': 'text/html', ...headers })
    res.end(body)
  }

/** Never answers. */
export const hang: Step = () => undefined

/** Sends headers and half a body, then cuts the connection. */
export const resetMidBody: Step = (res) => {
  res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '1000' })
  res.write('{"token": "eyJ')
  setTimeout(() => res.socket?.destroy(), 20)
}

/** A body of `bytes` bytes. */
export const huge =
  (bytes: number): Step =>
  (res) => {
    res.writeHead(201, { 'Content-Type': 'application/json' })
    res.end(`{"token": "${'a'.repeat(bytes)}"}`)
  }

/** Sends the body a byte at a time, `intervalMs` apart. */
export const trickle =
  (status: number, body: string, intervalMs: number): Step =>
  (res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' })
    let i = 0
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer)
      if (i >= body.length) {
        clearInterval(timer)
        res.end()
        return
      }
      res.write(body[i++])
    }, intervalMs)
  }
