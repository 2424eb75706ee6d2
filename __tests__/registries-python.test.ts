import { describe, expect, test } from '@jest/globals'
import { runnerContext } from './lib/plan-context.js'
import { readTokenAnswer } from '../src/cloudsmith-response.js'
import { InputError, parseInputs } from '../src/inputs.js'
import { KEY, type Plan, type RegistryRequest, type Step } from '../src/registries/plan.js'
import { hasUserinfo, python, pythonEndpoints } from '../src/registries/python.js'

const key = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLV8'

function request(
  options: Record<string, string> = {},
  owner = 'acme',
  repository = 'pypi-private'
): RegistryRequest {
  const text = ['python', repository, ...Object.entries(options).map(([k, v]) => `${k}=${v}`)].join(
    ' '
  )
  return {
    line: 1,
    text,
    format: 'python',
    owner,
    repository,
    options: new Map(Object.entries(options))
  }
}

const context = runnerContext

function plan(req = request(), ctx = context()): Plan {
  const planned = python.plan(req, ctx)
  if ('problems' in planned) throw new Error(planned.problems.join('\n'))
  return planned
}

type EnvStep = Extract<Step, { kind: 'env' }>

/** name → [value with the key filled in, secret, restore] */
function exported(p: Plan): Record<string, [string, boolean, string | null]> {
  const out: Record<string, [string, boolean, string | null]> = {}
  for (const step of p.steps) {
    if (step.kind !== 'env') throw new Error(`unexpected ${step.kind} step`)
    out[step.name] = [
      step.value.map((part) => (part === KEY ? key : part)).join(''),
      step.secret,
      step.restore
    ]
  }
  return out
}

describe('python', () => {
  test('exports the index for pip and uv and the upload endpoint for twine and uv publish', () => {
    expect(exported(plan())).toEqual({
      PIP_INDEX_URL: [
        `https://token:${key}@dl.cloudsmith.io/basic/acme/pypi-private/python/simple/`,
        true,
        ''
      ],
      UV_DEFAULT_INDEX: [
        `https://token:${key}@dl.cloudsmith.io/basic/acme/pypi-private/python/simple/`,
        true,
        ''
      ],
      TWINE_REPOSITORY_URL: ['https://python.cloudsmith.io/acme/pypi-private/', false, ''],
      TWINE_USERNAME: ['token', false, ''],
      TWINE_PASSWORD: [key, true, ''],
      UV_PUBLISH_URL: ['https://python.cloudsmith.io/acme/pypi-private/', false, ''],
      UV_PUBLISH_USERNAME: ['token', false, ''],
      UV_PUBLISH_PASSWORD: [key, true, '']
    })
  })

  test('every value that holds the key is secret, and no literal part holds anything but text', () => {
    for (const step of plan().steps as EnvStep[]) {
      expect(step.secret).toBe(step.value.includes(KEY))
    }
  })

  test('OWNER/REPO names another organization in both URLs', () => {
    const values = exported(plan(request({}, 'other-org', 'py')))
    expect(values['PIP_INDEX_URL']?.[0]).toBe(
      `https://token:${key}@dl.cloudsmith.io/basic/other-org/py/python/simple/`
    )
    expect(values['TWINE_REPOSITORY_URL']?.[0]).toBe('https://python.cloudsmith.io/other-org/py/')
  })

  test('a custom download domain leaves the organization out of the index path', () => {
    const values = exported(plan(request({ host: 'dl.acme.example' })))
    expect(values['PIP_INDEX_URL']?.[0]).toBe(
      `https://token:${key}@dl.acme.example/basic/pypi-private/python/simple/`
    )
    expect(values['UV_DEFAULT_INDEX']?.[0]).toBe(values['PIP_INDEX_URL']?.[0])
    // uploads still go to Cloudsmith's own host unless upload-host says otherwise
    expect(values['TWINE_REPOSITORY_URL']?.[0]).toBe(
      'https://python.cloudsmith.io/acme/pypi-private/'
    )
  })

  test('a custom upload domain leaves the organization out of the upload path; a port is kept', () => {
    const values = exported(plan(request({ 'upload-host': 'python.acme.example:8443' })))
    expect(values['TWINE_REPOSITORY_URL']?.[0]).toBe(
      'https://python.acme.example:8443/pypi-private/'
    )
    expect(values['UV_PUBLISH_URL']?.[0]).toBe('https://python.acme.example:8443/pypi-private/')
    expect(values['PIP_INDEX_URL']?.[0]).toBe(
      `https://token:${key}@dl.cloudsmith.io/basic/acme/pypi-private/python/simple/`
    )
  })

  test("Cloudsmith's own hosts written out (any case) keep the organization", () => {
    const endpoints = pythonEndpoints(
      request({ host: 'DL.cloudsmith.io', 'upload-host': 'python.cloudsmith.io' })
    )
    expect(endpoints.indexAfterKey).toBe('@DL.cloudsmith.io/basic/acme/pypi-private/python/simple/')
    expect(endpoints.uploadUrl).toBe('https://python.cloudsmith.io/acme/pypi-private/')
  })

  test('plain variables go back to their value before the step; secrets are cleared, never kept', () => {
    const before = {
      TWINE_REPOSITORY_URL: 'https://upload.pypi.org/legacy/',
      TWINE_USERNAME: '__token__',
      TWINE_PASSWORD: 'pypi-secret',
      PIP_INDEX_URL: 'https://user:secret@other.example/simple/'
    }
    const values = exported(plan(request(), context(before)))
    expect(values['TWINE_REPOSITORY_URL']?.[2]).toBe('https://upload.pypi.org/legacy/')
    expect(values['TWINE_USERNAME']?.[2]).toBe('__token__')
    expect(values['TWINE_PASSWORD']?.[2]).toBe('')
    expect(values['PIP_INDEX_URL']?.[2]).toBe('')
  })

  test('an earlier upload URL with a credential in it is cleared by post, never stored to be put back', () => {
    const before = {
      TWINE_REPOSITORY_URL: 'https://alice:s3cr3t@upload.example.com/legacy/',
      UV_PUBLISH_URL: ' HTTPS://alice@upload.example.com/ ',
      TWINE_USERNAME: 'alice'
    }
    const planned = plan(request(), context(before))
    const values = exported(planned)
    expect(values['TWINE_REPOSITORY_URL']?.[2]).toBe('')
    expect(values['UV_PUBLISH_URL']?.[2]).toBe('')
    expect(values['TWINE_USERNAME']?.[2]).toBe('alice')
    expect(JSON.stringify(planned.steps)).not.toContain('s3cr3t')
    expect(hasUserinfo('https://upload.example.com/legacy/?a=b@c')).toBe(false)
    expect(hasUserinfo('https://upload.example.com/a@b/')).toBe(false)
    expect(hasUserinfo('https://:token@upload.example.com/')).toBe(true)
  })

  test('writes no file and runs no program, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const p = plan(request(), context({}, platform))
      expect(p.steps.every((step) => step.kind === 'env')).toBe(true)
    }
    expect(python.programs).toEqual([])
  })

  test('the title and notes name the hosts and never hold the key', () => {
    const p = plan()
    expect(p.title).toBe(
      'python: pip and uv from token@dl.cloudsmith.io, twine and uv publish to https://python.cloudsmith.io/acme/pypi-private/'
    )
    expect(p.notes[0]).toContain(
      'https://token:***@dl.cloudsmith.io/basic/acme/pypi-private/python/simple/ instead of PyPI'
    )
    expect(p.notes[0]).toContain('PyPI upstream')
    expect(p.notes[0]).toContain('dependency confusion')
    for (const text of [p.title, ...p.notes]) expect(text).not.toContain(key)
  })

  test('notes name variables already set that change what pip, uv or twine do, never their values', () => {
    const p = plan(
      request(),
      context({
        PIP_EXTRA_INDEX_URL: 'https://pypi.org/simple/',
        UV_INDEX_URL: 'https://x.example/simple/',
        PIP_INDEX_URL: 'https://user:hunter2@old.example/simple/',
        PIP_NO_INDEX: ''
      })
    )
    expect(p.notes.slice(2)).toEqual([
      'PIP_EXTRA_INDEX_URL is set in this job: pip also searches that index, so a package of the same name there can win over the repository (dependency confusion); unset it and give the repository an upstream instead.',
      "UV_INDEX_URL is set in this job: it is uv's older name for the default index; unset it so uv reads UV_DEFAULT_INDEX.",
      'PIP_INDEX_URL was already set; this step replaces it.'
    ])
    expect(p.notes.join('\n')).not.toContain('hunter2')
  })

  test('hosts: the download and the upload host, once when they are the same', () => {
    expect(python.hosts(request())).toEqual(['dl.cloudsmith.io', 'python.cloudsmith.io'])
    expect(
      python.hosts(request({ host: 'pkgs.acme.example', 'upload-host': 'PKGS.acme.example' }))
    ).toEqual(['pkgs.acme.example'])
  })

  test('takes a repository and the options host, domain, upload-host and upload-domain; nothing more to validate', () => {
    expect(python.repository).toBe('required')
    expect(Object.keys(python.options)).toEqual(['host', 'domain', 'upload-host', 'upload-domain'])
    expect(python.validate(request({ host: 'dl.acme.example' }))).toEqual([])
  })

  test('the key goes into the URL as it is: the exchange only ever yields a compact JWT, which needs no escaping', () => {
    // a key with a character that would change the URL ('@' ends the user part, '/' the host,
    // '%' starts an escape, ':' splits user and password) is refused when the answer is read, so
    // it never reaches a plan; should that rule ever loosen, the URL must escape the key and mask
    // the escaped form too
    const now = Date.parse('2026-12-01T08:00:00Z')
    const payload = Buffer.from(JSON.stringify({ exp: now / 1000 + 3600 })).toString('base64url')
    for (const bad of ['@', '/', ':', '%40', '#', '?', ' ']) {
      const token = `eyJhbGciOiJIUzI1NiJ9.${payload}.sig${bad}evil`
      expect(() =>
        readTokenAnswer(201, JSON.stringify({ token }), now, () => undefined, [])
      ).toThrow()
    }
    const good = `eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln-_`
    expect(
      readTokenAnswer(201, JSON.stringify({ token: good }), now, () => undefined, []).token
    ).toBe(good)
  })

  test("an OIDC key (a JWT: base64url parts and dots) needs no escaping in the URL's user part", () => {
    // RFC 3986 userinfo takes unreserved characters as they are: ALPHA / DIGIT / "-" / "." / "_" / "~"
    expect(key).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(encodeURIComponent(key)).toBe(key)
    const url = new URL(exported(plan())['PIP_INDEX_URL']?.[0] ?? '')
    expect([url.username, url.password, url.host]).toEqual(['token', key, 'dl.cloudsmith.io'])
  })
})

describe('python lines in the registries input', () => {
  const parse = (registries: string): readonly string[] => {
    try {
      parseInputs((name) => ({ org: 'acme', 'service-slug': 'ci', registries })[name] ?? '')
      return []
    } catch (error) {
      if (error instanceof InputError) return [...error.problems, ...error.conflicts]
      throw error
    }
  }
  const requests = (registries: string) =>
    parseInputs((name) => ({ org: 'acme', 'service-slug': 'ci', registries })[name] ?? '')
      .registries

  test('a good line becomes a request; OWNER/REPO names another organization', () => {
    expect(
      requests('python pypi-private host=dl.acme.example upload-host=python.acme.example:8443')
    ).toEqual([
      {
        line: 1,
        text: 'python pypi-private host=dl.acme.example upload-host=python.acme.example:8443',
        format: 'python',
        owner: 'acme',
        repository: 'pypi-private',
        options: new Map([
          ['host', 'dl.acme.example'],
          ['upload-host', 'python.acme.example:8443']
        ])
      }
    ])
    expect(requests('python other/py')[0]).toMatchObject({ owner: 'other', repository: 'py' })
  })

  test('a missing repository, an unknown key and a bad host are each named with the line', () => {
    expect(
      parse('python\npython pypi index=x\npython pypi upload-host=https://python.acme.example/')
    ).toEqual([
      "Input 'registries' line 1 (python): a repository is missing; use 'python REPOSITORY [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]'.",
      expect.stringMatching(
        /^Input 'registries' line 2 \(python pypi index=x\): unknown key 'index'; python accepts host \(.+\), domain \(.+\), upload-host \(.+\), upload-domain \(.+\)\.$/
      ),
      expect.stringMatching(
        /^Input 'registries' line 3 \(python pypi upload-host=https:\/\/python\.acme\.example\/\): upload-host=https:\/\/python\.acme\.example\/ has a scheme; /
      )
    ])
  })

  test('a second python line is refused, whatever its hosts: the variables hold one repository', () => {
    expect(
      parse('python pypi\n\npython other host=dl.acme.example upload-host=python.acme.example')
    ).toEqual([
      "Input 'registries' line 3 (python other host=dl.acme.example upload-host=python.acme.example): a second python line (line 1 is one), and only one can be in force; pip and uv read one index and twine uploads to one repository. Fix: keep one python line; to upload to another repository too, give that twine step --repository-url https://python.cloudsmith.io/OWNER/REPO/ (TWINE_USERNAME and TWINE_PASSWORD still apply)."
    ])
  })
})
