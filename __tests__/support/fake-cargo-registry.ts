/**
 * A Cargo sparse registry on 127.0.0.1 over TLS, as strict as a private Cloudsmith one: its
 * config.json says `auth-required`, and every request (config.json, index files, crate downloads,
 * publish) is refused with 401 unless `Authorization` is exactly `Token <key>` for a key it
 * accepts. Crates are real .crate files (gzipped tar) with the checksum Cargo verifies; a publish
 * adds the crate to the index, so `cargo publish` sees it appear.
 *
 * The certificate is self-signed for 127.0.0.1; `caFile` is for CARGO_HTTP_CAINFO.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { selfSignedCertificate } from './certificates.js'
import { sendJson as send, startLocalServer } from './local-server.js'
import { startTlsFront } from './proxy.js'
import { gzippedTar } from './tarball.js'

export interface CrateFiles {
  readonly name: string
  readonly version: string
  /** Paths inside the package (`src/lib.rs`); Cargo.toml is made from name and version. */
  readonly files?: Readonly<Record<string, string>>
}

export interface RegistryRequest {
  readonly method: string
  /** The path below the registry's prefix (`config.json`, `de/mo/demo`, ...). */
  readonly path: string
  readonly authorization: 'none' | 'accepted' | 'refused'
}

export interface FakeCargoRegistry {
  /** `127.0.0.1:PORT`, for `host=`. */
  readonly host: string
  /** PEM of the server's self-signed certificate, for CARGO_HTTP_CAINFO. */
  readonly caFile: string
  readonly requests: RegistryRequest[]
  /** `name@version` of every crate published. */
  readonly published: string[]
  close(): Promise<void>
}

export interface FakeCargoRegistryOptions {
  /** Where the index lives, with slashes around it: `/crates/`, `/acme/crates/`, `/`. */
  readonly prefix: string
  /** The keys it accepts (read at each request), sent as `Token <key>`. */
  readonly keys: () => readonly string[]
  readonly crates: readonly CrateFiles[]
}

interface IndexEntry {
  readonly name: string
  readonly vers: string
  readonly deps: never[]
  readonly cksum: string
  readonly features: Record<string, never>
  readonly yanked: boolean
}

/** Where the sparse index keeps a crate's file: `1/a`, `2/ab`, `3/a/abc`, `ab/cd/abcd...`. */
export function indexPath(name: string): string {
  const lower = name.toLowerCase()
  if (lower.length <= 2) return `${lower.length}/${lower}`
  if (lower.length === 3) return `3/${lower[0]}/${lower}`
  return `${lower.slice(0, 2)}/${lower.slice(2, 4)}/${lower}`
}

/** A .crate: `NAME-VERSION/` with a Cargo.toml and the given files, as a gzipped ustar archive. */
export function makeCrate(crate: CrateFiles): Buffer {
  const root = `${crate.name}-${crate.version}`
  const files: Record<string, string> = {
    'Cargo.toml': `[package]\nname = "${crate.name}"\nversion = "${crate.version}"\nedition = "2021"\n`,
    'src/lib.rs': `pub fn answer() -> u32 { 42 }\n`,
    ...crate.files
  }
  return gzippedTar(Object.entries(files).map(([path, text]) => [`${root}/${path}`, text]))
}

function entry(name: string, version: string, crate: Buffer): IndexEntry {
  return {
    name,
    vers: version,
    deps: [],
    cksum: createHash('sha256').update(crate).digest('hex'),
    features: {},
    yanked: false
  }
}

export async function startFakeCargoRegistry(
  options: FakeCargoRegistryOptions
): Promise<FakeCargoRegistry> {
  const { prefix } = options
  if (!prefix.startsWith('/') || !prefix.endsWith('/'))
    throw new Error(`prefix ${prefix} needs slashes around it`)
  const certificate = selfSignedCertificate(['127.0.0.1'])
  const dir = mkdtempSync(join(tmpdir(), 'fake-cargo-registry-'))
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, certificate.cert)

  const crates = new Map<string, Buffer>()
  const index = new Map<string, IndexEntry[]>()
  const add = (name: string, version: string, crate: Buffer): void => {
    crates.set(`${name}@${version}`, crate)
    const path = indexPath(name)
    index.set(path, [...(index.get(path) ?? []), entry(name, version, crate)])
  }
  for (const crate of options.crates) add(crate.name, crate.version, makeCrate(crate))

  const requests: RegistryRequest[] = []
  const published: string[] = []
  let origin = ''

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'https://registry.invalid')
    const method = incoming.method ?? 'GET'
    if (!url.pathname.startsWith(prefix)) {
      outgoing.writeHead(404).end()
      return
    }
    const path = url.pathname.slice(prefix.length)
    const given = incoming.headers.authorization
    const accepted = given !== undefined && options.keys().some((key) => given === `Token ${key}`)
    requests.push({
      method,
      path,
      authorization: given === undefined ? 'none' : accepted ? 'accepted' : 'refused'
    })
    if (!accepted) {
      send(outgoing, 401, {
        errors: [{ detail: 'Authentication credentials were not provided or are not valid.' }]
      })
      return
    }
    if (method === 'GET' && path === 'config.json') {
      send(outgoing, 200, {
        dl: `${origin}${prefix}api/v1/crates`,
        api: `${origin}${prefix.slice(0, -1)}`,
        'auth-required': true
      })
      return
    }
    const download = /^api\/v1\/crates\/([^/]+)\/([^/]+)\/download$/.exec(path)
    if (method === 'GET' && download) {
      const crate = crates.get(`${download[1]}@${download[2]}`)
      if (crate === undefined) {
        send(outgoing, 404, { errors: [{ detail: 'no such crate' }] })
      } else {
        outgoing.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': crate.length
        })
        outgoing.end(crate)
      }
      return
    }
    if (method === 'PUT' && path === 'api/v1/crates/new') {
      const body = await readAll(incoming)
      const metadataLength = body.readUInt32LE(0)
      const metadata = JSON.parse(body.subarray(4, 4 + metadataLength).toString('utf8')) as {
        name: string
        vers: string
      }
      const crateLength = body.readUInt32LE(4 + metadataLength)
      const crate = body.subarray(8 + metadataLength, 8 + metadataLength + crateLength)
      add(metadata.name, metadata.vers, Buffer.from(crate))
      published.push(`${metadata.name}@${metadata.vers}`)
      send(outgoing, 200, { warnings: { invalid_categories: [], invalid_badges: [], other: [] } })
      return
    }
    const lines = method === 'GET' ? index.get(path) : undefined
    if (lines === undefined) {
      outgoing.writeHead(404).end()
      return
    }
    const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n'
    outgoing.writeHead(200, {
      'Content-Type': 'text/plain',
      'Content-Length': Buffer.byteLength(text)
    })
    outgoing.end(text)
  }

  // plain HTTP behind a TLS front: cargo sees https://127.0.0.1:PORT with the self-signed certificate
  const plain = await startLocalServer(handle)
  const tls = await startTlsFront(plain.port, certificate)
  const host = `127.0.0.1:${tls.port}`
  origin = `https://${host}`
  return {
    host,
    caFile,
    requests,
    published,
    close: async () => {
      await tls.close()
      await plain.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

async function readAll(request: IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
