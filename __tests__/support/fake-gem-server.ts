/**
 * A RubyGems server on 127.0.0.1 over TLS, as strict as a private Cloudsmith Ruby repository:
 * below `prefix` it serves Bundler's compact index (`versions`, `info/NAME`) and the gems
 * (`gems/NAME-VERSION.gem`), refusing every request with 401 unless it carries HTTP Basic
 * `token:<key>`; below `pushPrefix` it takes `gem push` (`POST api/v1/gems`) only with the key
 * itself as `Authorization`, as RubyGems sends GEM_HOST_API_KEY. The gems are real, made with
 * `gem build`. `caFile` is for SSL_CERT_FILE.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { readBody } from './local-server.js'
import { definedEnv, requireProgram } from './client-program.js'
import { fakeFolder, startTlsFake, type TlsFake } from './tls-fake.js'

export interface GemFiles {
  readonly name: string
  readonly version: string
  /** What `lib/NAME.rb` holds. */
  readonly lib: string
}

export interface GemRequest {
  readonly method: string
  readonly path: string
  readonly authorization: 'none' | 'accepted' | 'refused'
}

export interface FakeGemServer extends TlsFake {
  readonly requests: GemRequest[]
  /** Sizes of the gems pushed, in order. */
  readonly pushed: number[]
}

/** A gem made by `gem build` in `dir` (the folder is left with the gemspec and the .gem). */
export function buildGem(gem: GemFiles, dir: string): string {
  mkdirSync(join(dir, 'lib'), { recursive: true })
  writeFileSync(join(dir, 'lib', `${gem.name}.rb`), gem.lib)
  writeFileSync(
    join(dir, `${gem.name}.gemspec`),
    [
      'Gem::Specification.new do |s|',
      `  s.name = ${JSON.stringify(gem.name)}`,
      `  s.version = ${JSON.stringify(gem.version)}`,
      '  s.summary = "A test gem"',
      '  s.authors = ["Acme"]',
      '  s.license = "MIT"',
      `  s.files = ["lib/${gem.name}.rb"]`,
      'end',
      ''
    ].join('\n')
  )
  execFileSync('gem', ['build', `${gem.name}.gemspec`], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    stdio: 'ignore'
  })
  return join(dir, `${gem.name}-${gem.version}.gem`)
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

export async function startFakeGemServer(options: {
  /** The Gemfile source's path, with slashes around it: `/basic/gems/ruby/`. */
  readonly prefix: string
  /** What gem push is given as its host's path, with slashes around it: `/gems/`. */
  readonly pushPrefix: string
  readonly keys: () => readonly string[]
  readonly gems: readonly GemFiles[]
}): Promise<FakeGemServer> {
  const dir = fakeFolder('fake-gem-server')
  const files = new Map<string, Buffer | string>()
  const versions = ['created_at: 2026-01-01T00:00:00+00:00', '---']
  for (const gem of options.gems) {
    const built = readFileSync(buildGem(gem, join(dir, gem.name)))
    const info = `---\n${gem.version} |checksum:${createHash('sha256').update(built).digest('hex')}\n`
    files.set(`info/${gem.name}`, info)
    files.set(`gems/${gem.name}-${gem.version}.gem`, built)
    versions.push(`${gem.name} ${gem.version} ${md5(info)}`)
  }
  files.set('versions', `${versions.join('\n')}\n`)
  const requests: GemRequest[] = []
  const pushed: number[] = []

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const path = new URL(incoming.url ?? '/', 'https://gems.invalid').pathname
    const method = incoming.method ?? 'GET'
    const given = incoming.headers.authorization
    const keys = options.keys()
    const push = method === 'POST' && path === `${options.pushPrefix}api/v1/gems`
    const accepted =
      given !== undefined &&
      (push
        ? keys.includes(given)
        : keys.some((key) => given === `Basic ${Buffer.from(`token:${key}`).toString('base64')}`))
    requests.push({
      method,
      path,
      authorization: given === undefined ? 'none' : accepted ? 'accepted' : 'refused'
    })
    if (!accepted) {
      outgoing.writeHead(401, { 'WWW-Authenticate': 'Basic realm="ruby"' }).end('unauthorized\n')
      return
    }
    if (push) {
      pushed.push(Buffer.byteLength(await readBody(incoming, 10 * 1024 * 1024)))
      outgoing.writeHead(200, { 'Content-Type': 'text/plain' }).end('Successfully registered gem\n')
      return
    }
    const file = path.startsWith(options.prefix)
      ? files.get(path.slice(options.prefix.length))
      : undefined
    if (method !== 'GET' || file === undefined) {
      outgoing.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
      return
    }
    outgoing.writeHead(200, {
      'Content-Type': typeof file === 'string' ? 'text/plain' : 'application/octet-stream',
      'Content-Length': Buffer.byteLength(file)
    })
    outgoing.end(file)
  }

  return { ...(await startTlsFake(dir, handle)), requests, pushed }
}

/**
 * A project whose Gemfile takes `gem` from `source` in a source block, and the environment for
 * bundle and gem in it: the step's (`env`), its own HOME, Bundler config and install path, the
 * server's CA.
 */
export function bundlerProject(
  gem: Pick<GemFiles, 'name' | 'version'>,
  source: string,
  env: Readonly<Record<string, string | undefined>>,
  caFile: string,
  root: string
): { dir: string; env: Record<string, string> } {
  const dir = join(root, 'app')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'Gemfile'),
    `source ${JSON.stringify(source)} do\n  gem ${JSON.stringify(gem.name)}, ${JSON.stringify(gem.version)}\nend\n`
  )
  return {
    dir,
    env: {
      ...definedEnv(env),
      HOME: root,
      BUNDLE_GEMFILE: join(dir, 'Gemfile'),
      BUNDLE_APP_CONFIG: join(root, 'bundle-config'),
      BUNDLE_USER_HOME: join(root, 'bundle-home'),
      BUNDLE_PATH: join(root, 'vendor'),
      BUNDLE_RETRY: '0',
      SSL_CERT_FILE: caFile
    }
  }
}

export const requireBundler = (): string => requireProgram('bundle', ['--version'], 'ruby-bundler')
