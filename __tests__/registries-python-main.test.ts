/**
 * `registries: python` in the main step's flow (in-process, real HTTP to a scripted Cloudsmith):
 * the index URL that holds the key is masked whole before anything is exported, the summary names
 * hosts and variables only, a dry run prints the plan with the key as ***, and post clears what
 * main exported.
 */
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { post } from '../src/post.js'
import { createSystem } from '../src/system.js'
import { recorder } from './lib/recorder.js'
import { cloudsmith, cloudsmithKey, expectNoLeak, run } from './lib/run-main.js'
import { json } from './lib/scripted-server.js'
import { PYTHON_VARIABLES } from './support/python-clients.js'

function withMachine<T>(body: (system: ReturnType<typeof createSystem>) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'python-main-'))
  const env = { PATH: process.env.PATH ?? '', HOME: root, RUNNER_TEMP: root }
  return body(createSystem({ env })).finally(() => rmSync(root, { recursive: true, force: true }))
}

describe('main with registries: python', () => {
  test('masks the index URL whole before exporting; the summary names hosts and variables; post clears them', () =>
    withMachine(async (system) => {
      const key = await cloudsmithKey()
      const server = await cloudsmith(json(201, { token: key }))
      const r = await run(server, { registries: 'python pypi' }, { system })
      expect(r.rec.failed).toBe(false)
      const index = `https://token:${key}@dl.cloudsmith.io/basic/acme/pypi/python/simple/`
      const events = r.rec.events
      const maskedIndex = events.findIndex((e) => e.kind === 'setSecret' && e.text === index)
      const firstPythonExport = events.findIndex(
        (e) => e.kind === 'exportVariable' && 'name' in e && e.name === 'PIP_INDEX_URL'
      )
      expect(maskedIndex).toBeGreaterThanOrEqual(0)
      expect(maskedIndex).toBeLessThan(firstPythonExport)
      expect(PYTHON_VARIABLES.map((name) => r.rec.exported[name])).toEqual([
        index,
        index,
        'https://python.cloudsmith.io/acme/pypi/',
        'token',
        key,
        'https://python.cloudsmith.io/acme/pypi/',
        'token',
        key
      ])
      expect(r.rec.summary.join('\n')).toContain(
        `| \`1\` | \`python\` | \`dl.cloudsmith.io\`, \`python.cloudsmith.io\` | none | ${PYTHON_VARIABLES.map((name) => `\`${name}\``).join(', ')} |`
      )
      expectNoLeak(r, key)

      // post, with the environment the job has then
      const state = r.rec.state
      const after = recorder({}, state)
      const jobEnv = { ...system.env, ...r.rec.exported }
      post(after, jobEnv, Date.now(), createSystem({ env: jobEnv }))
      expect(PYTHON_VARIABLES.map((name) => after.exported[name])).toEqual(
        PYTHON_VARIABLES.map(() => '')
      )
      expect(after.events.filter((e) => e.kind === 'warning')).toEqual([])
    }))

  test('dry run: the plan is printed with the key as ***, nothing exported', () =>
    withMachine(async (system) => {
      const server = await cloudsmith(json(201, {}))
      const r = await run(
        server,
        { registries: 'python other-org/pypi host=dl.acme.example', 'dry-run': 'true' },
        { system }
      )
      expect(r.rec.failed).toBe(false)
      expect(server.received).toHaveLength(0)
      const infos = r.rec.events.filter((e) => e.kind === 'info').map((e) => e.text)
      expect(infos).toEqual(
        expect.arrayContaining([
          '  Line 1 (python other-org/pypi host=dl.acme.example): python: pip and uv from token@dl.acme.example, twine and uv publish to https://python.cloudsmith.io/other-org/pypi/',
          '    export PIP_INDEX_URL=https://token:***@dl.acme.example/basic/pypi/python/simple/',
          '    export TWINE_REPOSITORY_URL=https://python.cloudsmith.io/other-org/pypi/',
          '    export TWINE_PASSWORD=***'
        ])
      )
      expect(Object.keys(r.rec.exported).filter((name) => PYTHON_VARIABLES.includes(name))).toEqual(
        []
      )
      expect(r.rec.state).toEqual({ registries: '{"version":1,"cleanup":false,"steps":[]}' })
    }))
})
