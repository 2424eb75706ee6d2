/** A loopback HTTP proxy that refuses every request and tunnel with one status, recording each. */
import { createServer, type AddressInfo, type Socket } from 'node:net'

export interface RefusingProxy {
  /** host:port, without a scheme. */
  readonly address: string
  /** The request lines it was sent, e.g. "CONNECT cloudsmith.test:443 HTTP/1.1". */
  readonly requests: string[]
  close(): Promise<void>
}

const REASONS: Readonly<Record<number, string>> = {
  403: 'Forbidden',
  407: 'Proxy Authentication Required'
}

export async function refusingProxy(status: 403 | 407): Promise<RefusingProxy> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let head = ''
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      requests.push(head.split('\r\n')[0]!)
      const challenge = status === 407 ? 'Proxy-Authenticate: Basic realm="proxy"\r\n' : ''
      socket.end(
        `HTTP/1.1 ${status} ${REASONS[status]}\r\n${challenge}Content-Length: 0\r\nConnection: close\r\n\r\n`
      )
    })
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    address: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
