/**
 * `registries: python`, end to end: the committed dist/ under the runner emulator, then the real
 * pip and twine as a later step of the job, configured by nothing but the variables main exported,
 * against a fake Cloudsmith Python index and upload endpoint on loopback (HTTPS, a throw-away CA)
 * that refuse anything but Basic token:<the key the exchange handed out>. Then post clears what
 * main exported, and puts back a plain variable the job had set before.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import { expectLogSnapshot } from './e2e/log-snapshot.js'
import { renderLog, requireBundle, runStep, startStage, type Stage } from './e2e/harness.js'
import {
  type BuiltPackage,
  type FakePythonRegistry,
  buildPackage,
  startFakePythonRegistry
} from './support/fake-python-registry.js'
import {
  type ClientRun,
  PYTHON_VARIABLES,
  pipDownload,
  twineUpload
} from './support/python-clients.js'

requireBundle()
const TIMEOUT = 120_000
for (const client of ['pip', 'twine']) {
  if (spawnSync(client, ['--version'], { encoding: 'utf8' }).status !== 0) {
    throw new Error(
      `${client} is needed on PATH for this test (scripts/provision-clients.sh installs it)`
    )
  }
}

describe('registries: python, with the real pip and twine', () => {
  let stage: Stage
  let registry: FakePythonRegistry
  let built: BuiltPackage

  beforeAll(async () => {
    stage = await startStage()
    built = buildPackage('tinypkg', '1.0')
    // host= names a custom domain here, so Cloudsmith's form drops the organization from both paths
    registry = await startFakePythonRegistry({
      keys: () => stage.cloudsmith.issuedTokens(),
      indexPath: '/basic/pypi-private/python/simple/',
      uploadPath: '/pypi-private/',
      packages: [built.wheel]
    })
  })
  afterAll(async () => {
    await registry.close()
    await stage.close()
    built.remove()
  })

  const line = (): string =>
    `python pypi-private host=${registry.host} upload-host=${registry.host}`

  test(
    'a later step installs with pip and uploads with twine; post clears every variable, and puts back what the job had set',
    async () => {
      const dest = mkdtempSync(join(tmpdir(), 'pip-dest-'))
      let seen: Record<string, string> = {}
      let pip: ClientRun | undefined
      let twine: ClientRun | undefined
      const result = await runStep(stage, {
        with: { registries: line() },
        // a job-level TWINE_USERNAME (for PyPI, say) from before the action
        env: { TWINE_USERNAME: '__token__' },
        between: async (env) => {
          seen = env
          pip = await pipDownload(env, {
            caFile: registry.caFile,
            dest,
            requirement: 'tinypkg==1.0'
          })
          twine = await twineUpload(env, {
            caFile: registry.caFile,
            files: [built.wheel.path, built.sdist.path]
          })
        },
        timeoutMs: TIMEOUT / 4
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        const index = `https://token:${key}@${registry.host}/basic/pypi-private/python/simple/`
        const upload = `https://${registry.host}/pypi-private/`
        expect(PYTHON_VARIABLES.map((name) => [name, seen[name]])).toEqual([
          ['PIP_INDEX_URL', index],
          ['UV_DEFAULT_INDEX', index],
          ['TWINE_REPOSITORY_URL', upload],
          ['TWINE_USERNAME', 'token'],
          ['TWINE_PASSWORD', key],
          ['UV_PUBLISH_URL', upload],
          ['UV_PUBLISH_USERNAME', 'token'],
          ['UV_PUBLISH_PASSWORD', key]
        ])

        expect(pip?.output).not.toContain(key)
        expect(pip?.status).toBe(0)
        expect(readdirSync(dest)).toEqual([built.wheel.filename])
        expect(twine?.output).not.toContain(key)
        expect(twine?.status).toBe(0)
        expect(registry.uploads.map((u) => [u.filename, u.sha256])).toEqual([
          [built.wheel.filename, built.wheel.sha256],
          [built.sdist.filename, built.sdist.sha256]
        ])
        // every request the clients made carried the key; none was refused
        expect(registry.requests.filter((r) => r.auth !== 'ok')).toEqual([])

        // the index URL, which holds the key, is masked whole before it is exported
        expect(result.main.masks).toEqual(expect.arrayContaining([key, index]))
        const mainLog = renderLog(result.main)
        expect(mainLog).toEqual(
          expect.arrayContaining([
            `python: pip and uv from token@${registry.host}, twine and uv publish to ${upload}`,
            ...PYTHON_VARIABLES.map((name) => `  Exported ${name}.`),
            `  pip and uv install from https://token:***@${registry.host}/basic/pypi-private/python/simple/ instead of PyPI; give the repository a PyPI upstream so public packages resolve through it (an extra index beside PyPI would invite dependency confusion).`
          ])
        )
        expect(result.main.summary).toContain(registry.host)
        expect(result.main.summary).toContain('PIP_INDEX_URL')

        // post: the secrets and the plain values it set are cleared; TWINE_USERNAME goes back
        const postLog = renderLog(result.post!)
        for (const name of PYTHON_VARIABLES.filter((n) => n !== 'TWINE_USERNAME')) {
          expect(result.finalEnv[name]).toBe('')
          expect(postLog).toContain(`Cleared ${name} for the rest of the job.`)
        }
        expect(result.finalEnv.TWINE_USERNAME).toBe('__token__')
        expect(postLog).toContain('Put TWINE_USERNAME back to its value before the action.')
      } finally {
        result.cleanup()
        rmSync(dest, { recursive: true, force: true })
      }
    },
    TIMEOUT
  )

  test(
    'a second python line stops the step before any request, naming the line',
    async () => {
      const before = stage.cloudsmith.requests.length
      const result = await runStep(stage, {
        with: { registries: `${line()}\npython other-repo` }
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(stage.cloudsmith.requests.length).toBe(before)
        expect(result.main.env).toEqual({})
        expect(renderLog(result.main).join('\n')).toContain(
          "Input 'registries' line 2 (python other-repo): a second python line (line 1 is one), and only one can be in force;"
        )
        expectLogSnapshot(result)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )
})
