/**
 * A docker login cut short, in-process with the real docker client (client side, no daemon)
 * against a fake registry in a worker thread: the record says a login may have happened before
 * docker starts, so a login killed at its time limit after docker stored the key is undone by
 * post, which compares docker's view of the host with this step's key by SHA-256. And the
 * post step never runs a logout that would erase another spelling's login.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Deadline } from '../src/deadline.js'
import { applyPlans, RegistryApplyError } from '../src/registries/apply.js'
import { undoRecord } from '../src/registries/cleanup.js'
import { FORMATS } from '../src/registries/formats.js'
import { planRegistries } from '../src/registries/plans.js'
import { parseRecord, type AppliedRecord } from '../src/registries/record.js'
import { parseRegistries } from '../src/registries/request.js'
import { slugProblem } from '../src/inputs.js'
import { createSystem, type System } from '../src/system.js'
import { startRegistryThread, type RegistryThread } from './lib/registry-thread.js'
import { recorder } from './lib/recorder.js'
import { tempDirs } from './lib/temp-dirs.js'

const KEY = 'csk-0123456789abcdef-the-oidc-key'
const BASIC = Buffer.from(`token:${KEY}`).toString('base64')
const OTHER = { auth: Buffer.from('alice:hers').toString('base64') }
const REAL_DOCKER = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).stdout.trim()
if (REAL_DOCKER === '') throw new Error('the docker client is needed on PATH for this test')

let registry: RegistryThread
beforeAll(async () => {
  registry = await startRegistryThread([KEY])
})
afterAll(() => registry.close())
const temp = tempDirs()

/** A docker before the real one on PATH: `login` runs the real login, then hangs. */
function hangingDocker(): string {
  const bin = temp('hanging-docker')
  writeFileSync(
    join(bin, 'docker'),
    [
      `#!${process.execPath}`,
      "const { spawnSync } = require('child_process')",
      "const input = require('fs').readFileSync(0, 'utf8')",
      `const run = spawnSync(${JSON.stringify(REAL_DOCKER)}, process.argv.slice(2), { input, stdio: ['pipe', 'inherit', 'inherit'] })`,
      "if (process.argv[2] === 'login') setTimeout(() => {}, 120000)",
      'else process.exit(run.status ?? 1)'
    ].join('\n'),
    { mode: 0o755 }
  )
  return bin
}

function machine(pathFirst: string, config: object): { system: System; configDir: string } {
  const configDir = temp('docker-config')
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config), { mode: 0o600 })
  const env = {
    PATH: `${pathFirst}:${process.env.PATH ?? ''}`,
    HOME: temp('home'),
    RUNNER_TEMP: temp('runner-temp'),
    DOCKER_CONFIG: configDir
  }
  return { system: createSystem({ env }), configDir }
}

function plans(system: System) {
  const parsed = parseRegistries(`docker host=${registry.host}`, {
    org: 'acme',
    formats: FORMATS,
    slugProblem,
    findProgram: (name) => system.findProgram(name)
  })
  return planRegistries(parsed.requests, system.planContext(true), FORMATS)
}

const auths = (configDir: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { auths: object })
    .auths as Record<string, unknown>

/** Each program gets `ms`, with no overall budget. */
const each = (ms: number): Deadline => ({ eachMs: ms, limitMs: () => ms })
/** RUNNER_TEMP lies under the system's temporary folder here. */
const RULES = { tempDir: tmpdir(), platform: 'linux' as const }

describe('a docker login cut short, and post', () => {
  test('killed at its time limit after docker stored the key: recorded first, logged out by post', () => {
    const { system, configDir } = machine(hangingDocker(), { auths: { o: OTHER } })
    const rec = recorder()
    let error: unknown
    try {
      applyPlans(plans(system), { io: rec, system, key: KEY, cleanup: true, deadline: each(8_000) })
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(RegistryApplyError)
    expect((error as Error).message).toMatch(/failed \(did not finish within 8(\.0)?s/)
    expect(auths(configDir)[registry.host]).toEqual({ auth: BASIC })
    const record = parseRecord(rec.state['registries'] ?? '', RULES) as AppliedRecord
    expect(record.steps.map((step) => step.kind)).toEqual(['docker-login'])

    const post = recorder()
    undoRecord(record, { io: post, system, deadline: each(20_000) })
    expect(post.log()).toBe(`info: Logged docker out of ${registry.host}.`)
    expect(auths(configDir)).toEqual({ o: OTHER })
  }, 60_000)

  test('a later login under https://HOST beside ours: no logout (it would erase that one too)', () => {
    const { system, configDir } = machine(temp('empty-bin'), { auths: { o: OTHER } })
    const rec = recorder()
    applyPlans(plans(system), { io: rec, system, key: KEY, cleanup: true, deadline: each(20_000) })
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
      auths: Record<string, unknown>
    }
    config.auths[`https://${registry.host}`] = OTHER
    writeFileSync(join(configDir, 'config.json'), JSON.stringify(config))
    const post = recorder()
    undoRecord(parseRecord(rec.state['registries'] ?? '', RULES) as AppliedRecord, {
      io: post,
      system,
      deadline: each(20_000)
    })
    expect(post.events).toEqual([
      {
        kind: 'warning',
        title: 'docker not logged out',
        text: `docker still holds this step's credential for ${registry.host}, but config.json also holds a login for "https://${registry.host}" (made after this step's), which docker logout ${registry.host} would erase too; left logged in (it expires with the key).`
      }
    ])
    expect(auths(configDir)[`https://${registry.host}`]).toEqual(OTHER)
    expect(auths(configDir)[registry.host]).toEqual({ auth: BASIC })
  }, 60_000)

  test('a config.json docker cannot read by post time: a warning, no logout', () => {
    const { system, configDir } = machine(temp('empty-bin'), { auths: { o: OTHER } })
    const rec = recorder()
    applyPlans(plans(system), { io: rec, system, key: KEY, cleanup: true, deadline: each(20_000) })
    const text = readFileSync(join(configDir, 'config.json'), 'utf8')
    writeFileSync(join(configDir, 'config.json'), `\ufeff${text}`)
    const post = recorder()
    undoRecord(parseRecord(rec.state['registries'] ?? '', RULES) as AppliedRecord, {
      io: post,
      system,
      deadline: each(20_000)
    })
    expect(post.events).toEqual([
      expect.objectContaining({
        kind: 'warning',
        text: expect.stringContaining(`(it begins with a UTF-8 byte order mark)`)
      })
    ])
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe(`\ufeff${text}`)
  }, 60_000)

  test('a logout that fails: a warning with what failed and its error output, scrubbed', () => {
    const bin = temp('failing-logout')
    writeFileSync(
      join(bin, 'docker'),
      [
        `#!${process.execPath}`,
        "const { spawnSync } = require('child_process')",
        "const input = require('fs').readFileSync(0, 'utf8')",
        'if (process.argv[2] === \'logout\') { console.error(\'Error: cannot save: {"Secret":"a-secret-in-the-way"}\'); process.exit(1) }',
        `const run = spawnSync(${JSON.stringify(REAL_DOCKER)}, process.argv.slice(2), { input, stdio: ['pipe', 'inherit', 'inherit'] })`,
        'process.exit(run.status ?? 1)'
      ].join('\n'),
      { mode: 0o755 }
    )
    const { system } = machine(bin, { auths: { o: OTHER } })
    const rec = recorder()
    applyPlans(plans(system), { io: rec, system, key: KEY, cleanup: true, deadline: each(20_000) })
    const post = recorder()
    undoRecord(parseRecord(rec.state['registries'] ?? '', RULES) as AppliedRecord, {
      io: post,
      system,
      deadline: each(20_000)
    })
    expect(post.events).toEqual([
      {
        kind: 'warning',
        title: 'docker not logged out',
        text: `docker logout ${registry.host} failed (exit code 1) and said on its error output: Error: cannot save: {"Secret":***}.`
      }
    ])
  }, 60_000)
})
