/**
 * A Go module proxy (the GOPROXY protocol) on 127.0.0.1 over TLS, as strict as a private
 * Cloudsmith Go repository: every request is refused with 401 unless it carries HTTP Basic
 * `token:<key>` for a key it accepts. It serves `/@v/list`, `/@v/VERSION.info`, `.mod` and `.zip`
 * (a real module zip, made with python3's zipfile) for the modules it is given, below `prefix`.
 * go refuses to send credentials over plain http, hence TLS; `caFile` is for SSL_CERT_FILE.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { definedEnv, requireProgram } from './client-program.js'
import { fakeFolder, startTlsFake, type TlsFake } from './tls-fake.js'

export interface GoModule {
  /** A module path in lower case (no `!` escaping needed), such as `acme.example/greet`. */
  readonly path: string
  readonly version: string
  /** Go source files at the module's root, by name. */
  readonly files: Readonly<Record<string, string>>
}

export interface ProxyRequest {
  readonly path: string
  readonly authorization: 'none' | 'accepted' | 'refused'
}

export interface FakeGoProxy extends TlsFake {
  readonly requests: ProxyRequest[]
}

/** The module's zip as go expects it: every file below `PATH@VERSION/`. */
export function moduleZip(module: GoModule, dir: string): Buffer {
  const out = join(dir, 'module.zip')
  const files = { 'go.mod': goMod(module), ...module.files }
  const script = [
    'import json, sys, zipfile',
    'files = json.load(sys.stdin)',
    "with zipfile.ZipFile(sys.argv[1], 'w') as z:",
    '    for name, text in files.items(): z.writestr(sys.argv[2] + name, text)'
  ].join('\n')
  execFileSync('python3', ['-c', script, out, `${module.path}@${module.version}/`], {
    input: JSON.stringify(files)
  })
  return readFileSync(out)
}

function goMod(module: GoModule): string {
  return `module ${module.path}\n\ngo 1.19\n`
}

export async function startFakeGoProxy(options: {
  /** Where the proxy lives, with slashes around it: `/go-private/`, `/acme/go-private/`, `/`. */
  readonly prefix: string
  /** The keys it accepts (read at each request). */
  readonly keys: () => readonly string[]
  readonly modules: readonly GoModule[]
}): Promise<FakeGoProxy> {
  const dir = fakeFolder('fake-go-proxy')
  const files = new Map<string, { type: string; body: Buffer | string }>()
  for (const module of options.modules) {
    const at = `${module.path}/@v/${module.version}`
    files.set(`${module.path}/@v/list`, { type: 'text/plain', body: `${module.version}\n` })
    files.set(`${at}.info`, {
      type: 'application/json',
      body: JSON.stringify({ Version: module.version, Time: '2026-01-01T00:00:00Z' })
    })
    files.set(`${at}.mod`, { type: 'text/plain', body: goMod(module) })
    files.set(`${at}.zip`, { type: 'application/zip', body: moduleZip(module, dir) })
  }
  const requests: ProxyRequest[] = []

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const path = new URL(incoming.url ?? '/', 'https://proxy.invalid').pathname
    const given = incoming.headers.authorization
    const accepted =
      given !== undefined &&
      options
        .keys()
        .some((key) => given === `Basic ${Buffer.from(`token:${key}`).toString('base64')}`)
    const below = path.startsWith(options.prefix) ? path.slice(options.prefix.length) : path
    requests.push({
      path: below,
      authorization: given === undefined ? 'none' : accepted ? 'accepted' : 'refused'
    })
    if (!accepted) {
      outgoing.writeHead(401, { 'WWW-Authenticate': 'Basic realm="go"' }).end('unauthorized\n')
      return
    }
    const file = path.startsWith(options.prefix) ? files.get(below) : undefined
    if (file === undefined) {
      outgoing.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
      return
    }
    outgoing.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': Buffer.byteLength(file.body)
    })
    outgoing.end(file.body)
  }

  return { ...(await startTlsFake(dir, handle)), requests }
}

/**
 * A throw-away main module requiring `module`, and the environment to build it in: the step's
 * (`env`), its own GOPATH, module and build caches, the proxy's CA, go.sum written as needed.
 */
export function goProject(
  module: GoModule,
  main: string,
  env: Readonly<Record<string, string | undefined>>,
  caFile: string,
  root: string
): { dir: string; env: Record<string, string> } {
  const dir = join(root, 'app')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'go.mod'),
    `module app\n\ngo 1.19\n\nrequire ${module.path} ${module.version}\n`
  )
  writeFileSync(join(dir, 'main.go'), main)
  return {
    dir,
    env: {
      ...definedEnv(env),
      HOME: root,
      GOPATH: join(root, 'gopath'),
      GOMODCACHE: join(root, 'gopath', 'pkg', 'mod'),
      GOCACHE: join(root, 'gocache'),
      GOENV: 'off',
      GOFLAGS: '-mod=mod',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
      SSL_CERT_FILE: caFile
    }
  }
}

export const requireGo = (): string => requireProgram('go', ['version'], 'golang-go')
