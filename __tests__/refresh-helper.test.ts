/**
 * The committed refresh helper (dist/refresh.js), run as docker, cargo and pnpm run it, against a
 * fake Cloudsmith whose keys live a few seconds: parallel calls make one exchange, an expired
 * key is replaced, no request variables fail closed within seconds, and nothing it writes holds
 * the job's request token or an ID token.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { requireBundle, secretsOf, startStage, type Stage } from './e2e/harness.js'
import { filesUnder, helperDir, readCache, runHelper } from './support/refresh-helper.js'

requireBundle()
const TIMEOUT = 120_000
/** Long enough for ten Node processes to start on a loaded machine, short enough to wait out. */
const KEY_SECONDS = 6

describe('the refresh helper (dist/refresh.js)', () => {
  let stage: Stage
  const dirs: string[] = []
  const dir = (): string => {
    const made = helperDir()
    dirs.push(made)
    return made
  }

  beforeAll(async () => {
    stage = await startStage({ cloudsmith: { tokenLifetimeSeconds: KEY_SECONDS } })
  })
  afterAll(async () => {
    for (const made of dirs) rmSync(made, { recursive: true, force: true })
    await stage.close()
  })

  function expectNoJobTokens(where: string): void {
    const jobTokens = [stage.issuer.requestToken, ...stage.issuer.issued]
    for (const file of filesUnder(where)) {
      for (const token of jobTokens) expect(file.text).not.toContain(token)
    }
  }

  test(
    'ten parallel docker calls with no key yet make one exchange and all answer that key',
    async () => {
      const folder = dir()
      // keys that live longer than ten processes take to start on a loaded machine (a 6 s key is
      // renewed after 3 s, which the last of ten may start after)
      const longer = await startStage({ cloudsmith: { tokenLifetimeSeconds: 600 } })
      const runs = await Promise.all(
        Array.from({ length: 10 }, () => runHelper(longer, folder))
      ).finally(() => longer.close())
      for (const run of runs)
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
      const answers = runs.map(
        (run) => JSON.parse(run.stdout) as { Username: string; Secret: string }
      )
      const keys = new Set(answers.map((answer) => answer.Secret))
      expect(keys.size).toBe(1)
      expect(answers[0]!.Username).toBe('token')
      expect(longer.cloudsmith.exchanges()).toHaveLength(1)
      expect(longer.cloudsmith.issuedTokens()).toEqual([...keys])
      const cache = readCache(folder)
      expect(cache).toEqual(expect.objectContaining({ key: [...keys][0], minted: 1 }))
      expect(statSync(join(folder, 'key.json')).mode & 0o777).toBe(0o600)
      for (const file of filesUnder(folder)) {
        for (const token of [longer.issuer.requestToken, ...longer.issuer.issued]) {
          expect(file.text).not.toContain(token)
        }
      }
    },
    TIMEOUT
  )

  test(
    'once the key nears expiry the next call exchanges again; cargo and pnpm get it in their forms',
    async () => {
      const folder = dir()
      const first = await runHelper(stage, folder, { protocol: 'cargo' })
      expect(first.status).toBe(0)
      const firstKey = first.stdout.replace(/^Token /, '').trim()
      expect(first.stdout).toBe(`Token ${firstKey}\n`)
      // a cached call answers the same key without an exchange
      const exchanges = stage.cloudsmith.exchanges().length
      const again = await runHelper(stage, folder, { protocol: 'pnpm' })
      const cache = readCache(folder)
      if (Date.now() < cache.renewAtMs) {
        expect(again.stdout).toBe(`${firstKey}\n`)
        expect(stage.cloudsmith.exchanges().length).toBe(exchanges)
      }
      // wait the key out
      const exp = decodeJwt(firstKey).exp! * 1000
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp - Date.now()) + 1000))
      const later = await runHelper(stage, folder, { protocol: 'pnpm' })
      expect(later.status).toBe(0)
      const laterKey = later.stdout.trim()
      expect(laterKey).not.toBe(firstKey)
      expect(decodeJwt(laterKey).exp! * 1000).toBeGreaterThan(Date.now())
      expect(readCache(folder).minted).toBeGreaterThanOrEqual(2)
      expectNoJobTokens(folder)
    },
    TIMEOUT
  )

  test(
    'without the request variables it fails within seconds, one clear line, no secret',
    async () => {
      const folder = dir()
      const started = Date.now()
      const run = await runHelper(stage, folder, { requestEnv: null })
      const seconds = (Date.now() - started) / 1000
      expect(run.status).toBe(1)
      expect(seconds).toBeLessThan(20) // measured well under 1 s; a 20x margin for a loaded machine
      const lines = run.stderr.split('\n').filter((line) => line !== '')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^cloudsmith-oidc refresh helper: no Cloudsmith key: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set here/
      )
      // docker shows a helper's standard output, not its errors: the same line there
      expect(run.stdout.trim()).toBe(lines[0])
      for (const secret of secretsOf(stage)) expect(run.stderr + run.stdout).not.toContain(secret)
      expect(filesUnder(folder)).toEqual([])
    },
    TIMEOUT
  )

  test(
    'a request token GitHub refuses: a one-line reason, no token in it, nothing written',
    async () => {
      const folder = dir()
      const env = {
        ...stage.issuer.env(),
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-the-request-token-abcdef'
      }
      const run = await runHelper(stage, folder, {
        requestEnv: env,
        protocol: 'cargo',
        maxAttempts: 1
      })
      expect(run.status).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/^cloudsmith-oidc refresh helper: no Cloudsmith key: .*401.*\n$/)
      expect(run.stderr).not.toContain('not-the-request-token-abcdef')
      expect(filesUnder(folder)).toEqual([])
    },
    TIMEOUT
  )

  test(
    "docker's store, erase and list change nothing; an unknown action fails",
    async () => {
      const folder = dir()
      const store = await runHelper(stage, folder, {
        args: ['store'],
        input: JSON.stringify({
          ServerURL: 'docker.cloudsmith.io',
          Username: 'u',
          Secret: 'some-password'
        })
      })
      expect(store).toEqual(expect.objectContaining({ status: 0, stdout: '' }))
      expect((await runHelper(stage, folder, { args: ['erase'] })).status).toBe(0)
      expect((await runHelper(stage, folder, { args: ['list'] })).stdout).toBe('{}\n')
      const unknown = await runHelper(stage, folder, { args: ['delete-everything'] })
      expect(unknown.status).toBe(1)
      expect(unknown.stderr).toContain('get, store, erase or list')
      expect(filesUnder(folder)).toEqual([])
    },
    TIMEOUT
  )
})
