import { describe, expect, test } from '@jest/globals'
import { post } from '../src/post.js'
import { recorder } from './lib/recorder.js'

const now = Date.parse('2026-11-28T10:00:00Z')
const later = '2026-11-28T11:00:00.000Z'

describe('post', () => {
  test('clears the exported key', () => {
    const rec = recorder({}, { 'expires-at': later, exported: 'true', cleanup: 'true' })
    post(rec, now)
    expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '' })
    expect(rec.events.filter((e) => e.kind === 'warning')).toEqual([])
    expect(rec.log()).toContain('Cleared CLOUDSMITH_API_KEY for the rest of the job.')
  })

  test('does nothing when main failed early', () => {
    const rec = recorder()
    post(rec, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe('info: Nothing to clean up: the main step did not produce a key.')
  })

  test('does nothing when nothing was exported', () => {
    const rec = recorder({}, { 'expires-at': later })
    post(rec, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe('info: Nothing to clean up: CLOUDSMITH_API_KEY was not exported.')
  })

  test('leaves the key alone with cleanup: false', () => {
    const rec = recorder({}, { 'expires-at': later, exported: 'true', cleanup: 'false' })
    post(rec, now)
    expect(rec.exported).toEqual({})
    expect(rec.log()).toBe('info: cleanup is false: CLOUDSMITH_API_KEY is left as it is.')
  })

  test('warns when the key expired before the job ended', () => {
    const rec = recorder(
      {},
      { 'expires-at': '2026-11-28T09:30:00.000Z', exported: 'true', cleanup: 'true' }
    )
    post(rec, now)
    const warning = rec.events.find((e) => e.kind === 'warning')!
    expect(warning.title).toBe('Cloudsmith key expired during the job')
    expect(warning.text).toContain(
      'expired at 2026-11-28T09:30:00.000Z, 30 minute(s) before this job ended'
    )
    expect(rec.exported).toEqual({ CLOUDSMITH_API_KEY: '' })
  })

  test('turns its own failure into a warning', () => {
    const rec = recorder({}, { 'expires-at': later, exported: 'true', cleanup: 'true' })
    rec.exportVariable = () => {
      throw new Error('GITHUB_ENV is not writable')
    }
    expect(() => post(rec, now)).not.toThrow()
    expect(rec.events.find((e) => e.kind === 'warning')!.text).toBe(
      'Cleanup failed: GITHUB_ENV is not writable'
    )
    expect(rec.failed).toBe(false)
  })
})
