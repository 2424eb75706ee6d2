import { describe, expect, test } from '@jest/globals'
import { fingerprint } from '../src/outputs.js'
import { post } from '../src/post.js'
import { recorder } from './lib/recorder.js'

const now = Date.parse('2026-11-28T10:00:00Z')
const later = '2026-11-28T11:00:00.000Z'
const key = 'the-key'
const exportedState = (expiresAt = later, cleanup = 'true') => ({
  'expires-at': expiresAt,
  exported: 'true',
  cleanup,
  'key-sha256': fingerprint(key)
})
const env = { CLOUDSMITH_API_KEY: key }

describe('post', () => {
  test('clears the exported key', () => {
    const rec = recorder({}, exportedState())
    post(rec, env, now)
    expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '' })
    expect(rec.events.filter((e) => e.kind === 'warning')).toEqual([])
    expect(rec.log()).toBe(
      [
        'exportVariable(CLOUDSMITH_API_KEY): ',
        'info: Cleared CLOUDSMITH_API_KEY for the rest of the job.'
      ].join('\n')
    )
  })

  describe('CLOUDSMITH_API_HOST, exported by main for a custom api-url', () => {
    const host = 'https://cloudsmith.example.com'
    const withHost = { ...exportedState(), 'api-host': host }

    test('is cleared together with the key', () => {
      const rec = recorder({}, withHost)
      post(rec, { ...env, CLOUDSMITH_API_HOST: host }, now)
      expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '', CLOUDSMITH_API_HOST: '' })
      expect(rec.log()).toBe(
        [
          'exportVariable(CLOUDSMITH_API_KEY): ',
          'info: Cleared CLOUDSMITH_API_KEY for the rest of the job.',
          'exportVariable(CLOUDSMITH_API_HOST): ',
          'info: Cleared CLOUDSMITH_API_HOST for the rest of the job.'
        ].join('\n')
      )
    })

    test('is left alone when a later step set another host', () => {
      const rec = recorder({}, withHost)
      post(rec, { ...env, CLOUDSMITH_API_HOST: 'https://other.example.com' }, now)
      expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '' })
    })

    test('is left alone when main did not export it (the default api-url)', () => {
      const rec = recorder({}, exportedState())
      post(rec, { ...env, CLOUDSMITH_API_HOST: host }, now)
      expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '' })
    })

    test.each([
      ['cleanup is false', { ...withHost, cleanup: 'false' }, env],
      ['a later run replaced the key', withHost, { CLOUDSMITH_API_KEY: 'a-newer-key' }]
    ])('is left alone with the key when %s', (_, state, keyEnv) => {
      const rec = recorder({}, state)
      post(rec, { ...keyEnv, CLOUDSMITH_API_HOST: host }, now)
      expect(rec.exported).toEqual({})
    })
  })

  test('does nothing when main failed early', () => {
    const rec = recorder()
    post(rec, env, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe('info: Nothing to clean up: the main step did not produce a key.')
  })

  test('does nothing when nothing was exported', () => {
    const rec = recorder({}, { 'expires-at': later })
    post(rec, env, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe('info: Nothing to clean up: CLOUDSMITH_API_KEY was not exported.')
  })

  test('leaves the key alone with cleanup: false', () => {
    const rec = recorder({}, exportedState(later, 'false'))
    post(rec, env, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe('info: cleanup is false: CLOUDSMITH_API_KEY is left as it is.')
  })

  test('warns when the key expired before the job ended', () => {
    const rec = recorder({}, exportedState('2026-11-28T09:30:00.000Z'))
    post(rec, env, now)
    const warning = rec.events.find((e) => e.kind === 'warning')!
    expect(warning.title).toBe('Cloudsmith key expired during the job')
    expect(warning.text).toContain(
      'expired at 2026-11-28T09:30:00.000Z, 30 minute(s) before this job ended'
    )
    expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '' })
  })

  test.each([
    ['replaced by a later run of the action', 'a-newer-key'],
    ['cleared by a later post step', ''],
    ['unset', undefined]
  ])('neither warns nor clears when the variable was %s', (_, value) => {
    const rec = recorder({}, exportedState('2026-11-28T09:30:00.000Z'))
    post(rec, { CLOUDSMITH_API_KEY: value }, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe(
      "info: Nothing to clean up: CLOUDSMITH_API_KEY no longer holds this step's key (a later step replaced or cleared it)."
    )
  })

  test('turns its own failure into a titled warning', () => {
    const rec = recorder({}, exportedState())
    rec.exportVariable = () => {
      throw new Error('GITHUB_ENV is not writable')
    }
    expect(() => post(rec, env, now)).not.toThrow()
    const warning = rec.events.find((e) => e.kind === 'warning')!
    expect(warning.text).toBe('Cleanup failed: GITHUB_ENV is not writable')
    expect(warning.title).toBe('Cleanup failed')
    expect(rec.failed).toBe(false)
  })
})
