/**
 * Throw-away TLS certificates for loopback servers, made with the openssl CLI at test time: a
 * self-signed one here (which no client trusts), a CA with a certificate it signed in proxy.ts.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface KeyPair {
  readonly key: string
  readonly cert: string
}

/** `openssl req` arguments for a new P-256 key, unencrypted. */
export const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

export function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] })
}

/** A self-signed certificate for `names` (DNS names or IP addresses). */
export function selfSignedCertificate(names: readonly string[] = ['127.0.0.1']): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'))
  try {
    const san = names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`))
    openssl(
      'req',
      '-x509',
      ...NEW_EC_KEY,
      '-days',
      '1',
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${san.join(',')}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem')
    )
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
