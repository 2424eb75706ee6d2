/**
 * A fake package server on 127.0.0.1 behind TLS, with a throw-away self-signed certificate for
 * 127.0.0.1 written to `caFile` (for SSL_CERT_FILE and the like), and a folder for the fake's own
 * files, removed on close.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { selfSignedCertificate } from './certificates.js'
import { type Handler, startLocalServer } from './local-server.js'
import { startTlsFront } from './proxy.js'

export interface TlsFake {
  /** `127.0.0.1:PORT`, for `host=`. */
  readonly host: string
  readonly caFile: string
  close(): Promise<void>
}

/** A folder for the fake's files (its CA among them), then the server on it. */
export function fakeFolder(name: string): string {
  return mkdtempSync(join(tmpdir(), `${name}-`))
}

export async function startTlsFake(dir: string, handle: Handler): Promise<TlsFake> {
  const certificate = selfSignedCertificate(['127.0.0.1'])
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, certificate.cert)
  const plain = await startLocalServer(handle)
  const tls = await startTlsFront(plain.port, certificate)
  return {
    host: `127.0.0.1:${tls.port}`,
    caFile,
    close: async () => {
      await tls.close()
      await plain.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
