/**
 * `registries: docker` against a user's standing docker login, end to end: the committed dist/
 * under the runner emulator with the real docker client. Every spelling docker would use or erase
 * for the host (https://HOST, http://HOST, an identitytoken, username and password, AUTHS, a
 * duplicate auths, a credential store holding https://HOST), and configs docker cannot read (a
 * byte order mark, an auth that is a number), must come through main and post byte for byte:
 * refused before any request, with its own cause and fix. A credential helper that prints its
 * secret and fails is never echoed; docker's chatter with pieces of the key never reaches the log.
 * The unit side is registries-docker-config.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import { requireBundle, runStep, secretsOf, startStage, type Stage } from './e2e/harness.js'
import { type FakeDockerRegistry, startFakeDockerRegistry } from './support/fake-docker-registry.js'
import { findLeaks, type RunResult } from './support/runner.js'

requireBundle()
const TIMEOUT = 60_000
if (spawnSync('docker', ['--version']).status !== 0) {
  throw new Error('the docker client is needed on PATH for this test (.ci/run installs it)')
}

const OTHER = { auth: Buffer.from('alice:not-a-cloudsmith-key').toString('base64') }
const STANDING = Buffer.from('bob:a-long-lived-key').toString('base64')
const HELPER_SECRET = 'helper-secret-0123456789abcdef'

/** A folder holding a docker credential helper (docker-credential-standing) and its store. */
function helperBin(store: Record<string, unknown>, fail = false): string {
  const bin = mkdtempSync(join(tmpdir(), 'helper-bin-'))
  writeFileSync(join(bin, 'store.json'), JSON.stringify(store))
  const secretJson = JSON.stringify({ ServerURL: 'x', Username: 'bob', Secret: HELPER_SECRET })
  const script = [
    `#!${process.execPath}`,
    "const fs = require('fs')",
    `const file = ${JSON.stringify(join(bin, 'store.json'))}`,
    "let input = ''",
    "process.stdin.on('data', (c) => (input += c)).on('end', () => {",
    "  const store = JSON.parse(fs.readFileSync(file, 'utf8'))",
    fail
      ? `  process.stdout.write(${JSON.stringify(secretJson)}); process.stderr.write(${JSON.stringify(`${secretJson}\nSecret: ${HELPER_SECRET}`)}); process.exit(3)`
      : '',
    "  if (process.argv[2] === 'get') { const c = store[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain'); process.exit(1) } process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...c })) }",
    "  else if (process.argv[2] === 'store') { const c = JSON.parse(input); store[c.ServerURL] = { Username: c.Username, Secret: c.Secret }; fs.writeFileSync(file, JSON.stringify(store)) }",
    "  else if (process.argv[2] === 'erase') { delete store[input.trim()]; fs.writeFileSync(file, JSON.stringify(store)) }",
    '})'
  ].join('\n')
  writeFileSync(join(bin, 'docker-credential-standing'), script, { mode: 0o755 })
  return bin
}

describe('registries: docker keeps every standing login, with the real docker client', () => {
  let stage: Stage
  let registry: FakeDockerRegistry
  const standingKeys: string[] = ['a-long-lived-key']

  beforeAll(async () => {
    stage = await startStage()
    registry = await startFakeDockerRegistry(() => [
      ...stage.cloudsmith.issuedTokens(),
      ...standingKeys
    ])
  })
  afterAll(async () => {
    await registry.close()
    await stage.close()
  })

  /** Runs main and post with DOCKER_CONFIG holding `text` (mode 0600); returns the run and the bytes after. */
  async function runWith(
    text: string | Buffer,
    env: Record<string, string> = {}
  ): Promise<{ result: RunResult; before: Buffer; after: Buffer; requests: number }> {
    const configDir = mkdtempSync(join(tmpdir(), 'docker-config-'))
    const file = join(configDir, 'config.json')
    writeFileSync(file, text, { mode: 0o600 })
    const before = readFileSync(file)
    const requests = stage.cloudsmith.requests.length
    const result = await runStep(stage, {
      with: { registries: `docker host=${registry.host}` },
      env: { DOCKER_CONFIG: configDir, ...env },
      timeoutMs: TIMEOUT / 2
    })
    const after = readFileSync(file)
    rmSync(configDir, { recursive: true, force: true })
    return { result, before, after, requests: stage.cloudsmith.requests.length - requests }
  }

  const host = (): string => registry.host
  const cases: Array<[string, () => string, string]> = [
    [
      'auths["https://HOST"]',
      () => JSON.stringify({ auths: { [`https://${host()}`]: { auth: STANDING }, o: OTHER } }),
      `under "https://`
    ],
    [
      'auths["http://HOST"]',
      () => JSON.stringify({ auths: { [`http://${host()}`]: { auth: STANDING } } }),
      `under "http://`
    ],
    [
      'auths[HOST].identitytoken',
      () => JSON.stringify({ auths: { [host()]: { identitytoken: 'a-refresh-token' } } }),
      'already holds a login'
    ],
    [
      'auths[HOST].username and password',
      () =>
        JSON.stringify({ auths: { [host()]: { username: 'bob', password: 'a-long-lived-key' } } }),
      'already holds a login'
    ],
    [
      'AUTHS in capitals',
      () => JSON.stringify({ AUTHS: { [host()]: { auth: STANDING }, o: OTHER } }),
      'already holds a login'
    ],
    [
      'a duplicate auths key (docker merges; JSON.parse keeps the last)',
      () =>
        `{"auths":{"${host()}":{"auth":"${STANDING}"}},\n"auths":{"o":${JSON.stringify(OTHER)}}}`,
      'already holds a login'
    ],
    [
      'a UTF-8 byte order mark',
      () => `\ufeff${JSON.stringify({ auths: { o: OTHER } })}`,
      'byte order mark'
    ],
    [
      'an auth that is a number',
      () => JSON.stringify({ auths: { o: OTHER, n: { auth: 5 } } }),
      'docker cannot read'
    ]
  ]

  test.each(cases)(
    '%s: refused before any request; config.json byte for byte after main and post',
    async (_name, text, said) => {
      const { result, before, after, requests } = await runWith(text())
      try {
        expect(result.main.exitCode).toBe(1)
        expect(requests).toBe(0)
        expect(after.equals(before)).toBe(true)
        const annotation = result.main.annotations[0]
        expect(annotation?.title).toBe('Package manager not configured')
        expect(annotation?.message).toContain(said)
        expect(annotation?.message).toContain('Likely cause:')
        expect(annotation?.message).not.toContain('a typo')
        expect(annotation?.message).toContain('DOCKER_CONFIG=$RUNNER_TEMP/docker')
        expect(JSON.stringify(result)).not.toContain(STANDING)
        expect(JSON.stringify(result)).not.toContain('a-long-lived-key')
        expect(result.post?.exitCode).toBe(0)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    "a credential store that holds https://HOST: refused; the store's entry kept",
    async () => {
      const bin = helperBin({
        [`https://${host()}`]: { Username: 'bob', Secret: 'a-long-lived-key' }
      })
      const { result, before, after, requests } = await runWith(
        JSON.stringify({ credsStore: 'standing', auths: { o: OTHER } }),
        { PATH: `${bin}:${process.env.PATH ?? ''}` }
      )
      try {
        expect(result.main.exitCode).toBe(1)
        expect(requests).toBe(0)
        expect(after.equals(before)).toBe(true)
        expect(result.main.annotations[0]?.message).toContain(
          `docker's credential store 'standing' already holds a login for "https://${host()}"`
        )
        expect(JSON.parse(readFileSync(join(bin, 'store.json'), 'utf8'))).toEqual({
          [`https://${host()}`]: { Username: 'bob', Secret: 'a-long-lived-key' }
        })
      } finally {
        result.cleanup()
        rmSync(bin, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'a helper that prints {"Secret":"…"} and exits 3: the secret appears nowhere',
    async () => {
      const bin = helperBin({}, true)
      const { result } = await runWith(JSON.stringify({ credsStore: 'standing' }), {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        RUNNER_DEBUG: '1'
      })
      try {
        expect(result.main.exitCode).toBe(1)
        const message = result.main.annotations[0]?.message ?? ''
        expect(message).toContain('docker-credential-standing get failed (exit code 3)')
        expect(findLeaks(result, [HELPER_SECRET, HELPER_SECRET.slice(0, 16)])).toEqual([])
        expect(JSON.stringify(result)).not.toContain(HELPER_SECRET.slice(4, 20))
      } finally {
        result.cleanup()
        rmSync(bin, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'docker echoing pieces of the key with debug on: none reaches the log; post logs out',
    async () => {
      // a docker before the real one on PATH that prints pieces of what it is given, then logs in
      const bin = mkdtempSync(join(tmpdir(), 'chatty-docker-'))
      const real = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).stdout.trim()
      writeFileSync(
        join(bin, 'docker'),
        [
          `#!${process.execPath}`,
          "const { spawnSync } = require('child_process')",
          "const key = require('fs').readFileSync(0, 'utf8')",
          "if (process.argv[2] === 'login') {",
          '  const [, payload = "", signature = ""] = key.split(".")',
          "  console.error('debug: signature ' + signature + ' payload-part ' + payload.slice(5, 40))",
          "  console.log('debug: middle of the secret ' + key.slice(20, 60))",
          '}',
          `const run = spawnSync(${JSON.stringify(real)}, process.argv.slice(2), { input: key, stdio: ['pipe', 'inherit', 'inherit'] })`,
          'process.exit(run.status ?? 1)'
        ].join('\n'),
        { mode: 0o755 }
      )
      const { result, after } = await runWith(JSON.stringify({ auths: { o: OTHER } }), {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        RUNNER_DEBUG: '1'
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        const [, payload = '', signature = ''] = key.split('.')
        const pieces = [signature, payload.slice(5, 40), key.slice(20, 60)]
        expect(
          findLeaks(result, [...secretsOf(stage), ...pieces], { allowOutputs: ['token'] })
        ).toEqual([])
        const log = result.main.lines
          .filter((line) => line.command?.command !== 'add-mask')
          .map((line) => line.text)
          .join('\n')
        expect(log).toContain('Logged docker in')
        for (const piece of pieces) expect(log).not.toContain(piece.slice(0, 16))
        expect(JSON.parse(after.toString('utf8'))).toEqual({ auths: { o: OTHER } })
      } finally {
        result.cleanup()
        rmSync(bin, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )
})
