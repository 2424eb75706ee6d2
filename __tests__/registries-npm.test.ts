/**
 * The npm planner, exactly: the user config it writes (and carries over), the variables it
 * exports and what post puts back, its refusals (each naming the registries line and, for a clash,
 * the existing file's line, never its value), on Linux, macOS and Windows paths. The real clients
 * read these files in npm-clients.test.ts and e2e-npm.test.ts.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { InputError, parseInputs, type ProgramLookup } from '../src/inputs.js'
import { iniEntries, npm, planNpm } from '../src/registries/npm.js'
import { KEY, type Plan, type PlanContext, type RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'
import { FORMATS } from '../src/registries/formats.js'
import { lineName } from '../src/registries/request.js'

const STEP = '__cloudsmith-io_cloudsmith-oidc-action'
const TOKEN_LINE = '${CLOUDSMITH_API_KEY}'

function request(line: number, text: string, owner = 'acme'): RegistryRequest {
  const [, slug = '', ...words] = text.split(' ')
  const [ownerPart, repository] = slug.includes('/') ? slug.split('/') : [owner, slug]
  return {
    line,
    text,
    format: 'npm',
    owner: ownerPart as string,
    repository,
    options: new Map(words.map((word) => word.split('=') as [string, string]))
  }
}

function context(
  files: Record<string, string> = {},
  overrides: Partial<PlanContext> = {}
): PlanContext {
  return {
    platform: 'linux',
    tempDir: '/home/runner/work/_temp',
    homeDir: '/home/runner',
    env: { GITHUB_ACTION: STEP },
    exportEnv: true,
    readFile: (path) => files[path],
    ...overrides
  }
}

function plans(requests: RegistryRequest[], ctx: PlanContext = context()): readonly Plan[] {
  const planned = planNpm(requests, ctx)
  if ('problems' in planned) throw new Error(planned.problems.join('\n'))
  return planned
}

function problems(requests: RegistryRequest[], ctx: PlanContext = context()): readonly string[] {
  const planned = planNpm(requests, ctx)
  if (!('problems' in planned)) throw new Error('expected problems')
  return planned.problems
}

function fileOf(planned: readonly Plan[]): { path: string; content: string } {
  const step = planned[0]?.steps.find((candidate) => candidate.kind === 'file')
  if (step?.kind !== 'file') throw new Error('no file step')
  return step
}

const HEADER = [
  '; npm and pnpm user config written by cloudsmith-oidc-action for this job; its post step removes it.',
  '; No key is stored here: npm and pnpm read ${CLOUDSMITH_API_KEY} from the environment.'
]

describe('npm: the user config', () => {
  test('the default host, a scope: token line and scope registry, NPM_CONFIG_USERCONFIG exported', () => {
    const planned = plans([request(1, 'npm npm-private scope=@acme')])
    expect(planned).toEqual([
      {
        request: request(1, 'npm npm-private scope=@acme'),
        title: 'npm: @acme from https://npm.cloudsmith.io/acme/npm-private/',
        steps: [
          {
            kind: 'file',
            path: `/home/runner/work/_temp/cloudsmith-oidc-npmrc-${STEP}.npmrc`,
            content: [
              ...HEADER,
              `//npm.cloudsmith.io/acme/npm-private/:_authToken=${TOKEN_LINE}`,
              '@acme:registry=https://npm.cloudsmith.io/acme/npm-private/',
              ''
            ].join('\n')
          },
          {
            kind: 'env',
            name: 'NPM_CONFIG_USERCONFIG',
            value: [`/home/runner/work/_temp/cloudsmith-oidc-npmrc-${STEP}.npmrc`],
            secret: false,
            restore: ''
          }
        ],
        notes: [
          `npm and pnpm read NPM_CONFIG_USERCONFIG=/home/runner/work/_temp/cloudsmith-oidc-npmrc-${STEP}.npmrc; the token line refers to ${TOKEN_LINE}. There was no user config at /home/runner/.npmrc to carry over.`,
          'A project .npmrc that sets the same registry or token takes precedence over the user config.'
        ]
      }
    ])
  })

  test('the key is never in a plan: no KEY in any value, only the variable reference', () => {
    const planned = plans([request(1, 'npm npm-private')])
    for (const step of planned[0]?.steps ?? []) {
      if (step.kind === 'env') expect(step.value).not.toContain(KEY)
    }
    expect(fileOf(planned).content).toContain(`:_authToken=${TOKEN_LINE}\n`)
  })

  test('without a scope the repository is the registry for every package', () => {
    const planned = plans([request(1, 'npm npm-private')])
    expect(planned[0]?.title).toBe(
      'npm: every package from https://npm.cloudsmith.io/acme/npm-private/'
    )
    expect(fileOf(planned).content).toContain(
      '\nregistry=https://npm.cloudsmith.io/acme/npm-private/\n'
    )
  })

  test('OWNER/REPO takes the owner from the line', () => {
    const planned = plans([request(1, 'npm other-org/tools scope=@tools')])
    expect(fileOf(planned).content).toContain(
      `//npm.cloudsmith.io/other-org/tools/:_authToken=${TOKEN_LINE}\n@tools:registry=https://npm.cloudsmith.io/other-org/tools/\n`
    )
  })

  test('a custom domain: the organization leaves the path; the host as npm sees it', () => {
    for (const [host, seen] of [
      ['npm.Example.COM', 'npm.example.com'],
      ['npm.example.com:443', 'npm.example.com'],
      ['127.0.0.1:8443', '127.0.0.1:8443']
    ]) {
      const planned = plans([request(1, `npm npm-private scope=@acme host=${host}`)])
      expect(planned[0]?.title).toBe(`npm: @acme from https://${seen}/npm-private/`)
      expect(fileOf(planned).content).toContain(
        `//${seen}/npm-private/:_authToken=${TOKEN_LINE}\n@acme:registry=https://${seen}/npm-private/\n`
      )
      expect(npm.hosts(request(1, `npm npm-private host=${host}`))).toEqual([
        `${seen}/npm-private/`
      ])
    }
    expect(npm.hosts(request(1, 'npm npm-private'))).toEqual([
      'npm.cloudsmith.io/acme/npm-private/'
    ])
  })

  test('several npm lines: one file, every line in it, one NPM_CONFIG_USERCONFIG', () => {
    const planned = plans([
      request(2, 'npm npm-private scope=@acme'),
      request(4, 'npm tools scope=@tools'),
      request(5, 'npm mirror')
    ])
    expect(planned.map((plan) => plan.request.line)).toEqual([2, 4, 5])
    expect(planned.map((plan) => plan.steps.length)).toEqual([2, 0, 0])
    expect(planned[1]?.notes).toEqual(['Written into the same user config as line 2.'])
    expect(fileOf(planned).content).toBe(
      [
        ...HEADER,
        `//npm.cloudsmith.io/acme/npm-private/:_authToken=${TOKEN_LINE}`,
        '@acme:registry=https://npm.cloudsmith.io/acme/npm-private/',
        `//npm.cloudsmith.io/acme/tools/:_authToken=${TOKEN_LINE}`,
        '@tools:registry=https://npm.cloudsmith.io/acme/tools/',
        `//npm.cloudsmith.io/acme/mirror/:_authToken=${TOKEN_LINE}`,
        'registry=https://npm.cloudsmith.io/acme/mirror/',
        ''
      ].join('\n')
    )
  })

  test('the core plans all npm lines at once, in line order among other formats', () => {
    const planned = planRegistries(
      [
        request(1, 'npm npm-private scope=@acme'),
        { ...request(2, 'docker'), format: 'docker', repository: undefined, options: new Map() },
        request(3, 'npm tools scope=@tools')
      ],
      context(),
      FORMATS
    )
    expect(planned.map((plan) => [plan.request.line, plan.request.format])).toEqual([
      [1, 'npm'],
      [2, 'docker'],
      [3, 'npm']
    ])
    expect(planned[0]?.steps.map((step) => step.kind)).toEqual(['file', 'env'])
    expect(planned[2]?.steps).toEqual([])
  })

  test('plan() for one line is planAll for that line', () => {
    const one = request(1, 'npm npm-private scope=@acme')
    expect(npm.plan(one, context())).toEqual(plans([one])[0])
    expect(npm.plan(one, context({}, { exportEnv: false }))).toHaveProperty('problems')
  })
})

describe('npm: carrying the existing user config over', () => {
  const existing = [
    '\uFEFF# my settings',
    'cafile=/etc/ssl/corp.pem',
    '@other:registry=https://npm.other.example/',
    '//npm.other.example/:_authToken=${OTHER_TOKEN}',
    'registry=https://registry.npmjs.org/',
    '[section]',
    'key=value',
    ''
  ].join('\r\n')

  test('~/.npmrc is carried over below this step lines, a replaced key commented out, restore empty', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context({ '/home/runner/.npmrc': existing })
    )
    expect(fileOf(planned).content).toBe(
      [
        ...HEADER,
        `//npm.cloudsmith.io/acme/npm-private/:_authToken=${TOKEN_LINE}`,
        'registry=https://npm.cloudsmith.io/acme/npm-private/',
        '',
        '; carried over from /home/runner/.npmrc:',
        '# my settings',
        'cafile=/etc/ssl/corp.pem',
        '@other:registry=https://npm.other.example/',
        '//npm.other.example/:_authToken=${OTHER_TOKEN}',
        '; replaced by cloudsmith-oidc-action: registry=https://registry.npmjs.org/',
        '[section]',
        'key=value',
        ''
      ].join('\n')
    )
    expect(planned[0]?.notes).toContain(
      "Line 5 of /home/runner/.npmrc set registry; this step's setting replaces it for the rest of the job."
    )
    expect(planned[0]?.steps[1]).toMatchObject({ name: 'NPM_CONFIG_USERCONFIG', restore: '' })
  })

  test('a scoped line keeps the user registry= and replaces only its own scope', () => {
    const planned = plans(
      [request(1, 'npm npm-private scope=@other')],
      context({ '/home/runner/.npmrc': existing })
    )
    const content = fileOf(planned).content
    expect(content).toContain('\nregistry=https://registry.npmjs.org/\n')
    expect(content).toContain(
      '\n; replaced by cloudsmith-oidc-action: @other:registry=https://npm.other.example/\n'
    )
  })

  test('a key of ours under a [section] (npm ignores it, another reader may not) is commented out too', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context({ '/home/runner/.npmrc': '[x]\nregistry=https://elsewhere/\n' })
    )
    expect(fileOf(planned).content).toContain(
      '\n[x]\n; replaced by cloudsmith-oidc-action: registry=https://elsewhere/\n'
    )
  })

  test('NPM_CONFIG_USERCONFIG (setup-node wrote one) is carried over and put back by post', () => {
    const setupNode = '/home/runner/work/_temp/.npmrc'
    const planned = plans(
      [request(1, 'npm npm-private scope=@acme')],
      context(
        { [setupNode]: 'always-auth=true\n', '/home/runner/.npmrc': 'not=read\n' },
        { env: { GITHUB_ACTION: STEP, NPM_CONFIG_USERCONFIG: setupNode } }
      )
    )
    expect(fileOf(planned).content).toContain(
      `\n; carried over from ${setupNode}:\nalways-auth=true\n`
    )
    expect(fileOf(planned).content).not.toContain('not=read')
    expect(planned[0]?.steps[1]).toMatchObject({
      name: 'NPM_CONFIG_USERCONFIG',
      restore: setupNode
    })
  })

  test('npm_config_userconfig in lower case: read, and exported in that case too (npm reads both)', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context(
        { '/cfg/npmrc': 'fund=false\n' },
        { env: { GITHUB_ACTION: STEP, npm_config_userconfig: '/cfg/npmrc' } }
      )
    )
    expect(fileOf(planned).content).toContain('fund=false')
    const file = fileOf(planned).path
    expect(planned[0]?.steps.slice(1)).toEqual([
      { kind: 'env', name: 'NPM_CONFIG_USERCONFIG', value: [file], secret: false, restore: '' },
      {
        kind: 'env',
        name: 'npm_config_userconfig',
        value: [file],
        secret: false,
        restore: '/cfg/npmrc'
      }
    ])
  })

  test('an empty NPM_CONFIG_USERCONFIG is unset for npm: ~/.npmrc is read, restore is empty', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context(
        { '/home/runner/.npmrc': 'fund=false\n' },
        { env: { GITHUB_ACTION: STEP, NPM_CONFIG_USERCONFIG: '' } }
      )
    )
    expect(fileOf(planned).content).toContain(
      '; carried over from /home/runner/.npmrc:\nfund=false\n'
    )
    expect(planned[0]?.steps[1]).toMatchObject({ restore: '' })
  })

  test('~/ in NPM_CONFIG_USERCONFIG is the home folder', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context(
        { '/home/runner/cfg/.npmrc': 'fund=false\n' },
        { env: { GITHUB_ACTION: STEP, NPM_CONFIG_USERCONFIG: '~/cfg/.npmrc' } }
      )
    )
    expect(fileOf(planned).content).toContain('carried over from /home/runner/cfg/.npmrc')
  })

  test('a second use of the action in the job: its token line is not a clash, the file name is new', () => {
    const first = `/home/runner/work/_temp/cloudsmith-oidc-npmrc-${STEP}.npmrc`
    const firstText = [
      ...HEADER,
      `//npm.cloudsmith.io/acme/npm-private/:_authToken=${TOKEN_LINE}`,
      '@acme:registry=https://npm.cloudsmith.io/acme/npm-private/',
      ''
    ].join('\n')
    const planned = plans(
      [request(1, 'npm npm-private scope=@acme')],
      context(
        { [first]: firstText },
        { env: { GITHUB_ACTION: STEP, NPM_CONFIG_USERCONFIG: first } }
      )
    )
    expect(fileOf(planned).path).toBe(
      `/home/runner/work/_temp/cloudsmith-oidc-npmrc-${STEP}-2.npmrc`
    )
    expect(fileOf(planned).content).toContain(
      `; replaced by cloudsmith-oidc-action: //npm.cloudsmith.io/acme/npm-private/:_authToken=${TOKEN_LINE}`
    )
    expect(planned[0]?.steps[1]).toMatchObject({ restore: first })
  })

  test('two different user configs named in the environment: refused, naming both variables', () => {
    expect(
      problems(
        [request(1, 'npm npm-private')],
        context({}, { env: { NPM_CONFIG_USERCONFIG: '/a', npm_config_userconfig: '/b' } })
      )
    ).toEqual([
      "Input 'registries' line 1 (npm npm-private): the environment names more than one npm user config (NPM_CONFIG_USERCONFIG, npm_config_userconfig); npm reads whichever comes last in the environment, so this step cannot tell which one to carry over. Set only one of them."
    ])
  })
})

describe('npm: a credential already there is refused, never replaced', () => {
  const clash = (text: string, line = 'npm npm-private scope=@acme'): readonly string[] =>
    problems([request(3, line)], context({ '/home/runner/.npmrc': text }))

  test('the same path: the registries line and the file line named, never the value', () => {
    const found = clash(
      'fund=false\n\n//npm.cloudsmith.io/acme/npm-private/:_authToken=s3cr3t-value\n'
    )
    expect(found).toEqual([
      "Input 'registries' line 3 (npm npm-private scope=@acme): line 3 of the existing npm user config /home/runner/.npmrc already holds a credential (_authToken) for //npm.cloudsmith.io/acme/npm-private/, and this step will not write a second one. Remove that line (or that file from NPM_CONFIG_USERCONFIG), or drop this registries line and keep your own."
    ])
    expect(found.join('\n')).not.toContain('s3cr3t')
  })

  test('every credential form npm matches on the path: _auth, username, _password, no slash, below it, quoted, any host case', () => {
    for (const [text, field] of [
      ['//npm.cloudsmith.io/acme/npm-private/:_auth=eA==', '_auth'],
      ['//npm.cloudsmith.io/acme/npm-private/:username=me', 'username'],
      ['//npm.cloudsmith.io/acme/npm-private/:_password=cA==', '_password'],
      ['//npm.cloudsmith.io/acme/npm-private:_authToken=x', '_authToken'],
      ['//npm.cloudsmith.io/acme/npm-private/deeper/:_authToken=x', '_authToken'],
      ['  "//npm.cloudsmith.io/acme/npm-private/:_authToken" = x', '_authToken'],
      ['//NPM.Cloudsmith.IO/acme/npm-private/:_authToken=x', '_authToken']
    ] as const) {
      const found = clash(text)
      expect(found).toHaveLength(1)
      expect(found[0]).toContain(`line 1 of the existing npm user config`)
      expect(found[0]).toContain(`(${field})`)
    }
  })

  test('not a clash: the whole host, another repository, a comment, a [section], a certificate', () => {
    const text = [
      '//npm.cloudsmith.io/:_authToken=host-wide',
      '//npm.cloudsmith.io/acme/other-repo/:_authToken=x',
      '//npm.cloudsmith.io/acme/npm-private-2/:_authToken=x',
      '; //npm.cloudsmith.io/acme/npm-private/:_authToken=commented',
      '//npm.cloudsmith.io/acme/npm-private/:certfile=/c.pem',
      '//npm.cloudsmith.io/acme/npm-private/:always-auth=true',
      '[old]',
      '//npm.cloudsmith.io/acme/npm-private/:_authToken=in-a-section',
      ''
    ].join('\n')
    const planned = plans(
      [request(1, 'npm npm-private scope=@acme')],
      context({ '/home/runner/.npmrc': text })
    )
    // carried over as it was, but for the line that sets our key in the section: commented out
    expect(fileOf(planned).content).toContain(
      text.replace(
        '//npm.cloudsmith.io/acme/npm-private/:_authToken=in-a-section',
        '; replaced by cloudsmith-oidc-action: //npm.cloudsmith.io/acme/npm-private/:_authToken=in-a-section'
      )
    )
  })

  test('an indented [section] is a key to npm: the credential after it is top level, a clash', () => {
    for (const header of ['  [old]', '\t[old]', ' [old] ']) {
      const found = clash(`${header}\n//npm.cloudsmith.io/acme/npm-private/:_authToken=OLD-KEY\n`)
      expect(found).toEqual([
        "Input 'registries' line 3 (npm npm-private scope=@acme): line 2 of the existing npm user config /home/runner/.npmrc already holds a credential (_authToken) for //npm.cloudsmith.io/acme/npm-private/, and this step will not write a second one. Remove that line (or that file from NPM_CONFIG_USERCONFIG), or drop this registries line and keep your own."
      ])
      expect(found.join('\n')).not.toContain('OLD-KEY')
    }
  })

  test('our keys carried over are commented out wherever they sit: top level, after an indented [x], in a section', () => {
    const text = [
      '@acme:registry=https://old.example.com/',
      '  [old]',
      '@acme:registry=https://older.example.com/',
      '[real]',
      '@acme:registry=https://oldest.example.com/',
      'fund=false'
    ].join('\n')
    const content = fileOf(
      plans([request(1, 'npm npm-private scope=@acme')], context({ '/home/runner/.npmrc': text }))
    ).content
    for (const line of [1, 3, 5]) {
      expect(content).toContain(
        `; replaced by cloudsmith-oidc-action: ${text.split('\n')[line - 1] as string}`
      )
    }
    expect(content).toContain('\n  [old]\n')
    expect(content).toContain('\nfund=false\n')
  })

  test('the environment: a registry or credential variable npm reads before any file is refused', () => {
    const env = (extra: Record<string, string>): PlanContext =>
      context({}, { env: { GITHUB_ACTION: STEP, ...extra } })
    expect(
      problems([request(1, 'npm npm-private')], env({ NPM_CONFIG_REGISTRY: 'https://r/' }))
    ).toEqual([
      "Input 'registries' line 1 (npm npm-private): the environment sets NPM_CONFIG_REGISTRY, which npm and pnpm read before any config file, so the registry this line sets would not be used. Remove NPM_CONFIG_REGISTRY from the job's env, or give this line a scope= of its own."
    ])
    expect(
      problems(
        [request(1, 'npm npm-private scope=@acme')],
        env({ 'npm_config_@acme:registry': 'https://r/' })
      )
    ).toHaveLength(1)
    expect(
      problems(
        [request(1, 'npm npm-private scope=@acme')],
        env({ 'npm_config_//npm.cloudsmith.io/acme/npm-private/:_authToken': 'x' })
      )[0]
    ).toContain(
      'a credential for //npm.cloudsmith.io/acme/npm-private/ that npm reads before any config file'
    )
    // a scoped line does not care about the default registry; an empty variable is unset for npm
    expect(
      plans([request(1, 'npm npm-private scope=@acme')], env({ NPM_CONFIG_REGISTRY: 'https://r/' }))
    ).toHaveLength(1)
    expect(plans([request(1, 'npm npm-private')], env({ NPM_CONFIG_REGISTRY: '' }))).toHaveLength(1)
  })
})

describe('npm: refusals between lines and settings', () => {
  test('export-env: false is refused for every npm line, saying why and what to do', () => {
    expect(problems([request(1, 'npm npm-private')], context({}, { exportEnv: false }))).toEqual([
      "Input 'registries' line 1 (npm npm-private): npm needs export-env: true. The user config this step writes refers to the key as ${CLOUDSMITH_API_KEY}, which npm and pnpm read from the environment of later steps; with export-env: false the variable is not there. Set export-env: true, or write your own .npmrc from the token output."
    ])
  })

  test('a scope twice, two lines without a scope, a repository twice', () => {
    expect(problems([request(1, 'npm a scope=@acme'), request(2, 'npm b scope=@acme')])).toEqual([
      "Input 'registries' line 2 (npm b scope=@acme): line 1 already sets the registry for @acme; npm takes one registry per scope, so give each npm line its own scope=."
    ])
    expect(problems([request(1, 'npm a'), request(2, 'npm b')])[0]).toContain(
      'line 1 already sets the registry for every package (no scope=)'
    )
    expect(problems([request(1, 'npm a scope=@x'), request(2, 'npm a scope=@y')])[0]).toContain(
      'line 1 already configures the npm registry https://npm.cloudsmith.io/acme/a/'
    )
  })

  test('scope: npm rules, checked with the other inputs before any request', () => {
    const onPath: ProgramLookup = { findProgram: (name) => `/usr/bin/${name}` }
    const problemsOf = (registries: string): readonly string[] => {
      try {
        parseInputs(
          (name) => ({ org: 'acme', 'service-slug': 'ci', registries })[name] ?? '',
          onPath
        )
      } catch (error) {
        if (error instanceof InputError) return [...error.problems, ...error.conflicts]
        throw error
      }
      return []
    }
    for (const good of ['@acme', '@a', '@my-org.js', '@0day', '@a_b']) {
      expect(problemsOf(`npm repo scope=${good}`)).toEqual([])
    }
    for (const bad of [
      'acme',
      '@Acme',
      '@.acme',
      '@_acme',
      '@',
      '@a/b',
      '@a:b',
      `@${'a'.repeat(214)}`
    ]) {
      expect(problemsOf(`npm repo scope=${bad}`)).toEqual([
        `${lineName({ line: 1, text: `npm repo scope=${bad}` })}: scope=${bad} is not an npm scope: use @ and a name of lower-case letters, digits, '-', '.' and '_' that does not start with '.' or '_', such as scope=@acme.`
      ])
    }
    expect(problemsOf('npm')).toEqual([
      "Input 'registries' line 1 (npm): a repository is missing; use 'npm REPOSITORY [scope=SCOPE] [host=HOST] [domain=KIND]'."
    ])
  })
})

describe('npm: paths on every runner', () => {
  test('Windows: backslash paths under RUNNER_TEMP and USERPROFILE; one variable whatever its case', () => {
    const planned = plans(
      [request(1, 'npm npm-private scope=@acme')],
      context(
        { 'C:\\Users\\runneradmin\\.npmrc': 'fund=false\r\n' },
        {
          platform: 'win32',
          tempDir: 'D:\\a\\_temp',
          homeDir: 'C:\\Users\\runneradmin',
          env: { GITHUB_ACTION: STEP }
        }
      )
    )
    const path = `D:\\a\\_temp\\cloudsmith-oidc-npmrc-${STEP}.npmrc`
    expect(fileOf(planned).path).toBe(path)
    expect(fileOf(planned).content).toContain(
      '; carried over from C:\\Users\\runneradmin\\.npmrc:\nfund=false\n'
    )
    expect(planned[0]?.steps[1]).toEqual({
      kind: 'env',
      name: 'NPM_CONFIG_USERCONFIG',
      value: [path],
      secret: false,
      restore: ''
    })

    const setupNode = 'D:\\a\\_temp\\.npmrc'
    const lower = plans(
      [request(1, 'npm npm-private')],
      context(
        {},
        {
          platform: 'win32',
          tempDir: 'D:\\a\\_temp',
          homeDir: 'C:\\Users\\runneradmin',
          env: { GITHUB_ACTION: STEP, npm_config_userconfig: setupNode }
        }
      )
    )
    expect(lower[0]?.steps.slice(1)).toEqual([
      {
        kind: 'env',
        name: 'NPM_CONFIG_USERCONFIG',
        value: [expect.any(String)],
        secret: false,
        restore: setupNode
      }
    ])
  })

  test('macOS: /Users home, the runner temp folder', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context(
        { '/Users/runner/.npmrc': 'fund=false\n' },
        { platform: 'darwin', tempDir: '/Users/runner/work/_temp', homeDir: '/Users/runner' }
      )
    )
    expect(fileOf(planned).path).toBe(
      `/Users/runner/work/_temp/cloudsmith-oidc-npmrc-${STEP}.npmrc`
    )
    expect(fileOf(planned).content).toContain('carried over from /Users/runner/.npmrc')
  })

  test('the file name holds only characters every file system takes', () => {
    const planned = plans(
      [request(1, 'npm npm-private')],
      context({}, { env: { GITHUB_ACTION: 'a:b/c\\d*e?f"g<h>i|j k' } })
    )
    expect(fileOf(planned).path).toBe(
      '/home/runner/work/_temp/cloudsmith-oidc-npmrc-a_b_c_d_e_f_g_h_i_j_k.npmrc'
    )
    expect(fileOf(plans([request(1, 'npm r')], context({}, { env: {} }))).path).toBe(
      '/home/runner/work/_temp/cloudsmith-oidc-npmrc.npmrc'
    )
  })
})

describe('npm: the ini reader', () => {
  test('comments, sections, quotes, keys without a value, every line end', () => {
    expect(iniEntries('; c\r\n# c\r a = 1 \n[s]\n"q" = \'v\'\nflag\n')).toEqual([
      { line: 3, key: 'a', value: '1', topLevel: true },
      { line: 5, key: 'q', value: 'v', topLevel: false },
      { line: 6, key: 'flag', value: 'true', topLevel: false }
    ])
  })

  test("reads every line as npm's own ini package does (the one npm ships)", () => {
    const root = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim()
    const ini = createRequire(import.meta.url)(join(root, 'npm', 'node_modules', 'ini')) as {
      decode(text: string): Record<string, unknown>
    }
    const samples = [
      '  [old]\n//h/a/:_authToken=X\n',
      '\t[old]\na=1\n[real]\nb=2\n',
      '[real] \nc=3\n  d = 4 \n',
      '=starts-with-equals\ne=5\n',
      'f = value ; a comment\ng = a\\;b\\#c\\\\d\\x\n',
      '"h" = "quoted \\u0041"\n\'i\' = \'single\'\nj\n',
      '  ; comment\n# comment\n  # comment\nk=6\r\nl=7\rm=8\n',
      ' [x\nn=9\n[]\no=10\n'
    ]
    for (const text of samples) {
      const theirs = Object.fromEntries(
        Object.entries(ini.decode(text))
          .filter(([, value]) => typeof value !== 'object')
          .map(([key, value]) => [key, String(value)])
      )
      const ours: Record<string, string> = {}
      for (const entry of iniEntries(text)) if (entry.topLevel) ours[entry.key] = entry.value
      expect([text, ours]).toEqual([text, theirs])
    }
  })
})

describe('npm: nothing from outside becomes a setting (issue 18, L3)', () => {
  test('the carried-over path stands in one comment line, every line break and control escaped', () => {
    const path =
      '/home/runner/a\n//evil.example/:_authToken=${CLOUDSMITH_API_KEY}\rregistry=http://evil.example/\u2028b\u0000/.npmrc'
    const planned = plans(
      [request(1, 'npm npm-private')],
      context({ [path]: 'update-notifier=false\n' }, { env: { NPM_CONFIG_USERCONFIG: path } })
    )
    const content = fileOf(planned).content
    expect(content.split('\n')).toContain(
      '; carried over from /home/runner/a\\u000a//evil.example/:_authToken=${CLOUDSMITH_API_KEY}\\u000dregistry=http://evil.example/\\u2028b\\u0000/.npmrc:'
    )
    // what npm reads from it: this step's two settings and the carried-over one, nothing else
    const settings: Record<string, string> = {}
    for (const entry of iniEntries(content)) if (entry.topLevel) settings[entry.key] = entry.value
    expect(settings).toEqual({
      '//npm.cloudsmith.io/acme/npm-private/:_authToken': TOKEN_LINE,
      registry: 'https://npm.cloudsmith.io/acme/npm-private/',
      'update-notifier': 'false'
    })
  })
})
