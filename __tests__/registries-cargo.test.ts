import { describe, expect, test } from '@jest/globals'
import { runnerContext } from './lib/plan-context.js'
import { cargo, indexUrl, registryName, variablePrefix } from '../src/registries/cargo.js'
import { InputError, parseInputs } from '../src/inputs.js'
import { FORMATS } from '../src/registries/formats.js'
import { KEY, type Plan, type PlanContext, type RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'

function request(
  repository: string | undefined,
  options: Record<string, string> = {},
  owner = 'acme'
): RegistryRequest {
  const words = Object.entries(options).map(([key, value]) => `${key}=${value}`)
  return {
    line: 1,
    text: ['cargo', repository, ...words].filter(Boolean).join(' '),
    format: 'cargo',
    owner,
    repository,
    options: new Map(Object.entries(options))
  }
}

const context = runnerContext

function plan(req: RegistryRequest, ctx: PlanContext = context()): Plan {
  const planned = cargo.plan(req, ctx)
  if ('problems' in planned) throw new Error(planned.problems.join('\n'))
  return planned
}

/** The plan's variables as `NAME=value`, the key shown as <key>. */
function exported(planned: Plan): Record<string, string> {
  const out: Record<string, string> = {}
  for (const step of planned.steps) {
    if (step.kind !== 'env') throw new Error(`cargo plans only variables, not ${step.kind}`)
    out[step.name] = step.value.map((part) => (part === KEY ? '<key>' : part)).join('')
  }
  return out
}

describe('cargo plan', () => {
  test('a repository on cargo.cloudsmith.io, named after its slug', () => {
    const planned = plan(request('crates'))
    expect(exported(planned)).toEqual({
      CARGO_REGISTRIES_CRATES_INDEX: 'sparse+https://cargo.cloudsmith.io/acme/crates/',
      CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER: 'cargo:token',
      CARGO_REGISTRIES_CRATES_TOKEN: 'Token <key>'
    })
    expect(planned.title).toBe(
      "cargo: registry 'crates' at sparse+https://cargo.cloudsmith.io/acme/crates/"
    )
    expect(cargo.hosts(request('crates'))).toEqual(['cargo.cloudsmith.io/acme/crates/'])
  })

  test('only the token is secret, and post clears it; the others stay set when they had no value', () => {
    const steps = plan(request('crates')).steps
    expect(
      steps.map((step) => step.kind === 'env' && [step.name, step.secret, step.restore])
    ).toEqual([
      // null: post leaves it (cargo refuses an empty index: "invalid index URL")
      ['CARGO_REGISTRIES_CRATES_INDEX', false, null],
      ['CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER', false, null],
      ['CARGO_REGISTRIES_CRATES_TOKEN', true, '']
    ])
  })

  test('an earlier value of the index and provider (this action, run before) is put back', () => {
    const index = 'sparse+https://cargo.cloudsmith.io/acme/crates/'
    const steps = plan(
      request('crates'),
      context({
        CARGO_REGISTRIES_CRATES_INDEX: index,
        CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER: 'cargo:token',
        CARGO_REGISTRIES_CRATES_TOKEN: 'Token an-earlier-key',
        CLOUDSMITH_API_KEY: 'an-earlier-key'
      })
    ).steps
    expect(steps.map((step) => step.kind === 'env' && step.restore)).toEqual([
      index,
      'cargo:token',
      ''
    ])
  })

  test('name= maps to the variables as Cargo does: upper case, - as _', () => {
    expect(Object.keys(exported(plan(request('crates', { name: 'Acme-internal_2' }))))).toEqual([
      'CARGO_REGISTRIES_ACME_INTERNAL_2_INDEX',
      'CARGO_REGISTRIES_ACME_INTERNAL_2_CREDENTIAL_PROVIDER',
      'CARGO_REGISTRIES_ACME_INTERNAL_2_TOKEN'
    ])
    expect(variablePrefix('a-b')).toBe(variablePrefix('a_b'))
    expect(registryName(request('crates', { name: 'x' }))).toBe('x')
  })

  test('a request without a repository (the parser never makes one) plans no crash', () => {
    expect(indexUrl(request(undefined, { name: 'x' }))).toBe(
      'sparse+https://cargo.cloudsmith.io/acme//'
    )
    expect(indexUrl(request(undefined, { name: 'x', host: 'h.example' }))).toBe(
      'sparse+https://h.example//'
    )
    expect(registryName(request(undefined))).toBe('')
  })

  test('OWNER/REPO: the owner from the line, not the org input', () => {
    expect(indexUrl(request('crates', {}, 'other-org'))).toBe(
      'sparse+https://cargo.cloudsmith.io/other-org/crates/'
    )
  })

  test.each([
    [{ host: 'cargo.acme.com' }, 'sparse+https://cargo.acme.com/crates/'],
    [{ host: 'cargo.acme.com', domain: 'organization' }, 'sparse+https://cargo.acme.com/crates/'],
    [{ host: 'crates.acme.com', domain: 'repository' }, 'sparse+https://crates.acme.com/'],
    [
      { host: 'cargo.acme.com', domain: 'cloudsmith' },
      'sparse+https://cargo.acme.com/acme/crates/'
    ],
    [{ host: 'CARGO.cloudsmith.io' }, 'sparse+https://CARGO.cloudsmith.io/acme/crates/'],
    [{ host: '127.0.0.1:8443' }, 'sparse+https://127.0.0.1:8443/crates/']
  ])('custom domain %o: %s', (options, url) => {
    expect(indexUrl(request('crates', options))).toBe(url)
    expect(exported(plan(request('crates', options))).CARGO_REGISTRIES_CRATES_INDEX).toBe(url)
  })

  test('the same plan on Windows and macOS runners (no file, no path)', () => {
    const linux = plan(request('crates'))
    for (const platform of ['win32', 'darwin'] as const) {
      expect(plan(request('crates'), context({}, platform)).steps).toEqual(linux.steps)
    }
  })

  test('notes say how Cargo uses it, and never hold the key', () => {
    const planned = plan(request('crates', { name: 'acme' }))
    expect(planned.notes).toEqual([
      expect.stringContaining(
        'use registry = "acme" on dependencies in Cargo.toml, or cargo publish --registry acme'
      )
    ])
  })

  test('no program is needed and the line takes a repository', () => {
    expect(cargo.programs).toEqual([])
    expect(cargo.repository).toBe('required')
    expect(Object.keys(cargo.options)).toEqual(['name', 'host', 'domain'])
  })
})

describe('cargo validation', () => {
  const cases: [RegistryRequest, string[]][] = [
    [request('crates'), []],
    [request('crates', { name: '_x-1' }), []],
    [request('crates', { name: 'Acme' }), []],
    [
      request('crates', { name: '1acme' }),
      [
        "name=1acme is not a Cargo registry name: a letter or '_', then letters, digits, '-' and '_'."
      ]
    ],
    [
      request('crates', { name: 'acmé' }),
      [
        "name=acmé is not a Cargo registry name: a letter or '_', then letters, digits, '-' and '_'."
      ]
    ],
    [
      request('my.crates'),
      [
        "the repository slug 'my.crates' is not a Cargo registry name (a letter or '_', then letters, digits, '-' and '_'); give one with name=NAME."
      ]
    ],
    [request('my.crates', { name: 'crates' }), []],
    [
      request('crates', { name: 'crates-io' }),
      [
        "name=crates-io is Cargo's name for crates.io, whose token would then be the Cloudsmith key; choose another with name=NAME."
      ]
    ],
    [
      request('crates_io'),
      [
        "the repository slug 'crates_io' is Cargo's name for crates.io, whose token would then be the Cloudsmith key; choose another with name=NAME."
      ]
    ],
    [request('crates', { host: 'crates.acme.com', domain: 'repository' }), []],
    [
      request(undefined),
      [
        "the repository slug '' is not a Cargo registry name (a letter or '_', then letters, digits, '-' and '_'); give one with name=NAME."
      ]
    ]
  ]
  test.each(cases.map(([req, problems]) => [req.text, req, problems] as const))(
    '%s',
    (_text, req, problems) => {
      expect(cargo.validate(req)).toEqual(problems)
    }
  )
})

describe('cargo and variables already set', () => {
  const variables = {
    index: 'CARGO_REGISTRIES_CRATES_INDEX',
    token: 'CARGO_REGISTRIES_CRATES_TOKEN',
    provider: 'CARGO_REGISTRIES_CRATES_CREDENTIAL_PROVIDER'
  }

  test('another index under the same name stops the line, naming what is set', () => {
    const planned = cargo.plan(
      request('crates'),
      context({
        [variables.index]: 'sparse+https://elsewhere.example.com/',
        [variables.token]: 'theirs'
      })
    )
    expect(planned).toEqual({
      problems: [
        `Input 'registries' line 1 (cargo crates): ${variables.index} and ${variables.token} are already set for another registry named 'crates' (by an earlier step, the runner's environment or the workflow's env:); this line would replace them. Give this registry another name with name=NAME, or remove the other setting.`
      ]
    })
  })

  test('a token alone (the index in a Cargo config file) stops it too', () => {
    const planned = cargo.plan(request('crates'), context({ [variables.token]: 'theirs' }))
    expect('problems' in planned && planned.problems[0]).toMatch(
      /^Input 'registries' line 1 \(cargo crates\): CARGO_REGISTRIES_CRATES_TOKEN is already set for another registry named 'crates'/
    )
  })

  test('empty variables count as unset', () => {
    expect('problems' in cargo.plan(request('crates'), context({ [variables.token]: '' }))).toBe(
      false
    )
  })

  test('the same index (this action, run again to renew the key) is replaced, and post puts it back', () => {
    const index = 'sparse+https://cargo.cloudsmith.io/acme/crates/'
    const planned = plan(
      request('crates'),
      context({
        [variables.index]: index,
        [variables.token]: 'Token older',
        [variables.provider]: 'cargo:token',
        CLOUDSMITH_API_KEY: 'older'
      })
    )
    expect(planned.steps.map((step) => step.kind === 'env' && step.restore)).toEqual([
      index,
      'cargo:token',
      ''
    ])
  })
})

describe("the same index with the user's own token", () => {
  test('is refused, not replaced: the token stays theirs', () => {
    const index = 'sparse+https://cargo.cloudsmith.io/acme/crates/'
    for (const key of [undefined, 'another-key']) {
      const planned = cargo.plan(
        request('crates'),
        context({
          CARGO_REGISTRIES_CRATES_INDEX: index,
          CARGO_REGISTRIES_CRATES_TOKEN: 'Token users-own',
          ...(key ? { CLOUDSMITH_API_KEY: key } : {})
        })
      )
      expect(planned).toEqual({
        problems: [
          "Input 'registries' line 1 (cargo crates): CARGO_REGISTRIES_CRATES_TOKEN is already set for another registry named 'crates' (by an earlier step, the runner's environment or the workflow's env:); this line would replace it. Give this registry another name with name=NAME, or remove the other setting."
        ]
      })
    }
  })
})

describe('cargo lines through the registries input', () => {
  const base = { org: 'acme', 'service-slug': 'ci-bot' }
  const problems = (registries: string, env: Record<string, string> = {}): readonly string[] => {
    try {
      const inputs = parseInputs((name) => ({ ...base, registries })[name] ?? '')
      planRegistries(inputs.registries, context(env), FORMATS)
    } catch (error) {
      if (error instanceof InputError) return [...error.problems, ...error.conflicts]
      throw error
    }
    return []
  }

  test('two Cloudsmith repositories on cargo.cloudsmith.io are two registries', () => {
    expect(problems('cargo crates\ncargo other-org/internal name=internal')).toEqual([])
  })

  test('the same index twice is refused by the common host check', () => {
    expect(problems('cargo crates\ncargo crates name=again')).toEqual([
      "Input 'registries' line 2 (cargo crates name=again): cargo for cargo.cloudsmith.io/acme/crates/ is already configured on line 1, and the second line would undo the first. Fix: keep one cargo line per host."
    ])
  })

  test('two names that map to the same variables are refused, naming both lines', () => {
    expect(problems('cargo crates name=a-b\ncargo other name=a_b')).toEqual(
      ['INDEX', 'CREDENTIAL_PROVIDER', 'TOKEN'].map(
        (suffix) =>
          `Input 'registries' line 2 (cargo other name=a_b): it would export CARGO_REGISTRIES_A_B_${suffix}, which line 1 exports too; give each line its own (for cargo, another name=).`
      )
    )
  })

  test('validation problems name the line', () => {
    expect(problems('cargo crates name=crates-io host=cargo.acme.com domain=nope')).toEqual([
      "Input 'registries' line 1 (cargo crates name=crates-io host=cargo.acme.com domain=nope): name=crates-io is Cargo's name for crates.io, whose token would then be the Cloudsmith key; choose another with name=NAME.",
      "Input 'registries' line 1 (cargo crates name=crates-io host=cargo.acme.com domain=nope): domain=nope is not one of cloudsmith, organization, repository (what host= is: organization-wide custom domain, per-repository custom domain, or Cloudsmith's path layout)."
    ])
    expect(problems('cargo')).toEqual([
      "Input 'registries' line 1 (cargo): a repository is missing; use 'cargo REPOSITORY [name=NAME] [host=HOST] [domain=KIND]'."
    ])
    expect(problems('cargo crates host=https://cargo.acme.com')).toHaveLength(1)
  })

  test('a registry name already set for another index stops the step before any request', () => {
    expect(
      problems('cargo crates', {
        CARGO_REGISTRIES_CRATES_INDEX: 'sparse+https://elsewhere.example/'
      })
    ).toEqual([
      expect.stringMatching(
        /^Input 'registries' line 1 \(cargo crates\): CARGO_REGISTRIES_CRATES_INDEX is already set for another registry named 'crates'/
      )
    ])
  })
})
