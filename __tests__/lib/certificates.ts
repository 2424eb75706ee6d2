/**
 * Throw-away TLS certificates for loopback servers, made with the openssl CLI at test time: a
 * self-signed one (which no client trusts) and one for another host name.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface KeyPair {
  readonly key: string
  readonly cert: string
}

/** A self-signed certificate for `names` (DNS names or IP addresses). */
export function selfSignedCertificate(names: readonly string[] = ['127.0.0.1']): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'))
  try {
    const san = names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
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
      ],
      { stdio: 'ignore' }
    )
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
