/**
 * The python plan, resolved with a key, drives the real pip and twine against a fake Cloudsmith
 * that refuses anything but Basic token:<key>: the variables alone must be enough.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KEY, type RegistryRequest } from '../src/registries/plan.js'
import { python } from '../src/registries/python.js'
import {
  type BuiltPackage,
  type FakePythonRegistry,
  buildPackage,
  startFakePythonRegistry
} from './support/fake-python-registry.js'
import { pipDownload, twineUpload } from './support/python-clients.js'

const key = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaS1ib3QifQ.dGVzdC1zaWduYXR1cmUtXw'

let registry: FakePythonRegistry
let built: BuiltPackage
let home: string

beforeAll(async () => {
  built = buildPackage('tinypkg', '1.0')
  // host= is a custom domain here, so Cloudsmith's form drops the organization from both paths
  registry = await startFakePythonRegistry({
    keys: () => [key],
    indexPath: '/basic/pypi-private/python/simple/',
    uploadPath: '/pypi-private/',
    packages: [built.wheel]
  })
  home = mkdtempSync(join(tmpdir(), 'python-home-'))
})

afterAll(async () => {
  await registry.close()
  built.remove()
  rmSync(home, { recursive: true, force: true })
})

/** The environment a later step sees: PATH, HOME and what the python plan exports. */
function stepEnv(withKey: string, options: Record<string, string> = {}): Record<string, string> {
  const request: RegistryRequest = {
    line: 1,
    text: 'python pypi-private',
    format: 'python',
    owner: 'acme',
    repository: 'pypi-private',
    options: new Map(
      Object.entries({ host: registry.host, 'upload-host': registry.host, ...options })
    )
  }
  const plan = python.plan(request, {
    platform: process.platform,
    tempDir: home,
    homeDir: home,
    env: {},
    exportEnv: true,
    readFile: () => undefined
  })
  if ('problems' in plan) throw new Error(plan.problems.join('\n'))
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: home }
  for (const step of plan.steps) {
    if (step.kind === 'env')
      env[step.name] = step.value.map((part) => (part === KEY ? withKey : part)).join('')
  }
  return env
}

describe('python plan with the real clients', () => {
  test('pip downloads the wheel from the index PIP_INDEX_URL names, with the key', async () => {
    const dest = mkdtempSync(join(tmpdir(), 'pip-dest-'))
    try {
      const before = registry.requests.length
      const run = await pipDownload(stepEnv(key), {
        caFile: registry.caFile,
        dest,
        requirement: 'tinypkg==1.0'
      })
      expect(run.output).not.toContain(key)
      expect(run.status).toBe(0)
      expect(readdirSync(dest)).toEqual([built.wheel.filename])
      expect(readFileSync(join(dest, built.wheel.filename)).equals(built.wheel.bytes)).toBe(true)
      const seen = registry.requests.slice(before)
      expect(seen.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
        '/basic/pypi-private/python/simple/tinypkg/',
        `/files/${built.wheel.filename}`
      ])
    } finally {
      rmSync(dest, { recursive: true, force: true })
    }
  })

  test('pip fails when the key is not the one the registry takes', async () => {
    const dest = mkdtempSync(join(tmpdir(), 'pip-dest-'))
    try {
      const run = await pipDownload(stepEnv('not-the-key'), {
        caFile: registry.caFile,
        dest,
        requirement: 'tinypkg==1.0'
      })
      expect(run.status).not.toBe(0)
      expect(run.output).toMatch(/401|No matching distribution/)
      expect(readdirSync(dest)).toEqual([])
    } finally {
      rmSync(dest, { recursive: true, force: true })
    }
  })

  test('twine uploads the wheel and the sdist to TWINE_REPOSITORY_URL as token with the key', async () => {
    const before = registry.uploads.length
    const run = await twineUpload(stepEnv(key), {
      caFile: registry.caFile,
      files: [built.wheel.path, built.sdist.path]
    })
    expect(run.output).not.toContain(key)
    expect(run.status).toBe(0)
    expect(registry.uploads.slice(before)).toEqual([
      {
        action: 'file_upload',
        name: 'tinypkg',
        version: '1.0',
        filename: built.wheel.filename,
        sha256: built.wheel.sha256,
        sha256Field: built.wheel.sha256
      },
      {
        action: 'file_upload',
        name: 'tinypkg',
        version: '1.0',
        filename: built.sdist.filename,
        sha256: built.sdist.sha256,
        sha256Field: built.sdist.sha256
      }
    ])
  })

  test('twine fails when the key is not the one the registry takes', async () => {
    const before = registry.uploads.length
    const run = await twineUpload(stepEnv('not-the-key'), {
      caFile: registry.caFile,
      files: [built.wheel.path]
    })
    expect(run.status).not.toBe(0)
    expect(run.output).toMatch(/401|Unauthorized/)
    expect(registry.uploads.length).toBe(before)
  })
})

describe('per-repository custom domains with the real pip and twine', () => {
  let own: FakePythonRegistry
  beforeAll(async () => {
    // a per-repository domain drops OWNER/REPO/: the index under basic/, uploads at the root
    own = await startFakePythonRegistry({
      keys: () => [key],
      indexPath: '/basic/python/simple/',
      uploadPath: '/',
      packages: [built.wheel]
    })
  })
  afterAll(async () => {
    await own.close()
  })

  const perRepository = (): Record<string, string> => ({
    host: own.host,
    domain: 'repository',
    'upload-host': own.host,
    'upload-domain': 'repository'
  })

  test('pip downloads from https://HOST/basic/python/simple/ with the key', async () => {
    const dest = mkdtempSync(join(tmpdir(), 'pip-dest-'))
    try {
      const run = await pipDownload(stepEnv(key, perRepository()), {
        caFile: own.caFile,
        dest,
        requirement: 'tinypkg==1.0'
      })
      expect(run.status).toBe(0)
      expect(readdirSync(dest)).toEqual([built.wheel.filename])
      expect(own.requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
        '/basic/python/simple/tinypkg/',
        `/files/${built.wheel.filename}`
      ])
    } finally {
      rmSync(dest, { recursive: true, force: true })
    }
  })

  test('twine uploads to https://UPLOAD-HOST/ with the key', async () => {
    const run = await twineUpload(stepEnv(key, perRepository()), {
      caFile: own.caFile,
      files: [built.wheel.path]
    })
    expect(run.status).toBe(0)
    expect(own.uploads.map((upload) => upload.filename)).toEqual([built.wheel.filename])
  })
})
