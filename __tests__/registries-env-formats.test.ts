/**
 * The env-only formats (nuget, go, ruby, terraform): the exact variables each line exports, the
 * refusals of bad lines while the inputs are read (before any request), and the plan variables
 * applied and undone by the same apply/undo as every format: masked before export, cleared by post
 * only while they still hold this step's value, an earlier value put back.
 */
import { describe, expect, test } from '@jest/globals'
import { tmpdir } from 'node:os'
import { InputError, parseInputs } from '../src/inputs.js'
import { applyPlans } from '../src/registries/apply.js'
import { undoRecord } from '../src/registries/cleanup.js'
import { dryRunLines } from '../src/registries/describe.js'
import { FORMATS } from '../src/registries/formats.js'
import { go, modulePatternProblem } from '../src/registries/go.js'
import { nuget } from '../src/registries/nuget.js'
import { KEY, type FormatModule, type Plan, type PlanContext } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'
import { parseRecord } from '../src/registries/record.js'
import { bundlerVariable, ruby } from '../src/registries/ruby.js'
import { terraform, terraformVariable } from '../src/registries/terraform.js'
import { createSystem } from '../src/system.js'
import { runnerContext } from './lib/plan-context.js'
import { recorder } from './lib/recorder.js'

/** Each program's time (these formats run none). */
const DEADLINE = { eachMs: 1000, limitMs: () => 1000 }
const KEY_VALUE = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaS1ib3QifQ.c2lnbmF0dXJl'
const base = { org: 'acme', 'service-slug': 'ci-bot' }

/** The plans of a `registries` input, or the problems that stop the step. */
function planned(registries: string, env: Record<string, string> = {}): Plan[] | string[] {
  try {
    const inputs = parseInputs((name) => ({ ...base, registries })[name] ?? '')
    return planRegistries(inputs.registries, runnerContext(env), FORMATS)
  } catch (error) {
    if (error instanceof InputError) return [...error.problems, ...error.conflicts]
    throw error
  }
}

function plansOf(registries: string, env: Record<string, string> = {}): Plan[] {
  const result = planned(registries, env)
  if (typeof result[0] === 'string') throw new Error((result as string[]).join('\n'))
  return result as Plan[]
}

function problemsOf(registries: string, env: Record<string, string> = {}): string[] {
  const result = planned(registries, env)
  if (result.length > 0 && typeof result[0] !== 'string') throw new Error('the line was accepted')
  return result as string[]
}

/** name → [value with the key as <key>, secret, restore] */
function exported(plan: Plan): Record<string, [string, boolean, string | null]> {
  const out: Record<string, [string, boolean, string | null]> = {}
  for (const step of plan.steps) {
    if (step.kind !== 'env') throw new Error(`an env-only format planned a ${step.kind} step`)
    const value = step.value.map((part) => (part === KEY ? '<key>' : part)).join('')
    out[step.name] = [value, step.secret, step.restore]
  }
  return out
}

function only(registries: string, env: Record<string, string> = {}): Plan {
  const [plan, ...more] = plansOf(registries, env)
  if (plan === undefined || more.length > 0) throw new Error('expected one plan')
  return plan
}

describe('nuget', () => {
  test('the credentials variable of the source named cloudsmith, masked whole, cleared by post', () => {
    const plan = only('nuget nuget-private')
    expect(exported(plan)).toEqual({
      NuGetPackageSourceCredentials_cloudsmith: ['Username=token;Password=<key>', true, '']
    })
    expect(plan.title).toBe(
      "nuget: credentials for the package source 'cloudsmith' (https://nuget.cloudsmith.io/acme/nuget-private/v3/index.json)"
    )
    expect(plan.notes).toEqual([
      `NuGet sends them to the source whose key is 'cloudsmith' in nuget.config, after it answers 401: <add key="cloudsmith" value="https://nuget.cloudsmith.io/acme/nuget-private/v3/index.json" />. Push with dotnet nuget push PACKAGE.nupkg --source cloudsmith --api-key "$CLOUDSMITH_API_KEY".`
    ])
    expect(nuget.hosts(plan.request)).toEqual(['nuget.cloudsmith.io/acme/nuget-private/'])
  })

  test('name= as written (NuGet looks it up case-sensitively), OWNER/REPO, and the key reference without export-env', () => {
    const plan = only('nuget other-org/feed name=Acme_Feed-2')
    expect(Object.keys(exported(plan))).toEqual(['NuGetPackageSourceCredentials_Acme_Feed-2'])
    expect(plan.title).toContain('https://nuget.cloudsmith.io/other-org/feed/v3/index.json')
    const withoutEnv = nuget.plan(plan.request, { ...runnerContext(), exportEnv: false })
    expect('notes' in withoutEnv && withoutEnv.notes[0]).toContain(
      '--api-key "${{ steps.<this step\'s id>.outputs.token }}"'
    )
  })

  test('an earlier value is replaced, said in a note, and cleared (never stored) by post', () => {
    const plan = only('nuget feed', {
      NuGetPackageSourceCredentials_cloudsmith: 'Username=a;Password=b'
    })
    expect(exported(plan).NuGetPackageSourceCredentials_cloudsmith?.[2]).toBe('')
    expect(plan.notes.at(-1)).toBe(
      'NuGetPackageSourceCredentials_cloudsmith was already set; this step replaces it, and post clears it (an earlier credential is never stored to be put back).'
    )
  })
})

describe('go', () => {
  test('GOPROXY through the repository alone, masked whole; GONOSUMDB from modules=', () => {
    const plan = only('go go-private modules=example.com/acme/*,*.corp.example.com')
    expect(exported(plan)).toEqual({
      GOPROXY: ['https://token:<key>@golang.cloudsmith.io/acme/go-private/', true, ''],
      GONOSUMDB: ['example.com/acme/*,*.corp.example.com', false, '']
    })
    expect(plan.title).toBe(
      'go: every module through https://token:***@golang.cloudsmith.io/acme/go-private/; example.com/acme/*,*.corp.example.com not looked up in sum.golang.org'
    )
    expect(plan.notes).toEqual([
      'go downloads every module through golang.cloudsmith.io, with no fallback to proxy.golang.org or direct (a private path missing there would be asked of the public proxy and its origin); give the repository a Go upstream for public modules.'
    ])
  })

  test('without modules=: GOPROXY alone, and a note on private modules', () => {
    const plan = only('go go-private')
    expect(Object.keys(exported(plan))).toEqual(['GOPROXY'])
    expect(plan.notes[1]).toBe(
      'Without modules=, go checks every module against sum.golang.org, which fails for private ones: list their paths with modules=.'
    )
  })

  test('an earlier GONOSUMDB is kept in front and put back by post; GOPRIVATE, GONOPROXY and GOSUMDB=off are named', () => {
    const plan = only('go go-private modules=example.com/acme', {
      GONOSUMDB: 'git.example.org',
      GOPRIVATE: 'example.com/other',
      GONOPROXY: 'example.com/other',
      GOSUMDB: 'off',
      GOPROXY: 'https://proxy.example.com'
    })
    expect(exported(plan).GONOSUMDB).toEqual([
      'git.example.org,example.com/acme',
      false,
      'git.example.org'
    ])
    expect(plan.notes.slice(1)).toEqual([
      'GOSUMDB is off in this job: go verifies no checksums, public modules included.',
      'GOPRIVATE is set in this job: go fetches the modules it matches straight from their origin, not through this proxy (GONOPROXY defaults to it).',
      'GONOPROXY is set in this job: go fetches the modules it matches straight from their origin, not through this proxy.',
      'GOPROXY was already set; this step replaces it, and post clears it (an earlier credential is never stored to be put back).',
      'GONOSUMDB was already set; this step adds to it, and post puts the earlier value back.'
    ])
  })

  test('run again in the job: GONOSUMDB already holds the patterns and is left as it is, without a note', () => {
    const plan = only('go go-private modules=example.com/acme,example.com/more', {
      GONOSUMDB: 'example.com/acme,example.com/more'
    })
    expect(exported(plan).GONOSUMDB).toEqual([
      'example.com/acme,example.com/more',
      false,
      'example.com/acme,example.com/more'
    ])
    expect(plan.notes.join('\n')).not.toContain('GONOSUMDB')
    expect(
      exported(only('go m modules=b.example,a.example', { GONOSUMDB: 'a.example' })).GONOSUMDB?.[0]
    ).toBe('a.example,b.example')
  })

  test.each([
    [{ host: 'go.acme.com' }, 'https://token:<key>@go.acme.com/go-private/'],
    [{ host: 'mods.acme.com', domain: 'repository' }, 'https://token:<key>@mods.acme.com/'],
    [{ host: '127.0.0.1:8443' }, 'https://token:<key>@127.0.0.1:8443/go-private/']
  ])('custom domain %o', (options, proxy) => {
    const words = Object.entries(options).map(([k, v]) => `${k}=${v}`)
    expect(exported(only(`go go-private ${words.join(' ')}`)).GOPROXY?.[0]).toBe(proxy)
  })

  test.each([
    ['example.com/acme/*', undefined],
    ['*.corp.example.com', undefined],
    ['example.com/[ab]c?/x~y', undefined],
    ['', 'an empty pattern (two commas together, or one at an end)'],
    ['*', "'*' does not start with a domain name"],
    ['acme/*', "'acme/*' does not start with a domain name"],
    ['example.com//x', "'example.com//x' is not a module path pattern"],
    ['/example.com', "'/example.com' is not a module path pattern"],
    ['example.com/[x', "'example.com/[x' is not a module path pattern"],
    ['example.com/a b', "'example.com/a b' is not a module path pattern"]
  ])('pattern %j', (pattern, problem) => {
    const found = modulePatternProblem(pattern)
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
  })
})

describe('ruby', () => {
  test("Bundler's variable for dl.cloudsmith.io, gem push's key and host", () => {
    const plan = only('ruby gems-private')
    expect(exported(plan)).toEqual({
      BUNDLE_DL__CLOUDSMITH__IO: ['token:<key>', true, ''],
      GEM_HOST_API_KEY: ['<key>', true, ''],
      RUBYGEMS_HOST: ['https://ruby.cloudsmith.io/acme/gems-private', false, '']
    })
    expect(plan.title).toBe(
      'ruby: Bundler from https://dl.cloudsmith.io/basic/acme/gems-private/ruby/ as token, gem push to https://ruby.cloudsmith.io/acme/gems-private'
    )
    expect(plan.notes).toEqual([
      'Bundler sends BUNDLE_DL__CLOUDSMITH__IO to every Gemfile source on dl.cloudsmith.io: source "https://dl.cloudsmith.io/basic/acme/gems-private/ruby/" do … end.',
      'gem push PACKAGE.gem uploads to https://ruby.cloudsmith.io/acme/gems-private (RUBYGEMS_HOST) with GEM_HOST_API_KEY; a gem push --host elsewhere would send the key there too.'
    ])
  })

  test.each([
    ['dl.cloudsmith.io', 'BUNDLE_DL__CLOUDSMITH__IO'],
    ['gems.my-company.example', 'BUNDLE_GEMS__MY___COMPANY__EXAMPLE'],
    ['127.0.0.1:8443', 'BUNDLE_127__0__0__1'],
    ['Dl.Acme.com', 'BUNDLE_DL__ACME__COM']
  ])(
    "Bundler's name for %s is %s (key_for: . as __, - as ___, upper case, no port)",
    (host, name) => {
      expect(bundlerVariable(host)).toBe(name)
    }
  )

  test('custom download and upload domains; an earlier RUBYGEMS_HOST is put back, one with a credential is not kept', () => {
    const line =
      'ruby gems host=gems.acme.com domain=repository upload-host=ruby.acme.com upload-domain=organization'
    expect(exported(only(line, { RUBYGEMS_HOST: 'https://rubygems.org' }))).toEqual({
      BUNDLE_GEMS__ACME__COM: ['token:<key>', true, ''],
      GEM_HOST_API_KEY: ['<key>', true, ''],
      RUBYGEMS_HOST: ['https://ruby.acme.com/gems', false, 'https://rubygems.org']
    })
    expect(only(line).title).toContain('https://gems.acme.com/basic/ruby/')
    expect(ruby.hosts(only(line).request)).toEqual(['gems.acme.com', 'ruby.acme.com'])
    expect(ruby.hosts(only('ruby gems').request)).toEqual([
      'dl.cloudsmith.io',
      'ruby.cloudsmith.io'
    ])
    expect(ruby.hosts(only('ruby gems host=g.acme.com upload-host=G.acme.com').request)).toEqual([
      'g.acme.com'
    ])
    const withCredential = only('ruby gems', { RUBYGEMS_HOST: 'https://u:secret@gems.example' })
    expect(exported(withCredential).RUBYGEMS_HOST?.[2]).toBe('')
    expect(withCredential.notes.at(-1)).toBe(
      'RUBYGEMS_HOST was already set; this step replaces it, and post clears it (an earlier credential is never stored to be put back).'
    )
  })
})

describe('terraform', () => {
  test('TF_TOKEN_ for the host, ORG/REPO/<key>, masked whole', () => {
    const plan = only('terraform tf-modules')
    expect(exported(plan)).toEqual({
      TF_TOKEN_terraform_cloudsmith_io: ['acme/tf-modules/<key>', true, '']
    })
    expect(plan.title).toBe(
      'terraform: token for terraform.cloudsmith.io (repository acme/tf-modules)'
    )
    expect(plan.notes).toEqual([
      'Terraform 1.2 or later (and OpenTofu) sends TF_TOKEN_terraform_cloudsmith_io as the bearer token for modules and providers from terraform.cloudsmith.io; older versions ignore it.'
    ])
  })

  test.each([
    ['terraform.cloudsmith.io', 'TF_TOKEN_terraform_cloudsmith_io'],
    ['tf.my-company.example', 'TF_TOKEN_tf_my__company_example'],
    ['TF.Acme.COM', 'TF_TOKEN_tf_acme_com']
  ])("Terraform's name for %s is %s (. as _, - as __)", (host, name) => {
    expect(terraformVariable(host)).toBe(name)
  })

  test('Terraform reads each name back as the host (its decoding: __ as -, then _ as .)', () => {
    const decode = (name: string): string =>
      name.slice('TF_TOKEN_'.length).replaceAll('__', '-').replaceAll('_', '.')
    for (const host of [
      'terraform.cloudsmith.io',
      'a-b.c--d.example',
      'x1.y-2.example',
      '10.0.0.1'
    ]) {
      expect(decode(terraformVariable(host))).toBe(host)
    }
  })

  test('a custom host, and two repositories on one host refused: one token per host', () => {
    expect(Object.keys(exported(only('terraform other/mods host=tf.acme.com')))).toEqual([
      'TF_TOKEN_tf_acme_com'
    ])
    // the default port is the host itself
    expect(Object.keys(exported(only('terraform other/mods host=tf.acme.com:443')))).toEqual([
      'TF_TOKEN_tf_acme_com'
    ])
    expect(problemsOf('terraform tf-modules\nterraform other-org/more')).toEqual([
      "Input 'registries' line 2 (terraform other-org/more): terraform for terraform.cloudsmith.io is already configured on line 1, and the second line would undo the first. Fix: keep one terraform line per host."
    ])
    expect(problemsOf('terraform a host=TF.acme.com\nterraform b host=tf.acme.com')).toHaveLength(1)
  })
})

describe('bad lines are refused while the inputs are read, naming the line', () => {
  const line = (n: number, text: string): string => `Input 'registries' line ${n} (${text})`
  test.each([
    ['nuget', `${line(1, 'nuget')}: a repository is missing; use 'nuget REPOSITORY [name=NAME]'.`],
    [
      'nuget feed name=my.feed',
      `${line(1, 'nuget feed name=my.feed')}: name=my.feed is not a package source name this action can map to NuGet's variable: use a letter or '_', then letters, digits, '_' and '-' (the same key in nuget.config).`
    ],
    [
      'nuget feed name=1st',
      `${line(1, 'nuget feed name=1st')}: name=1st is not a package source name this action can map to NuGet's variable: use a letter or '_', then letters, digits, '_' and '-' (the same key in nuget.config).`
    ],
    [
      'nuget feed host=nuget.acme.com',
      expect.stringContaining(
        `${line(1, 'nuget feed host=nuget.acme.com')}: unknown key 'host'; nuget accepts name (`
      )
    ],
    [
      'go mods modules=acme/*',
      `${line(1, 'go mods modules=acme/*')}: modules=acme/* has 'acme/*' does not start with a domain name (such as example.com or *.corp.example.com); a pattern like it would take public modules out of checksum verification too.`
    ],
    [
      'go mods modules=example.com,',
      `${line(1, 'go mods modules=example.com,')}: modules=example.com, has an empty pattern (two commas together, or one at an end).`
    ],
    [
      'go mods modules=',
      expect.stringContaining(
        `${line(1, 'go mods modules=')}: 'modules' is empty; it takes comma-separated module path patterns`
      )
    ],
    [
      'go mods host=golang.cloudsmith.io domain=organization',
      expect.stringContaining(
        "domain=organization says host= is a custom domain, but golang.cloudsmith.io is Cloudsmith's own host"
      )
    ],
    [
      'go mods domain=repository',
      expect.stringContaining('domain=repository describes host=, which is missing')
    ],
    [
      'ruby gems upload-host=https://ruby.acme.com',
      expect.stringContaining('upload-host=https://ruby.acme.com has a scheme')
    ],
    [
      'ruby gems upload-domain=org',
      expect.stringContaining(
        'upload-domain=org is not one of cloudsmith, organization, repository'
      )
    ],
    [
      'ruby gems host=dl.cloudsmith.io domain=repository',
      expect.stringContaining("dl.cloudsmith.io is Cloudsmith's own host")
    ],
    ['ruby gems name=x', expect.stringContaining("unknown key 'name'; ruby accepts host (")],
    [
      'terraform mods host=tf.acme.com:8443',
      `${line(1, 'terraform mods host=tf.acme.com:8443')}: host=tf.acme.com:8443 has a port, which Terraform's TF_TOKEN_ variables cannot name; serve the registry on port 443.`
    ],
    [
      'terraform mods domain=organization',
      expect.stringContaining("unknown key 'domain'; terraform accepts host (")
    ],
    [
      'terraform',
      `${line(1, 'terraform')}: a repository is missing; use 'terraform REPOSITORY [host=HOST]'.`
    ]
  ])('%s', (registries, problem) => {
    expect(problemsOf(registries)).toEqual([problem])
  })

  test('one go line and one ruby line a job: each a single set of variables', () => {
    expect(problemsOf('go a\ngo b host=go.acme.com')).toEqual([
      expect.stringMatching(
        /^Input 'registries' line 2 \(go b host=go\.acme\.com\): a second go line \(line 1 is one\), and only one can be in force; go reads one GOPROXY\./
      )
    ])
    expect(problemsOf('ruby a\nruby b')).toEqual([
      expect.stringMatching(
        /^Input 'registries' line 2 \(ruby b\): a second ruby line \(line 1 is one\), and only one can be in force; Bundler's credential is per host/
      )
    ])
  })

  test('two nuget lines for the same source name, or the same feed, are refused', () => {
    expect(problemsOf('nuget a\nnuget b')).toEqual([
      "Input 'registries' line 2 (nuget b): it would export NuGetPackageSourceCredentials_cloudsmith, which line 1 exports too; give each line its own (for cargo, another name=)."
    ])
    expect(problemsOf('nuget a\nnuget a name=other')).toEqual([
      "Input 'registries' line 2 (nuget a name=other): nuget for nuget.cloudsmith.io/acme/a/ is already configured on line 1, and the second line would undo the first. Fix: keep one nuget line per host."
    ])
    expect(plansOf('nuget a\nnuget b name=second')).toHaveLength(2)
  })
})

describe('applied and undone by the common apply/undo', () => {
  const lines = [
    'nuget nuget-private',
    'go go-private modules=example.com/acme/*',
    'ruby gems-private',
    'terraform tf-modules'
  ].join('\n')
  const before = { GONOSUMDB: 'git.example.org', RUBYGEMS_HOST: 'https://gems.example.org' }

  function applied(): { plans: Plan[]; rec: ReturnType<typeof recorder> } {
    const plans = plansOf(lines, before)
    const rec = recorder()
    applyPlans(plans, {
      io: rec,
      system: createSystem({ env: {} }),
      key: KEY_VALUE,
      cleanup: true,
      deadline: DEADLINE
    })
    return { plans, rec }
  }

  test('every value holding the key is masked before any variable is exported', () => {
    const { rec } = applied()
    const firstExport = rec.events.findIndex((event) => event.kind === 'exportVariable')
    const masked = rec.events
      .slice(0, firstExport)
      .filter((e) => e.kind === 'setSecret')
      .map((e) => e.text)
    const secrets = Object.values(rec.exported).filter((value) => value.includes(KEY_VALUE))
    expect(secrets.length).toBe(5)
    for (const value of secrets) {
      // the key alone is masked by the step before the registries apply; the forms that hold more here
      if (value !== KEY_VALUE) expect(masked).toContain(value)
    }
    expect(rec.exported).toEqual({
      NuGetPackageSourceCredentials_cloudsmith: `Username=token;Password=${KEY_VALUE}`,
      GOPROXY: `https://token:${KEY_VALUE}@golang.cloudsmith.io/acme/go-private/`,
      GONOSUMDB: 'git.example.org,example.com/acme/*',
      BUNDLE_DL__CLOUDSMITH__IO: `token:${KEY_VALUE}`,
      GEM_HOST_API_KEY: KEY_VALUE,
      RUBYGEMS_HOST: 'https://ruby.cloudsmith.io/acme/gems-private',
      TF_TOKEN_terraform_cloudsmith_io: `acme/tf-modules/${KEY_VALUE}`
    })
    expect(rec.state['registries']).not.toContain(KEY_VALUE)
  })

  test("post clears what still holds this step's value, puts earlier values back, leaves what a later step set", () => {
    const { rec } = applied()
    const record = parseRecord(rec.state['registries'] ?? '', {
      tempDir: tmpdir(),
      platform: process.platform
    })
    if (record === undefined || record instanceof Error) throw new Error('no record saved')
    const later = { ...rec.exported, GEM_HOST_API_KEY: 'a-later-step-set-this' }
    const post = recorder()
    undoRecord(record, { io: post, system: createSystem({ env: later }), deadline: DEADLINE })
    expect(post.exported).toEqual({
      TF_TOKEN_terraform_cloudsmith_io: '',
      RUBYGEMS_HOST: 'https://gems.example.org',
      BUNDLE_DL__CLOUDSMITH__IO: '',
      GONOSUMDB: 'git.example.org',
      GOPROXY: '',
      NuGetPackageSourceCredentials_cloudsmith: ''
    })
    expect(post.log()).toContain(
      "info: GEM_HOST_API_KEY no longer holds this step's value (a later step set it); left as it is."
    )
  })

  test('the dry run prints every variable with the key as ***', () => {
    const text = dryRunLines(plansOf(lines, before)).map((line) => line.text)
    expect(text).toEqual(
      expect.arrayContaining([
        '    export NuGetPackageSourceCredentials_cloudsmith=Username=token;Password=***',
        '    export GOPROXY=https://token:***@golang.cloudsmith.io/acme/go-private/',
        '    export GONOSUMDB=git.example.org,example.com/acme/*',
        '    export BUNDLE_DL__CLOUDSMITH__IO=token:***',
        '    export GEM_HOST_API_KEY=***',
        '    export RUBYGEMS_HOST=https://ruby.cloudsmith.io/acme/gems-private',
        '    export TF_TOKEN_terraform_cloudsmith_io=acme/tf-modules/***'
      ])
    )
    expect(text.join('\n')).not.toContain(KEY_VALUE)
  })

  test('the four modules are env-only: a repository, no program, no file, the same plan on every runner', () => {
    const modules: FormatModule[] = [nuget, go, ruby, terraform]
    for (const module of modules) {
      expect([module.repository, module.programs]).toEqual(['required', []])
      expect(FORMATS.get(module.format)).toBe(module)
    }
    for (const plan of plansOf(lines)) {
      const module = FORMATS.get(plan.request.format) as FormatModule
      const windows: PlanContext = runnerContext({}, 'win32')
      expect(module.plan(plan.request, windows)).toEqual(plan)
    }
  })
})

test('a request without a repository (the parser never makes one) plans without a crash', () => {
  const request = {
    line: 1,
    text: 'x',
    owner: 'acme',
    repository: undefined,
    options: new Map<string, string>()
  }
  expect(nuget.plan({ ...request, format: 'nuget' }, runnerContext())).toEqual(
    expect.objectContaining({
      title:
        "nuget: credentials for the package source 'cloudsmith' (https://nuget.cloudsmith.io/acme//v3/index.json)"
    })
  )
  expect(terraform.plan({ ...request, format: 'terraform' }, runnerContext())).toEqual(
    expect.objectContaining({
      title: 'terraform: token for terraform.cloudsmith.io (repository acme/)'
    })
  )
})
