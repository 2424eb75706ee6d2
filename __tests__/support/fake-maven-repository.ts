/**
 * A Maven repository on 127.0.0.1 (plain HTTP: the POM names the URL, and Maven's HTTP blocker
 * spares loopback), as strict as a private Cloudsmith one: every request is refused with 401 and
 * a Basic challenge unless it carries `Basic token:<key>` for a key it accepts. It serves each
 * artifact's POM and JAR with their .sha1 files, as Maven's default checksum policy wants, under
 * `prefix` (Cloudsmith's `/basic/ORG/REPO/maven/`), and takes uploads (PUT) under `uploadPrefix`
 * (Cloudsmith's `/ORG/REPO/` on its Maven host).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { readBody, startLocalServer } from './local-server.js'

export interface MavenArtifact {
  readonly groupId: string
  readonly artifactId: string
  readonly version: string
}

export interface MavenRequest {
  readonly method: string
  /** The path below the prefix (`com/acme/util/1.0/util-1.0.pom`). */
  readonly path: string
  readonly authorization: 'none' | 'accepted' | 'refused'
}

export interface FakeMavenRepository {
  /** `http://127.0.0.1:PORT/basic/acme/repo/maven/`, for the POM's `<repository>`. */
  readonly url: string
  /** `http://127.0.0.1:PORT/acme/repo/`, for `<distributionManagement>` (Cloudsmith's upload form). */
  readonly uploadUrl: string
  readonly requests: MavenRequest[]
  /** Paths below the upload prefix that were PUT with the right credentials, in order. */
  readonly uploads: string[]
  close(): Promise<void>
}

/** An empty but valid jar: a zip holding nothing (its end-of-central-directory record alone). */
const EMPTY_JAR = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])

function files(artifact: MavenArtifact): Map<string, Buffer> {
  const { groupId, artifactId, version } = artifact
  const base = `${groupId.replaceAll('.', '/')}/${artifactId}/${version}/${artifactId}-${version}`
  const pom = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>${groupId}</groupId>\n  <artifactId>${artifactId}</artifactId>\n  <version>${version}</version>\n</project>\n`
  )
  const sha1 = (data: Buffer): Buffer => Buffer.from(createHash('sha1').update(data).digest('hex'))
  return new Map([
    [`${base}.pom`, pom],
    [`${base}.pom.sha1`, sha1(pom)],
    [`${base}.jar`, EMPTY_JAR],
    [`${base}.jar.sha1`, sha1(EMPTY_JAR)]
  ])
}

function authorization(
  request: IncomingMessage,
  keys: readonly string[]
): MavenRequest['authorization'] {
  const header = request.headers.authorization
  if (header === undefined) return 'none'
  const accepted = keys.map((key) => `Basic ${Buffer.from(`token:${key}`).toString('base64')}`)
  return accepted.includes(header) ? 'accepted' : 'refused'
}

export async function startFakeMavenRepository(options: {
  /** With slashes around it: `/basic/acme/repo/maven/`. */
  readonly prefix: string
  /** Where uploads go, with slashes around it: `/acme/repo/`. */
  readonly uploadPrefix: string
  /** The keys it accepts (read at each request), sent as Basic `token:<key>`. */
  readonly keys: () => readonly string[]
  readonly artifacts: readonly MavenArtifact[]
}): Promise<FakeMavenRepository> {
  const served = new Map(options.artifacts.flatMap((artifact) => [...files(artifact)]))
  const requests: MavenRequest[] = []
  const uploads: string[] = []
  const server = await startLocalServer(async (request, response) => {
    const url = request.url ?? ''
    const path = url.startsWith(options.prefix) ? url.slice(options.prefix.length) : url
    const auth = authorization(request, options.keys())
    requests.push({ method: request.method ?? '', path, authorization: auth })
    if (auth !== 'accepted') {
      request.resume()
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="cloudsmith"' })
      response.end()
      return
    }
    if (request.method === 'PUT' && url.startsWith(options.uploadPrefix)) {
      await readBody(request)
      uploads.push(url.slice(options.uploadPrefix.length))
      response.writeHead(201)
      response.end()
      return
    }
    const body = url.startsWith(options.prefix) ? served.get(path) : undefined
    if (body === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404)
      response.end()
      return
    }
    response.writeHead(200, { 'Content-Length': body.length })
    response.end(request.method === 'HEAD' ? undefined : body)
  })
  return {
    url: `${server.url}${options.prefix}`,
    uploadUrl: `${server.url}${options.uploadPrefix}`,
    requests,
    uploads,
    close: () => server.close()
  }
}
