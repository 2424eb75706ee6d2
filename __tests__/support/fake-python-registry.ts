/**
 * A strict fake of Cloudsmith's Python endpoints on 127.0.0.1, over HTTPS with a throw-away CA:
 * the simple index pip and uv read (`/basic/.../python/simple/`, PEP 503 HTML) with the files it
 * links, and the legacy upload API twine and uv publish post to (multipart `file_upload`). Every
 * request must carry Basic `token:<key>` with a key it accepts; anything else gets 401 with `WWW-Authenticate: Basic`,
 * like Cloudsmith. Paths other than the configured ones get 404, so a client pointed at the wrong
 * path fails too.
 *
 * Also here: a tiny wheel and sdist, built with Python's own zipfile/tarfile (no PyPI).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer } from './local-server.js'
import { makeTestCa, startTlsFront } from './proxy.js'

export interface Distribution {
  /** The file name, e.g. `tinypkg-1.0-py3-none-any.whl`. */
  readonly filename: string
  readonly path: string
  readonly bytes: Buffer
  readonly sha256: string
}

export interface BuiltPackage {
  readonly name: string
  readonly version: string
  readonly wheel: Distribution
  readonly sdist: Distribution
  /** Removes the files. */
  remove(): void
}

const BUILD = String.raw`
import hashlib, base64, io, os, sys, tarfile, zipfile
name, version, out = sys.argv[1], sys.argv[2], sys.argv[3]
module = name.replace('-', '_')
metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: test package\n\n"
files = {
    f"{module}/__init__.py": f"VERSION = {version!r}\n",
    f"{module}-{version}.dist-info/METADATA": metadata,
    f"{module}-{version}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n",
}
def digest(text):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
record_name = f"{module}-{version}.dist-info/RECORD"
record = "".join(f"{path},{digest(text)},{len(text.encode())}\n" for path, text in files.items()) + f"{record_name},,\n"
with zipfile.ZipFile(os.path.join(out, f"{module}-{version}-py3-none-any.whl"), "w", zipfile.ZIP_DEFLATED) as wheel:
    for path, text in files.items():
        wheel.writestr(path, text)
    wheel.writestr(record_name, record)
with tarfile.open(os.path.join(out, f"{module}-{version}.tar.gz"), "w:gz") as sdist:
    for path, text in {"PKG-INFO": metadata, f"{module}/__init__.py": files[f"{module}/__init__.py"]}.items():
        data = text.encode()
        info = tarfile.TarInfo(f"{module}-{version}/{path}")
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
`

/** Builds `NAME-VERSION-py3-none-any.whl` and `NAME-VERSION.tar.gz` with python3. */
export function buildPackage(name = 'tinypkg', version = '1.0'): BuiltPackage {
  const dir = mkdtempSync(join(tmpdir(), 'python-package-'))
  execFileSync('python3', ['-c', BUILD, name, version, dir], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const module = name.replace(/-/g, '_')
  const distribution = (filename: string): Distribution => {
    const path = join(dir, filename)
    const bytes = readFileSync(path)
    return { filename, path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') }
  }
  return {
    name,
    version,
    wheel: distribution(`${module}-${version}-py3-none-any.whl`),
    sdist: distribution(`${module}-${version}.tar.gz`),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

export interface FakePythonRequest {
  readonly method: string
  readonly path: string
  /** 'ok', 'none' (no Authorization header), or 'wrong' (another credential). */
  readonly auth: 'ok' | 'none' | 'wrong'
  readonly status: number
}

export interface Upload {
  readonly action: string
  readonly name: string
  readonly version: string
  readonly filename: string
  /** SHA-256 of the file received. */
  readonly sha256: string
  /** The sha256_digest field the client sent. */
  readonly sha256Field: string
}

export interface FakePythonRegistryOptions {
  /** The keys the endpoints accept (as Basic `token:<key>`), asked at each request. */
  readonly keys: () => readonly string[]
  /** The simple index path, e.g. `/basic/pypi/python/simple/`. */
  readonly indexPath: string
  /** The upload path, e.g. `/pypi/`. */
  readonly uploadPath: string
  /** Distributions the index serves. */
  readonly packages: readonly Distribution[]
}

export interface FakePythonRegistry {
  /** `127.0.0.1:PORT`: what a `host=` takes. */
  readonly host: string
  /** The CA certificate file (PEM) the clients must trust: PIP_CERT, TWINE_CERT, SSL_CERT_FILE. */
  readonly caFile: string
  readonly requests: FakePythonRequest[]
  readonly uploads: Upload[]
  close(): Promise<void>
}

const FILES_PATH = '/files/'

export async function startFakePythonRegistry(
  options: FakePythonRegistryOptions
): Promise<FakePythonRegistry> {
  const accepted = (header: string): boolean =>
    options
      .keys()
      .some((key) => header === `Basic ${Buffer.from(`token:${key}`).toString('base64')}`)
  const requests: FakePythonRequest[] = []
  const uploads: Upload[] = []
  const byFilename = new Map(options.packages.map((file) => [file.filename, file]))

  const handler = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'https://fake.invalid').pathname
    const header = request.headers.authorization
    const auth = header === undefined ? 'none' : accepted(header) ? 'ok' : 'wrong'
    const answer = (
      status: number,
      body: string | Buffer,
      headers: Record<string, string> = {}
    ): void => {
      requests.push({ method: request.method ?? '', path, auth, status })
      response.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers })
      response.end(body)
    }
    const body = await readRaw(request)
    if (auth !== 'ok') {
      answer(401, 'Unauthorized', {
        'Content-Type': 'text/plain',
        'WWW-Authenticate': 'Basic realm="fake cloudsmith"'
      })
      return
    }
    if (request.method === 'GET' && path.startsWith(options.indexPath)) {
      const project = path.slice(options.indexPath.length).replace(/\/$/, '')
      if (project === '') {
        answer(
          200,
          simplePage(
            'Simple index',
            options.packages.map((file) => projectOf(file))
          ),
          {
            'Content-Type': 'text/html'
          }
        )
        return
      }
      const files = options.packages.filter((file) => projectOf(file) === normalise(project))
      if (files.length === 0) {
        answer(404, 'Not Found', { 'Content-Type': 'text/plain' })
        return
      }
      const links = files.map((file) => `${FILES_PATH}${file.filename}#sha256=${file.sha256}`)
      answer(200, simplePage(`Links for ${project}`, links), { 'Content-Type': 'text/html' })
      return
    }
    if (request.method === 'GET' && path.startsWith(FILES_PATH)) {
      const file = byFilename.get(path.slice(FILES_PATH.length))
      if (file) answer(200, file.bytes, { 'Content-Type': 'application/octet-stream' })
      else answer(404, 'Not Found', { 'Content-Type': 'text/plain' })
      return
    }
    if (request.method === 'POST' && path === options.uploadPath) {
      const fields = parseMultipart(request.headers['content-type'] ?? '', body)
      const content = fields.get('content')
      if (
        fields.get(':action')?.value.toString() !== 'file_upload' ||
        content?.filename === undefined
      ) {
        answer(400, 'Bad upload', { 'Content-Type': 'text/plain' })
        return
      }
      uploads.push({
        action: 'file_upload',
        name: fields.get('name')?.value.toString() ?? '',
        version: fields.get('version')?.value.toString() ?? '',
        filename: content.filename,
        sha256: createHash('sha256').update(content.value).digest('hex'),
        sha256Field: fields.get('sha256_digest')?.value.toString() ?? ''
      })
      answer(200, 'OK', { 'Content-Type': 'text/plain' })
      return
    }
    answer(404, 'Not Found', { 'Content-Type': 'text/plain' })
  }

  const plain = await startLocalServer(handler)
  const ca = makeTestCa(['127.0.0.1'])
  const tls = await startTlsFront(plain.port, ca)
  return {
    host: `127.0.0.1:${tls.port}`,
    caFile: ca.caFile,
    requests,
    uploads,
    close: async () => {
      await tls.close()
      await plain.close()
      ca.remove()
    }
  }
}

/** PEP 503 names: lower case, runs of `-`, `_`, `.` as one `-`. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

function projectOf(file: Distribution): string {
  return normalise(file.filename.split('-')[0] ?? '')
}

function simplePage(title: string, links: readonly string[]): string {
  const anchors = links.map(
    (href) => `<a href="${href}">${href.split('/').pop()?.split('#')[0]}</a><br/>`
  )
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body>\n${anchors.join('\n')}\n</body></html>\n`
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

interface Part {
  readonly filename: string | undefined
  readonly value: Buffer
}

/** A multipart/form-data body: field name to its value (and file name, for a file). */
function parseMultipart(contentType: string, body: Buffer): Map<string, Part> {
  const parts = new Map<string, Part>()
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (boundary === undefined) return parts
  const delimiter = Buffer.from(`--${boundary}`)
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next < 0) break
    // between the delimiters: CRLF, headers, CRLF CRLF, value, CRLF
    const part = body.subarray(start + delimiter.length + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8')
      const name = /;\s*name="([^"]*)"/i.exec(headers)?.[1]
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1]
      if (name !== undefined) parts.set(name, { filename, value: part.subarray(split + 4) })
    }
    start = next
  }
  return parts
}
