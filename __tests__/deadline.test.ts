/**
 * The step's one deadline, on a clock the test controls: each request and each program gets its
 * own limit or what is left of the budget, whichever is less, and nothing once it is spent; a
 * program is stopped with its whole process group (taskkill /T on Windows). And no timer outlives
 * the work it limits (a timer left running would keep a finished step alive).
 */
import { describe, expect, test } from '@jest/globals'
import type { spawnSync } from 'node:child_process'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { requestTimeoutMs, stepDeadline, withDeadline } from '../src/deadline.js'
import { groupKill, runProgram, type SpawnProgram } from '../src/run-program.js'
import type { Http } from '../src/http.js'
import { main } from '../src/main.js'
import { createSystem } from '../src/system.js'
import { githubClaims, jwt } from './lib/jwt.js'
import { recorder } from './lib/recorder.js'
import { tempDirs } from './lib/temp-dirs.js'

const tempDir = tempDirs()

/** A clock that moves only when the test says so. */
function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let at = start
  return { now: () => at, advance: (ms) => (at += ms) }
}

describe('requestTimeoutMs', () => {
  test('its own limit while the budget holds more; then what is left; at least 1 ms', () => {
    expect(requestTimeoutMs(30_000, 100_000, 0)).toBe(30_000)
    expect(requestTimeoutMs(30_000, 100_000, 80_000)).toBe(20_000)
    expect(requestTimeoutMs(30_000, 100_000, 99_999)).toBe(1)
    expect(requestTimeoutMs(30_000, 100_000, 100_000)).toBe(1)
  })
})

describe('stepDeadline', () => {
  test('each program gets what is left, never more than its own limit; 0 or less when spent', () => {
    const clock = fakeClock()
    const deadline = stepDeadline(clock.now() + 10_000, 3_000, clock.now)
    expect(deadline.eachMs).toBe(3_000)
    expect(deadline.limitMs()).toBe(3_000)
    clock.advance(8_000)
    expect(deadline.limitMs()).toBe(2_000)
    clock.advance(2_000)
    expect(deadline.limitMs()).toBe(0)
    clock.advance(1)
    expect(deadline.limitMs()).toBeLessThan(0)
  })
})

/** A spawnSync spy: what each program was given, answering as `answer` says. */
function spySpawn(
  answer: (timeout: number) => Partial<ReturnType<SpawnProgram>> = () => ({ status: 0 })
): { spawn: SpawnProgram; timeouts: number[]; detached: unknown[] } {
  const timeouts: number[] = []
  const detached: unknown[] = []
  const spawn: SpawnProgram = (_command, _args, options) => {
    timeouts.push(options.timeout ?? -1)
    detached.push(options.detached)
    return {
      pid: 4242,
      output: [],
      stdout: '',
      stderr: '',
      status: null,
      signal: null,
      ...answer(options.timeout ?? 0)
    }
  }
  return { spawn, timeouts, detached }
}

describe('runProgram under the deadline', () => {
  test('each program on a fake clock gets only what is left of the budget, and none once it is spent', () => {
    const clock = fakeClock()
    const deadline = stepDeadline(clock.now() + 10_000, 4_000, clock.now)
    const spy = spySpawn()
    const kills: Array<[number, string]> = []
    const machine = {
      platform: 'linux' as const,
      env: {},
      spawn: spy.spawn,
      kill: (pid: number, signal: string) => void kills.push([pid, signal])
    }
    const run = (): ReturnType<typeof runProgram> =>
      runProgram('/bin/docker', ['login'], { deadline }, machine)
    run()
    clock.advance(7_500)
    run()
    clock.advance(2_499)
    run()
    clock.advance(1)
    const spent = run()
    expect(spy.timeouts).toEqual([4_000, 2_500, 1])
    expect(spent).toEqual({
      status: null,
      stdout: '',
      stderr: '',
      error: "not started: the step's time budget (total-timeout-seconds) ran out"
    })
    // each ran in a group of its own, and the group was killed when it returned
    expect(spy.detached).toEqual([true, true, true])
    expect(kills).toEqual([
      [-4242, 'SIGKILL'],
      [-4242, 'SIGKILL'],
      [-4242, 'SIGKILL']
    ])
  })

  test('a timeout says which limit ran out', () => {
    const clock = fakeClock()
    const timedOut = spySpawn(() => ({
      error: Object.assign(new Error('spawnSync ETIMEDOUT'), { code: 'ETIMEDOUT' })
    }))
    const machine = { platform: 'linux' as const, env: {}, spawn: timedOut.spawn, kill: () => {} }
    const deadline = stepDeadline(clock.now() + 10_000, 4_000, clock.now)
    expect(runProgram('/bin/docker', [], { deadline }, machine).error).toBe(
      'did not finish within 4.0s (timeout-seconds), and was stopped with every process it started'
    )
    clock.advance(8_000)
    expect(runProgram('/bin/docker', [], { deadline }, machine).error).toBe(
      "did not finish within 2.0s, what was left of the step's time budget (total-timeout-seconds), and was stopped with every process it started"
    )
  })

  test('Windows: not detached (it would get a console), and the tree ended with taskkill /T after a timeout only', () => {
    const spawned: string[][] = []
    const spawn: SpawnProgram = (command, args, options) => {
      spawned.push([command, ...args, String(options.detached ?? false)])
      const timedOut = command.endsWith('docker.exe')
      return {
        pid: 77,
        output: [],
        stdout: '',
        stderr: '',
        status: timedOut ? null : 0,
        signal: null,
        ...(timedOut ? { error: Object.assign(new Error('ETIMEDOUT'), { code: 'ETIMEDOUT' }) } : {})
      }
    }
    const machine = {
      platform: 'win32' as const,
      env: { SystemRoot: 'D:\\Windows' },
      spawn,
      kill: () => {
        throw new Error('no signals on Windows')
      }
    }
    const deadline = { eachMs: 1000, limitMs: () => 1000 }
    runProgram('C:\\bin\\docker.exe', ['login'], { deadline }, machine)
    expect(spawned).toEqual([
      ['C:\\bin\\docker.exe', 'login', 'false'],
      ['D:\\Windows\\System32\\taskkill.exe', '/T', '/F', '/PID', '77', 'false']
    ])
    spawned.length = 0
    runProgram('C:\\bin\\helper.com', ['get'], { deadline }, machine)
    expect(spawned).toEqual([['C:\\bin\\helper.com', 'get', 'false']])
  })

  test('groupKill: the negative pid on Linux and macOS; taskkill under SystemRoot on Windows', () => {
    expect(groupKill('linux', 12, {})).toEqual({ kind: 'signal', pid: -12, signal: 'SIGKILL' })
    expect(groupKill('darwin', 12, {})).toEqual({ kind: 'signal', pid: -12, signal: 'SIGKILL' })
    expect(groupKill('win32', 12, {})).toEqual({
      kind: 'program',
      program: 'C:\\Windows\\System32\\taskkill.exe',
      args: ['/T', '/F', '/PID', '12']
    })
  })

  test('the System runs a real program that way: the credential helper at planning gets the deadline', () => {
    const clock = fakeClock()
    const spy = spySpawn(() => ({ status: 1, stdout: 'credentials not found in native keychain' }))
    const bin = tempDir('bin')
    writeFileSync(join(bin, 'docker-credential-x'), '#!/bin/sh\n')
    chmodSync(join(bin, 'docker-credential-x'), 0o755)
    const system = createSystem({
      env: { PATH: bin },
      spawn: spy.spawn as unknown as typeof spawnSync,
      kill: () => {}
    })
    const deadline = stepDeadline(clock.now() + 5_000, 3_000, clock.now)
    clock.advance(4_000)
    const context = system.planContext(true, deadline)
    expect(context.readCredentialHelper?.('x', 'docker.example.com', '/tmp/docker')).toEqual({
      kind: 'none'
    })
    expect(spy.timeouts).toEqual([1_000])
  })
  test('a program that exits without reading its input is judged by its exit, not the broken pipe (as docker does)', () => {
    // writing the input to a program that has already exited fails with EPIPE; docker (Go's
    // os/exec) ignores that error, and so must the step, or a store's "not found" reads as a failure
    const bin = tempDir('bin')
    const helper = join(bin, 'docker-credential-unread')
    writeFileSync(helper, '#!/bin/sh\necho "credentials not found in native keychain"\nexit 1\n')
    chmodSync(helper, 0o755)
    const system = createSystem({ env: { PATH: bin } })
    const deadline = stepDeadline(Date.now() + 20_000, 20_000, () => Date.now())
    const result = system.run(helper, ['get'], { input: 'x'.repeat(1 << 20), deadline })
    expect(result).toEqual({
      status: 1,
      stdout: 'credentials not found in native keychain\n',
      stderr: '',
      error: undefined
    })
  })
})

describe('main: every request on a fake clock gets what is left of the budget', () => {
  test('a slow Cloudsmith answering 503: each attempt is limited by what is left, never more', async () => {
    const clock = fakeClock()
    const started = clock.now()
    const seen: Array<{ at: number; timeoutMs: number }> = []
    const http: Http = async (request) => {
      seen.push({ at: clock.now(), timeoutMs: request.timeoutMs })
      clock.advance(11_000) // a slow answer
      return { status: 503, headers: {}, body: 'busy', truncated: false }
    }
    const rec = recorder({
      org: 'acme',
      'service-slug': 'ci-publisher',
      'timeout-seconds': '10',
      'total-timeout-seconds': '30',
      'max-attempts': '10'
    })
    await main({
      io: rec,
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
      },
      readEvent: () => ({}),
      getIdToken: (audience) =>
        jwt({ ...githubClaims, aud: audience ?? 'https://github.com/acme' }),
      http,
      clock: { now: clock.now, sleep: async (ms) => clock.advance(ms) },
      random: () => 0.5
    })
    expect(rec.failed).toBe(true)
    expect(seen.length).toBeGreaterThanOrEqual(3)
    for (const { at, timeoutMs } of seen) {
      expect(timeoutMs).toBe(Math.max(1, Math.min(10_000, started + 30_000 - at)))
    }
    expect(seen.at(-1)!.timeoutMs).toBeLessThan(10_000)
  })
})

describe('no timer outlives the work it limits', () => {
  const timers = (): number =>
    process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length

  test('withDeadline clears its timer when the work settles, either way', async () => {
    const before = timers()
    await withDeadline(Promise.resolve(1), 60_000, () => new Error('late'))
    await withDeadline(Promise.reject(new Error('no')), 60_000, () => new Error('late')).catch(
      () => undefined
    )
    expect(timers()).toBe(before)
  })
})
