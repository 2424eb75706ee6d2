/**
 * The refresh helper's core, in process: the cache and its renewal time, the lock (one exchange,
 * bounded waits, stale locks broken) on a clock the test controls, the files (0600, atomic, never
 * through a link), the arguments the launchers pass, the launchers themselves (the shell one run
 * for real), and a whole call against the issuer and fake Cloudsmith over real HTTP.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { createHttp } from '../src/http.js'
import { log, type LogText } from '../src/print-gate.js'
import type { Clock } from '../src/retry.js'
import { runHelperCall, type HelperDeps } from '../src/refresh/helper.js'
import {
  cacheEntry,
  isFresh,
  KEY_REFRESH_MARGIN_MS,
  parseCache,
  serialiseCache,
  type KeyCache
} from '../src/refresh/key-cache.js'
import {
  checkDir,
  isAlive,
  keyFiles,
  type KeyFiles,
  type LockHolder
} from '../src/refresh/key-files.js'
import { currentKey, LockWaitError } from '../src/refresh/key-keeper.js'
import {
  cmdQuote,
  dockerHelperName,
  helperLayout,
  launcher,
  shellQuote
} from '../src/refresh/launchers.js'
import { readRequest } from '../src/refresh/protocols.js'
import { helperArgs, parseHelperArgs, type HelperSettings } from '../src/refresh/settings.js'
import { jwt } from './lib/jwt.js'
import { tempDirs } from './lib/temp-dirs.js'
import { ORG, SERVICE_SLUG, startStage } from './e2e/harness.js'

const tempDir = tempDirs()

const SETTINGS: HelperSettings = {
  org: 'acme',
  serviceSlug: 'ci-bot',
  audience: 'https://github.com/octo-org',
  apiUrl: 'https://api.cloudsmith.io',
  dir: '/tmp/x',
  maxAttempts: 5,
  timeoutMs: 30_000,
  totalTimeoutMs: 180_000
}

/** A clock whose sleeps move time forward at once. */
function testClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    advance: (ms) => {
      now += ms
    }
  }
}

/** KeyFiles in memory; `onPoll` runs at each look at the cache while a call waits. */
function memoryFiles(initial?: KeyCache): KeyFiles & {
  cache: string | undefined
  lock: LockHolder | undefined
  broken: number
} {
  const files = {
    cache: initial ? serialiseCache(initial) : undefined,
    lock: undefined as LockHolder | undefined,
    broken: 0,
    readCache: () => files.cache,
    writeCache: (text: string) => {
      files.cache = text
    },
    tryLock: (nowMs: number) => {
      if (files.lock) return false
      files.lock = { pid: 1, sinceMs: nowMs, text: 'ours' }
      return true
    },
    lockHolder: () => files.lock,
    breakLock: () => {
      files.broken++
      files.lock = undefined
    },
    unlock: () => {
      files.lock = undefined
    }
  }
  return files
}

async function key(lifetimeSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const token = await jwt({ sub: 'ci-bot' }, lifetimeSeconds)
  return { token, expiresAt: new Date((Math.floor(Date.now() / 1000) + lifetimeSeconds) * 1000) }
}

const LIMITS = { waitMs: 10_000, staleMs: 10_000, pollMs: 100 }

describe('the key cache', () => {
  test('a 90-minute key is renewed five minutes before exp; a short one at half its life', async () => {
    const now = Date.now()
    const long = cacheEntry(await key(5400), now, 1)
    expect(long.expiresAtMs - long.renewAtMs).toBeGreaterThanOrEqual(KEY_REFRESH_MARGIN_MS - 1000)
    expect(long.expiresAtMs - long.renewAtMs).toBeLessThanOrEqual(KEY_REFRESH_MARGIN_MS + 1000)
    const short = cacheEntry(await key(10), now, 1)
    expect(short.renewAtMs - now).toBeGreaterThan(4000)
    expect(short.renewAtMs - now).toBeLessThanOrEqual(5000)
    expect(isFresh(short, now)).toBe(true)
    expect(isFresh(short, short.renewAtMs)).toBe(false)
    expect(isFresh(undefined, now)).toBe(false)
  })

  test('a key without claims is judged by its exp; the text round-trips', () => {
    const entry = cacheEntry({ token: 'not-a-jwt', expiresAt: new Date(2_000_000) }, 1_000_000, 3)
    expect(entry.renewAtMs).toBeLessThanOrEqual(2_000_000)
    expect(parseCache(serialiseCache(entry))).toEqual(entry)
  })

  test.each([
    ['missing', undefined],
    ['not JSON', '{'],
    ['null', 'null'],
    ['another version', JSON.stringify({ version: 2 })],
    [
      'no key',
      JSON.stringify({
        version: 1,
        key: '',
        expiresAt: '2030-01-01T00:00:00Z',
        renewAtMs: 1,
        minted: 1
      })
    ],
    [
      'a bad date',
      JSON.stringify({ version: 1, key: 'k', expiresAt: 'soon', renewAtMs: 1, minted: 1 })
    ],
    [
      'no count',
      JSON.stringify({
        version: 1,
        key: 'k',
        expiresAt: '2030-01-01T00:00:00Z',
        renewAtMs: 1,
        minted: 0
      })
    ]
  ])('a cache that is %s is as good as none', (_name, text) => {
    expect(parseCache(text)).toBeUndefined()
  })
})

describe('one exchange for all callers', () => {
  test('a fresh cached key is answered without an exchange or a lock', async () => {
    const clock = testClock()
    const cached = {
      key: 'k1',
      expiresAtMs: clock.now() + 60_000,
      renewAtMs: clock.now() + 30_000,
      minted: 1
    }
    const files = memoryFiles(cached)
    const mint = jest_fn()
    const result = await currentKey({ files, clock, mint: mint.call, isAlive: () => true }, LIMITS)
    expect(result).toEqual({ cache: cached, minted: false })
    expect(mint.calls).toBe(0)
    expect(files.lock).toBeUndefined()
  })

  test('a key near expiry is exchanged once, counted, cached, and the lock given back', async () => {
    const clock = testClock(Date.now())
    const files = memoryFiles({
      key: 'old',
      expiresAtMs: clock.now() + 1000,
      renewAtMs: clock.now() - 1,
      minted: 4
    })
    const fresh = await key(5400)
    const mint = jest_fn(async () => fresh)
    const result = await currentKey({ files, clock, mint: mint.call, isAlive: () => true }, LIMITS)
    expect(result.minted).toBe(true)
    expect(result.cache).toEqual(expect.objectContaining({ key: fresh.token, minted: 5 }))
    expect(parseCache(files.cache)).toEqual(result.cache)
    expect(files.lock).toBeUndefined()
  })

  test("a caller that finds the lock taken waits for the holder's key and does not exchange", async () => {
    const clock = testClock()
    const files = memoryFiles()
    files.lock = { pid: 7, sinceMs: clock.now(), text: 'theirs' }
    const theirs = {
      key: 'theirs',
      expiresAtMs: clock.now() + 600_000,
      renewAtMs: clock.now() + 300_000,
      minted: 1
    }
    const sleep = clock.sleep
    let polls = 0
    clock.sleep = async (ms) => {
      await sleep(ms)
      if (++polls === 3) files.cache = serialiseCache(theirs)
    }
    const mint = jest_fn()
    const result = await currentKey({ files, clock, mint: mint.call, isAlive: () => true }, LIMITS)
    expect(result).toEqual({ cache: theirs, minted: false })
    expect(mint.calls).toBe(0)
  })

  test('the holder renewed between the first look and the lock: no second exchange', async () => {
    const clock = testClock()
    const files = memoryFiles()
    const renewed = {
      key: 'renewed',
      expiresAtMs: clock.now() + 600_000,
      renewAtMs: clock.now() + 300_000,
      minted: 2
    }
    const tryLock = files.tryLock
    files.tryLock = (nowMs) => {
      files.cache = serialiseCache(renewed)
      return tryLock(nowMs)
    }
    const mint = jest_fn()
    const result = await currentKey({ files, clock, mint: mint.call, isAlive: () => true }, LIMITS)
    expect(result.cache).toEqual(renewed)
    expect(mint.calls).toBe(0)
    expect(files.lock).toBeUndefined()
  })

  test('a lock whose holder died is broken; one older than any exchange too', async () => {
    for (const [holder, alive] of [
      [{ pid: 99, sinceMs: 1_000_000, text: 'dead' }, false],
      [{ pid: 98, sinceMs: 1_000_000 - 20_000, text: 'old' }, true],
      [{ pid: undefined, sinceMs: 1_000_000 - 20_000, text: 'garbage' }, true]
    ] as const) {
      const clock = testClock()
      const files = memoryFiles()
      files.lock = holder
      const fresh = await key(5400)
      const result = await currentKey(
        { files, clock, mint: async () => fresh, isAlive: () => alive },
        LIMITS
      )
      expect(files.broken).toBe(1)
      expect(result.cache.key).toBe(fresh.token)
    }
  })

  test('a live holder that never delivers: the wait ends at its bound with a clear error', async () => {
    const clock = testClock()
    const files = memoryFiles()
    files.tryLock = () => false
    files.lockHolder = () => ({ pid: 42, sinceMs: clock.now(), text: 'stuck' })
    const started = clock.now()
    const error = await currentKey(
      { files, clock, mint: async () => key(60), isAlive: () => true },
      { waitMs: 5000, staleMs: 1e9, pollMs: 100 }
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(LockWaitError)
    expect((error as Error).message).toContain('process 42')
    expect(clock.now() - started).toBeLessThanOrEqual(5100)
  })

  test('an exchange that fails gives the lock back', async () => {
    const clock = testClock()
    const files = memoryFiles()
    await expect(
      currentKey(
        { files, clock, mint: () => Promise.reject(new Error('refused')), isAlive: () => true },
        LIMITS
      )
    ).rejects.toThrow('refused')
    expect(files.lock).toBeUndefined()
    expect(files.cache).toBeUndefined()
  })
})

describe('the files', () => {
  test('the cache is written 0600 by renaming over the old one, and read back', () => {
    const dir = tempDir('refresh-files')
    const files = keyFiles(dir)
    expect(files.readCache()).toBeUndefined()
    files.writeCache('one\n')
    files.writeCache('two\n')
    expect(files.readCache()).toBe('two\n')
    expect(statSync(join(dir, 'key.json')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, 'key.json'), 'utf8')).toBe('two\n')
  })

  test('a cache others can read, or a link, is taken as missing; a link is replaced, not followed', () => {
    const dir = tempDir('refresh-files')
    const files = keyFiles(dir)
    writeFileSync(join(dir, 'key.json'), 'planted\n', { mode: 0o644 })
    chmodSync(join(dir, 'key.json'), 0o644)
    expect(files.readCache()).toBeUndefined()
    const target = join(tempDir('refresh-target'), 'elsewhere')
    writeFileSync(target, 'untouched\n', { mode: 0o600 })
    const link = join(tempDir('refresh-files'), 'x')
    mkdirSync(link)
    symlinkSync(target, join(link, 'key.json'))
    const linked = keyFiles(link)
    expect(linked.readCache()).toBeUndefined()
    linked.writeCache('mine\n')
    expect(readFileSync(target, 'utf8')).toBe('untouched\n')
    expect(linked.readCache()).toBe('mine\n')
    mkdirSync(join(dir, 'sub'))
    mkdirSync(join(dir, 'sub', 'key.json'))
    expect(keyFiles(join(dir, 'sub')).readCache()).toBeUndefined()
  })

  test('the lock: one holder, its text, given back only by its holder, broken only as read', () => {
    const dir = tempDir('refresh-lock')
    const first = keyFiles(dir, 111)
    const second = keyFiles(dir, 222)
    expect(first.lockHolder()).toBeUndefined()
    expect(first.tryLock(5000)).toBe(true)
    expect(second.tryLock(5001)).toBe(false)
    const holder = second.lockHolder()!
    expect(holder).toEqual(expect.objectContaining({ pid: 111, sinceMs: 5000 }))
    expect(statSync(join(dir, 'key.lock')).mode & 0o777).toBe(0o600)
    second.unlock() // not its lock
    expect(existsSync(join(dir, 'key.lock'))).toBe(true)
    second.breakLock({ ...holder, text: 'another lock' })
    expect(existsSync(join(dir, 'key.lock'))).toBe(true)
    second.breakLock(holder)
    expect(existsSync(join(dir, 'key.lock'))).toBe(false)
    expect(second.tryLock(6000)).toBe(true)
    first.unlock() // its lock was broken: the new one stays
    expect(second.lockHolder()?.pid).toBe(222)
    second.unlock()
    expect(existsSync(join(dir, 'key.lock'))).toBe(false)
    writeFileSync(join(dir, 'key.lock'), '')
    expect(first.lockHolder()).toEqual(expect.objectContaining({ pid: undefined, text: '' }))
  })

  test('failures other than a taken lock or a missing file are thrown', () => {
    const dir = tempDir('refresh-fail')
    const missing = keyFiles(join(dir, 'no-such-folder'))
    expect(() => missing.tryLock(1)).toThrow(/ENOENT/)
    expect(() => missing.writeCache('x')).toThrow(/ENOENT/)
    mkdirSync(join(dir, 'key.json'))
    expect(() => keyFiles(dir).writeCache('x')).toThrow()
    expect(readdirSync(dir)).toEqual(['key.json'])
    mkdirSync(join(dir, 'key.lock'))
    expect(() => keyFiles(dir).lockHolder()).toThrow()
  })

  test('the folder check and the process check', () => {
    const dir = tempDir('refresh-dir')
    expect(checkDir(dir)).toBeUndefined()
    expect(checkDir(join(dir, 'gone'))).toMatch(/is gone/)
    writeFileSync(join(dir, 'file'), '')
    expect(checkDir(join(dir, 'file'))).toMatch(/not a folder/)
    expect(isAlive(process.pid)).toBe(true)
    expect(isAlive(2 ** 22 + 12345)).toBe(false)
    expect(isAlive(1)).toBe(true)
  })
})

describe('what the launchers pass, and the launchers', () => {
  test("the arguments round-trip, with and without an audience, and the tool's own after --", () => {
    expect(parseHelperArgs([...helperArgs('docker', SETTINGS), 'get'])).toEqual({
      protocol: 'docker',
      settings: SETTINGS,
      args: ['get']
    })
    const noAudience = { ...SETTINGS, audience: undefined }
    expect(parseHelperArgs(helperArgs('cargo', noAudience)).settings).toEqual(noAudience)
  })

  test.each([
    [['nothing'], /first argument/],
    [['docker', '--org'], /unexpected argument --org/],
    [['docker', '--colour', 'red'], /unexpected argument --colour/],
    [['docker', '--org', 'a', '--org', 'b'], /unexpected argument --org/],
    [['docker', '--org', 'a'], /--service-slug is missing/],
    [[...helperArgs('docker', SETTINGS).slice(0, -2), '0', '--'], /--total-timeout-seconds must be/]
  ])('%j is refused', (argv, message) => {
    expect(() => parseHelperArgs(argv)).toThrow(message)
  })

  test('the shell launcher runs the helper with every argument as written, quotes and all', () => {
    const dir = tempDir('refresh-launcher')
    const layout = helperLayout(dir, 'ab12', 'linux')
    const settings = { ...SETTINGS, audience: `it's "odd" $HOME \`x\``, dir: layout.dir }
    const made = launcher('docker', settings, layout, 'ab12', {
      platform: 'linux',
      nodePath: process.execPath,
      helperScript: '-e'
    })
    if ('problem' in made) throw new Error(made.problem)
    expect(made.path).toBe(
      join(dir, 'cloudsmith-oidc-refresh-ab12', 'bin', 'docker-credential-cloudsmith-oidc-ab12')
    )
    // run it with `node -e` in place of the helper: it prints the arguments it got
    const script = made.content.replace(
      `'-e'`,
      `'-e' 'console.log(JSON.stringify(process.argv.slice(1)))'`
    )
    mkdirSync(layout.binDir, { recursive: true })
    writeFileSync(made.path, script, { mode: 0o700 })
    const run = spawnSync(made.path, ['get'], { encoding: 'utf8' })
    expect(JSON.parse(run.stdout)).toEqual([...helperArgs('docker', settings), 'get'])
    expect(dockerHelperName('ab12')).toBe('cloudsmith-oidc-ab12')
  })

  test('the Windows launcher is a .cmd with each argument quoted and % doubled', () => {
    const layout = helperLayout('D:\\a\\_temp', 'ab12', 'win32')
    const made = launcher(
      'cargo',
      { ...SETTINGS, audience: '100%', dir: layout.dir },
      layout,
      'ab12',
      {
        platform: 'win32',
        nodePath: 'C:\\node\\node.exe',
        helperScript: 'D:\\a\\action\\dist\\refresh.js'
      }
    )
    if ('problem' in made) throw new Error(made.problem)
    expect(made.path).toBe('D:\\a\\_temp\\cloudsmith-oidc-refresh-ab12\\bin\\cargo-credential.cmd')
    expect(made.content).toMatch(/^@echo off\r\n/)
    expect(made.content).toContain('"C:\\node\\node.exe" "D:\\a\\action\\dist\\refresh.js" "cargo"')
    expect(made.content).toContain('"--audience" "100%%"')
    expect(made.content.trimEnd().endsWith('%*')).toBe(true)
    const refused = launcher('pnpm', { ...SETTINGS, audience: 'a"b' }, layout, 'ab12', {
      platform: 'win32',
      nodePath: 'node.exe',
      helperScript: 'refresh.js'
    })
    expect(refused).toEqual({ problem: expect.stringContaining('double quote') })
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`)
    expect(cmdQuote('a%b')).toBe('"a%%b"')
  })
})

describe('the protocols', () => {
  test('what each tool reads back', () => {
    const answer = (protocol: 'docker' | 'cargo' | 'pnpm', args: string[] = []): string => {
      const request = readRequest(protocol, args)
      if (request.kind !== 'key') throw new Error('expected a key request')
      return request.answer('KEY')
    }
    expect(JSON.parse(answer('docker', ['get']))).toEqual({ Username: 'token', Secret: 'KEY' })
    expect(answer('cargo')).toBe('Token KEY\n')
    expect(answer('pnpm')).toBe('KEY\n')
    expect(readRequest('docker', ['list'])).toEqual({ kind: 'done', stdout: '{}\n' })
    expect(readRequest('docker', [])).toEqual({
      kind: 'unknown',
      why: expect.stringContaining('not nothing')
    })
  })
})

describe('a whole call in process, over real HTTP', () => {
  test('a key from the issuer and fake Cloudsmith; then the cache; then a fault, one safe line', async () => {
    const stage = await startStage()
    const dir = tempDir('refresh-call')
    const lines: LogText[] = []
    let stdout = ''
    const deps = (
      argv: string[],
      env: Record<string, string> = stage.issuer.env()
    ): HelperDeps => ({
      argv,
      env,
      http: createHttp('test'),
      clock: { now: Date.now, sleep: (ms) => new Promise((done) => setTimeout(done, ms)) },
      random: () => 0,
      files: (folder) => keyFiles(folder),
      checkDir,
      isAlive,
      readInput: async () => 'docker.cloudsmith.io\n',
      stdout: (text) => {
        stdout += text
      },
      stderr: (line) => lines.push(line)
    })
    const settings = {
      ...SETTINGS,
      org: ORG,
      serviceSlug: SERVICE_SLUG,
      apiUrl: stage.cloudsmith.url,
      dir,
      audience: undefined
    }
    try {
      expect(await runHelperCall(deps([...helperArgs('cargo', settings)]))).toBe(0)
      const [issued] = stage.cloudsmith.issuedTokens()
      expect(stdout).toBe(`Token ${issued}\n`)
      // no audience: GitHub's default; an audience: asked for as core.getIDToken asks
      const audiences = (): unknown[] =>
        stage.issuer.requests.filter((r) => r.path === '/idtoken').map((r) => r.query['audience'])
      expect(audiences()).toEqual([undefined])
      const withAudience = {
        ...settings,
        audience: 'https://github.com/octo-org',
        dir: tempDir('refresh-call')
      }
      expect(await runHelperCall(deps([...helperArgs('cargo', withAudience)]))).toBe(0)
      expect(audiences()).toEqual([undefined, 'https://github.com/octo-org'])
      stdout = ''
      stdout = ''
      expect(await runHelperCall(deps([...helperArgs('pnpm', settings)], {}))).toBe(0)
      expect(stdout).toBe(`${issued}\n`)
      // a folder the post step removed
      const gone = { ...settings, dir: join(dir, 'gone') }
      expect(await runHelperCall(deps([...helperArgs('docker', gone), 'get']))).toBe(1)
      expect(lines.at(-1)?.text).toMatch(/folder .* is gone/)
      // Cloudsmith refuses: the reason in one line, no ID token, no request token
      const refusing = { ...settings, serviceSlug: 'not-linked', dir: tempDir('refresh-call') }
      expect(await runHelperCall(deps([...helperArgs('cargo', refusing)]))).toBe(1)
      const said = lines.at(-1)!.text
      expect(said).toMatch(/^cloudsmith-oidc refresh helper: no Cloudsmith key: .*401/)
      expect(said).not.toMatch(/\n/)
      for (const secret of [stage.issuer.requestToken, ...stage.issuer.issued])
        expect(said).not.toContain(secret)
      expect(log`${said}`.text).toBe(said)
      // GitHub's token service fails: final for a 4xx-like answer, no value in a 200
      const once = { ...settings, maxAttempts: 1, dir: tempDir('refresh-call') }
      stage.issuer.fault(403)
      expect(await runHelperCall(deps([...helperArgs('pnpm', once)]))).toBe(1)
      expect(lines.at(-1)!.text).toMatch(/refused the request \(403\)/)
      stage.issuer.fault('no-value')
      expect(await runHelperCall(deps([...helperArgs('pnpm', once)]))).toBe(1)
      expect(lines.at(-1)!.text).toMatch(/answered without a token/)
      // no request variables, no cached key
      expect(await runHelperCall(deps([...helperArgs('cargo', once)], {}))).toBe(1)
      expect(lines.at(-1)!.text).toMatch(
        /ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set/
      )
      // docker's store: read, nothing kept, nothing printed
      stdout = ''
      expect(await runHelperCall(deps([...helperArgs('docker', once), 'store']))).toBe(0)
      expect(stdout).toBe('')
      expect(await runHelperCall(deps(['docker', '--bogus']))).toBe(1)
      expect(stdout).toMatch(/unexpected argument --bogus/)
    } finally {
      await stage.close()
    }
  }, 60_000)
})

/** A counting stand-in for the exchange. */
function jest_fn<T>(
  impl: () => Promise<T> = () => Promise.reject(new Error('no exchange expected'))
) {
  const fn = {
    calls: 0,
    call: () => {
      fn.calls++
      return impl()
    }
  }
  return fn as { calls: number; call: () => Promise<never> }
}
