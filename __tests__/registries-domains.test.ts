/**
 * Custom domains, one rule for npm, python and cargo (src/registries/domains.ts): every format
 * under every kind of host, as the exact URLs the plans hold, from lines read by the real parser;
 * and the common checks of domain= and upload-domain=, each naming the line. The real clients
 * read these URLs on loopback hosts (organization-wide by default) in the e2e tests.
 */
import { describe, expect, test } from '@jest/globals'
import { InputError, parseInputs } from '../src/inputs.js'
import { domainEndpoint, hostOptionOf, isDomainOption } from '../src/registries/domains.js'
import { FORMATS } from '../src/registries/formats.js'
import { KEY, type Plan, type PlanContext } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'

const context: PlanContext = {
  platform: 'linux',
  tempDir: '/home/runner/work/_temp',
  homeDir: '/home/runner',
  env: {},
  exportEnv: true,
  readFile: () => undefined
}

function plansOf(registries: string): Plan[] {
  const inputs = parseInputs(
    (name) => ({ org: 'acme', 'service-slug': 'ci', registries })[name] ?? ''
  )
  return planRegistries(inputs.registries, context, FORMATS)
}

function problemsOf(registries: string): readonly string[] {
  try {
    plansOf(registries)
  } catch (error) {
    if (error instanceof InputError) return [...error.problems, ...error.conflicts]
    throw error
  }
  return []
}

/** Every variable and file line the plans set, the key shown as <key>. */
function settings(registries: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const plan of plansOf(registries)) {
    for (const step of plan.steps) {
      if (step.kind === 'env') {
        out[step.name] = step.value.map((part) => (part === KEY ? '<key>' : part)).join('')
      } else if (step.kind === 'file') {
        for (const line of step.content.split('\n')) {
          const match = /^(\/\/.*:_authToken|(?:@[^:]+:)?registry)=(.*)$/.exec(line)
          if (match) out[match[1] as string] = match[2] as string
        }
      }
    }
  }
  return out
}

describe('npm under each kind of host', () => {
  test.each([
    ['npm npm-private', 'https://npm.cloudsmith.io/acme/npm-private/'],
    ['npm other/npm-private', 'https://npm.cloudsmith.io/other/npm-private/'],
    ['npm npm-private host=npm.acme.com', 'https://npm.acme.com/npm-private/'],
    ['npm npm-private host=npm.acme.com domain=organization', 'https://npm.acme.com/npm-private/'],
    [
      'npm npm-private host=npm-private.acme.com domain=repository',
      'https://npm-private.acme.com/'
    ],
    [
      'npm npm-private host=npm.acme.com domain=cloudsmith',
      'https://npm.acme.com/acme/npm-private/'
    ],
    // Cloudsmith's own host written out keeps its layout, as every format's does
    ['npm npm-private host=NPM.cloudsmith.io', 'https://npm.cloudsmith.io/acme/npm-private/'],
    ['npm npm-private host=127.0.0.1:8443', 'https://127.0.0.1:8443/npm-private/']
  ])('%s: %s', (line, url) => {
    const nerfDart = url.slice('https:'.length)
    expect(settings(`${line} scope=@acme`)).toEqual({
      [`${nerfDart}:_authToken`]: '${CLOUDSMITH_API_KEY}',
      '@acme:registry': url,
      NPM_CONFIG_USERCONFIG: '/home/runner/work/_temp/cloudsmith-oidc-npmrc.npmrc'
    })
  })
})

describe('python under each kind of host, download and upload each on its own', () => {
  const index = (url: string): string => `https://token:<key>@${url}`
  test.each([
    [
      'python pypi',
      index('dl.cloudsmith.io/basic/acme/pypi/python/simple/'),
      'https://python.cloudsmith.io/acme/pypi/'
    ],
    [
      'python pypi host=dl.acme.com upload-host=python.acme.com',
      index('dl.acme.com/basic/pypi/python/simple/'),
      'https://python.acme.com/pypi/'
    ],
    [
      'python pypi host=dl.acme.com domain=organization upload-host=python.acme.com upload-domain=organization',
      index('dl.acme.com/basic/pypi/python/simple/'),
      'https://python.acme.com/pypi/'
    ],
    [
      'python pypi host=pypi.acme.com domain=repository upload-host=pypi-up.acme.com upload-domain=repository',
      index('pypi.acme.com/basic/python/simple/'),
      'https://pypi-up.acme.com/'
    ],
    [
      'python pypi host=dl.acme.com domain=cloudsmith upload-host=python.acme.com upload-domain=cloudsmith',
      index('dl.acme.com/basic/acme/pypi/python/simple/'),
      'https://python.acme.com/acme/pypi/'
    ],
    [
      // a per-repository download domain, uploads still to Cloudsmith's own host
      'python pypi host=pypi.acme.com domain=repository',
      index('pypi.acme.com/basic/python/simple/'),
      'https://python.cloudsmith.io/acme/pypi/'
    ],
    [
      'python pypi upload-host=pypi-up.acme.com upload-domain=repository',
      index('dl.cloudsmith.io/basic/acme/pypi/python/simple/'),
      'https://pypi-up.acme.com/'
    ]
  ])('%s', (line, indexUrl, uploadUrl) => {
    const values = settings(line)
    expect([values.PIP_INDEX_URL, values.UV_DEFAULT_INDEX]).toEqual([indexUrl, indexUrl])
    expect([values.TWINE_REPOSITORY_URL, values.UV_PUBLISH_URL]).toEqual([uploadUrl, uploadUrl])
  })
})

describe('cargo under each kind of host', () => {
  test.each([
    ['cargo crates', 'sparse+https://cargo.cloudsmith.io/acme/crates/'],
    ['cargo crates host=cargo.acme.com', 'sparse+https://cargo.acme.com/crates/'],
    [
      'cargo crates host=cargo.acme.com domain=organization',
      'sparse+https://cargo.acme.com/crates/'
    ],
    ['cargo crates host=crates.acme.com domain=repository', 'sparse+https://crates.acme.com/'],
    [
      'cargo crates host=cargo.acme.com domain=cloudsmith',
      'sparse+https://cargo.acme.com/acme/crates/'
    ]
  ])('%s: %s', (line, url) => {
    expect(settings(line).CARGO_REGISTRIES_CRATES_INDEX).toBe(url)
  })
})

describe('domain= and upload-domain=: the common checks, each naming the line', () => {
  test.each(['npm npm-private', 'python pypi', 'cargo crates'])(
    '%s: a kind that is not one, and a kind without its host',
    (start) => {
      const bad = `${start} host=x.acme.com domain=org`
      const alone = `${start} domain=repository`
      expect(problemsOf(`${bad}`)).toEqual([
        `Input 'registries' line 1 (${bad}): domain=org is not one of cloudsmith, organization, repository (what host= is: organization-wide custom domain, per-repository custom domain, or Cloudsmith's path layout).`
      ])
      expect(problemsOf(alone)).toEqual([
        `Input 'registries' line 1 (${alone}): domain=repository describes host=, which is missing; give host=HOST too.`
      ])
    }
  )

  test.each([
    [
      'npm npm-private host=NPM.cloudsmith.io domain=repository',
      'domain=repository',
      'host',
      'NPM.cloudsmith.io'
    ],
    [
      'python pypi host=dl.cloudsmith.io domain=organization',
      'domain=organization',
      'host',
      'dl.cloudsmith.io'
    ],
    [
      'python pypi upload-host=python.cloudsmith.io upload-domain=repository',
      'upload-domain=repository',
      'upload-host',
      'python.cloudsmith.io'
    ],
    [
      'cargo crates host=cargo.cloudsmith.io:443 domain=organization',
      'domain=organization',
      'host',
      'cargo.cloudsmith.io:443'
    ]
  ])(
    "%s: a custom-domain kind on Cloudsmith's own host is refused",
    (line, given, hostOption, host) => {
      const domainOption = given.split('=')[0] as string
      expect(problemsOf(line)).toEqual([
        `Input 'registries' line 1 (${line}): ${given} says ${hostOption}= is a custom domain, but ${host} is Cloudsmith's own host, which keeps /OWNER/REPOSITORY/; give your custom domain as ${hostOption}=, or leave ${domainOption}= out.`
      ])
    }
  )

  test('python: upload-domain= describes upload-host=, not host=', () => {
    const line = 'python pypi host=dl.acme.com upload-domain=repository'
    expect(problemsOf(line)).toEqual([
      `Input 'registries' line 1 (${line}): upload-domain=repository describes upload-host=, which is missing; give upload-host=HOST too.`
    ])
  })

  test('docker takes no domain=: it logs in by host alone', () => {
    const line = 'docker host=docker.acme.com domain=organization'
    const [problem] = problemsOf(line)
    expect(problem).toMatch(
      /^Input 'registries' line 1 \(docker host=docker\.acme\.com domain=organization\): unknown key 'domain'; docker accepts host /
    )
  })

  test('the usage each format shows names the domain options as KIND', () => {
    expect(problemsOf('python')).toEqual([
      "Input 'registries' line 1 (python): a repository is missing; use 'python REPOSITORY [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]'."
    ])
    expect(problemsOf('npm')).toEqual([
      "Input 'registries' line 1 (npm): a repository is missing; use 'npm REPOSITORY [scope=SCOPE] [host=HOST] [domain=KIND]'."
    ])
  })
})

describe('the rule itself', () => {
  const request = (options: Record<string, string>) => ({
    owner: 'acme',
    repository: 'repo',
    options: new Map(Object.entries(options))
  })

  test('the default host, or the same host any case or with :443, keeps /ORG/REPO/', () => {
    const hosts: Record<string, string>[] = [
      {},
      { host: 'DL.Cloudsmith.IO' },
      { host: 'dl.cloudsmith.io:443' }
    ]
    for (const options of hosts) {
      expect(domainEndpoint(request(options), 'host', 'dl.cloudsmith.io')).toMatchObject({
        kind: 'cloudsmith',
        path: '/acme/repo/'
      })
    }
  })

  test('each host option reads the domain option of its own prefix', () => {
    const both = request({ host: 'a.example', domain: 'repository', 'upload-host': 'b.example' })
    expect(domainEndpoint(both, 'host', 'dl.cloudsmith.io')).toEqual({
      host: 'a.example',
      kind: 'repository',
      path: '/'
    })
    expect(domainEndpoint(both, 'upload-host', 'python.cloudsmith.io')).toEqual({
      host: 'b.example',
      kind: 'organization',
      path: '/repo/'
    })
    expect(['domain', 'upload-domain', 'domains', 'host'].map(isDomainOption)).toEqual([
      true,
      true,
      false,
      false
    ])
    expect(hostOptionOf('upload-domain')).toBe('upload-host')
  })
})
