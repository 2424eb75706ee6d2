/**
 * The log snapshots' own rules: what is normalised (and nothing else), and that a changed message
 * fails with a line diff and the command that accepts it.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult, StepResult } from './support/runner.js'
import {
  SNAPSHOT_ROOT,
  UPDATE_COMMAND,
  expectLogSnapshot,
  normaliseLog,
  snapshotName,
  userView
} from './e2e/log-snapshot.js'

function step(name: 'main' | 'post', log: string[], summary = ''): StepResult {
  return {
    step: name,
    log,
    lines: log.map((text) => ({ stream: 'stdout' as const, text })),
    annotations: [],
    summary
  } as unknown as StepResult
}

function result(main: string[], summary = ''): RunResult {
  return {
    main: step('main', main, summary),
    post: step('post', ['Nothing to clean up: the main step did not produce a key.']),
    root: '/tmp/gha-runner-abc123'
  } as unknown as RunResult
}

describe('normaliseLog', () => {
  test('ports, times, random delays and the runner directory; nothing else', () => {
    expect(
      normaliseLog(
        'at http://127.0.0.1:41234/openid/acme/ and 127.0.0.2:5555, localhost:8080, cloudsmith.test:4443',
        { root: '/tmp/r' }
      )
    ).toBe(
      'at http://127.0.0.1:<port>/openid/acme/ and 127.0.0.2:<port>, localhost:<port>, cloudsmith.test:<port>'
    )
    expect(normaliseLog('valid until 2026-12-01T08:30:00.000Z (89 minutes).')).toBe(
      'valid until <time> (89 minutes).'
    )
    expect(normaliseLog('failed (x); retrying in 0.4s. Gave up over 12.3s.')).toBe(
      'failed (x); retrying in <seconds>s. Gave up over <seconds>s.'
    )
    expect(normaliseLog('file /tmp/r/runner-temp/x', { root: '/tmp/r' })).toBe(
      'file <runner>/runner-temp/x'
    )
    expect(normaliseLog(`keeps it in ${tmpdir()}/docker-config-gncmNM/config.json until`)).toBe(
      'keeps it in <tmp>/docker-config-XXXXXX/config.json until'
    )
    expect(normaliseLog(`settings of ${tmpdir()}/e2e-npm-Ab12Cd/user-ROuKsN/user.npmrc.`)).toBe(
      'settings of <tmp>/e2e-npm-XXXXXX/user-XXXXXX/user.npmrc.'
    )
    const kept = "Cloudsmith said: 429 Expected available in 1 seconds. (65536 characters) 'acme'"
    expect(normaliseLog(kept)).toBe(kept)
  })
})

describe('snapshotName', () => {
  test('a readable file name from the test title', () => {
    expect(snapshotName('429 with Retry-After once: waits, then a key')).toBe(
      '429-with-retry-after-once-waits-then-a-key.txt'
    )
    expect(snapshotName('x'.repeat(200))).toHaveLength(94)
    expect(snapshotName('***')).toBe('scenario.txt')
  })
})

describe('userView', () => {
  test('main log, annotations, job summary and post log, in that order', () => {
    expect(userView(result(['Hello at 127.0.0.1:1234.'], '### Summary\n'))).toBe(
      [
        '## main step log',
        'Hello at 127.0.0.1:<port>.',
        '',
        '## main step annotations',
        '(nothing)',
        '',
        '## job summary',
        '### Summary',
        '',
        '',
        '## post step log',
        'Nothing to clean up: the main step did not produce a key.',
        '',
        '## post step annotations',
        '(nothing)',
        ''
      ].join('\n')
    )
  })
})

describe('expectLogSnapshot', () => {
  test('a changed message fails with a line diff and the command that accepts it', () => {
    const dir = join(SNAPSHOT_ROOT, 'log-snapshot')
    const file = join(
      dir,
      snapshotName('a changed message fails with a line diff and the command that accepts it')
    )
    const update = process.env['UPDATE_SNAPSHOTS']
    delete process.env['UPDATE_SNAPSHOTS']
    mkdirSync(dir, { recursive: true })
    const stored = userView(result(['Exchanging it at 127.0.0.1:41234/openid/acme/.']))
    writeFileSync(
      file,
      `# a changed message fails with a line diff and the command that accepts it\n# What a user reads of this scenario. Update: ${UPDATE_COMMAND}\n\n${stored}`
    )
    try {
      let message = ''
      try {
        expectLogSnapshot(result(['Exchanging the token at 127.0.0.1:41235/openid/acme/.']))
      } catch (error) {
        // without jest's colours (ESC [ ... m)
        const colour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')
        message = (error instanceof Error ? error.message : String(error)).replace(colour, '')
      }
      expect(message).toContain(`If the change is intended, run '${UPDATE_COMMAND}'`)
      expect(message).toContain('- Exchanging it at 127.0.0.1:<port>/openid/acme/.')
      expect(message).toContain('+ Exchanging the token at 127.0.0.1:<port>/openid/acme/.')
    } finally {
      if (update !== undefined) process.env['UPDATE_SNAPSHOTS'] = update
      rmSync(file, { force: true })
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
    }
  })
})
