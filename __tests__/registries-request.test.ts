/**
 * The `registries` input as parseInputs reads it: every rule fails with a message that names the
 * line (number and text), all problems at once, together with the other inputs' problems.
 */
import { describe, expect, test } from '@jest/globals'
import { InputError, parseInputs, type Inputs, type ProgramLookup } from '../src/inputs.js'
import { docker } from '../src/registries/docker.js'
import { FORMATS } from '../src/registries/formats.js'
import type { FormatModule } from '../src/registries/plan.js'
import { hostProblem, parseRegistries } from '../src/registries/request.js'
import { slugProblem } from '../src/inputs.js'

/** Every format the table knows, as the message lists them. */
const FORMAT_NAMES = [...FORMATS.keys()].join(', ')

const base = { org: 'acme', 'service-slug': 'ci-publisher' }
const onPath: ProgramLookup = { findProgram: (name: string) => `/usr/bin/${name}` }
const parse = (
  registries: string,
  extra: Record<string, string> = {},
  programs: ProgramLookup = onPath
): Inputs => parseInputs((name) => ({ ...base, registries, ...extra })[name] ?? '', programs)
const problems = (
  registries: string,
  extra: Record<string, string> = {},
  programs: ProgramLookup = onPath
): readonly string[] => {
  try {
    parse(registries, extra, programs)
  } catch (error) {
    if (error instanceof InputError) return [...error.problems, ...error.conflicts]
    throw error
  }
  throw new Error('expected an InputError')
}

describe('registries: what is accepted', () => {
  test('empty: no registries, and nothing looked up on PATH', () => {
    const looked: string[] = []
    const inputs = parse(
      '',
      {},
      {
        findProgram: (name) => {
          looked.push(name)
          return undefined
        }
      }
    )
    expect(inputs.registries).toEqual([])
    expect(parse('\n  \n# only a comment\n').registries).toEqual([])
    expect(looked).toEqual([])
  })

  test('docker with defaults, with options; blank lines and comments keep line numbers', () => {
    const inputs = parse(
      [
        '# the registries of this job',
        '',
        '  docker  ',
        'docker host=docker.example.com:5000 username=ci-bot'
      ].join('\n')
    )
    expect(inputs.registries).toEqual([
      {
        line: 3,
        text: 'docker',
        format: 'docker',
        owner: 'acme',
        repository: undefined,
        options: new Map()
      },
      {
        line: 4,
        text: 'docker host=docker.example.com:5000 username=ci-bot',
        format: 'docker',
        owner: 'acme',
        repository: undefined,
        options: new Map([
          ['host', 'docker.example.com:5000'],
          ['username', 'ci-bot']
        ])
      }
    ])
  })

  test('CRLF line ends and tabs between words', () => {
    expect(parse('docker\thost=127.0.0.1:5000\r\n').registries[0]?.options.get('host')).toBe(
      '127.0.0.1:5000'
    )
  })
})

describe('registries: every rule names the line', () => {
  test('unknown format, with the list of formats', () => {
    expect(problems('docker\nconda releases')).toEqual([
      `Input 'registries' line 2 (conda releases): unknown format 'conda'; the formats are ${FORMAT_NAMES}.`
    ])
  })

  test('unknown key, saying which keys the format accepts', () => {
    expect(problems('docker scope=@acme')).toEqual([
      "Input 'registries' line 1 (docker scope=@acme): unknown key 'scope'; docker accepts host (the registry's host (default docker.cloudsmith.io; an organization's custom domain)), username (the user name to log in as (default token))."
    ])
  })

  test('duplicate key', () => {
    expect(problems('docker host=a.example.com host=b.example.com')).toEqual([
      "Input 'registries' line 1 (docker host=a.example.com host=b.example.com): 'host' is given twice."
    ])
  })

  test('a word that is not key=value, and an empty value', () => {
    expect(problems('docker host=a.example.com =x\ndocker username=')).toEqual([
      "Input 'registries' line 1 (docker host=a.example.com =x): '=x' is not key=value; use 'docker [host=HOST] [username=USERNAME]'.",
      "Input 'registries' line 2 (docker username=): 'username' is empty; it takes the user name to log in as (default token)."
    ])
  })

  test('a repository where the format takes none', () => {
    expect(problems('docker my-repo')).toEqual([
      "Input 'registries' line 1 (docker my-repo): docker takes no repository ('my-repo'); use 'docker [host=HOST] [username=USERNAME]'."
    ])
  })

  test.each([
    ['https://docker.example.com', 'has a scheme'],
    ['docker.example.com/v2', 'holds a path'],
    ['user@docker.example.com', "holds a user part ('@')"],
    ['docker.example.com:0', 'has port 0; a port is 1 to 65535.'],
    ['docker.example.com:70000', 'has port 70000; a port is 1 to 65535.'],
    ['-docker.example.com', 'is not a host name'],
    ['docker..example.com', 'is not a host name'],
    ['999.1.1.1', 'is an IPv4 address written other than as four decimal numbers'],
    ['[::1]:5000', 'is not a host name'],
    ['docker.example.com:', 'is not a host name']
  ])('bad host %s', (host, why) => {
    const [problem] = problems(`docker host=${host}`)
    expect(problem).toContain(`Input 'registries' line 1 (docker host=${host}): host=${host} `)
    expect(problem).toContain(why)
  })

  test('whitespace cannot reach a host: a space ends the word', () => {
    expect(problems('docker host= docker.example.com')[0]).toContain("'host' is empty")
  })

  test("the format's own validate(): a bad docker username", () => {
    expect(problems('docker username=a:b')).toEqual([
      "Input 'registries' line 1 (docker username=a:b): username=a:b is not a user name: letters, digits, '_', '.', '@', '+' and '-', starting with a letter or digit, at most 128."
    ])
  })

  test('a format given twice for the same host (case does not matter), the default host too', () => {
    expect(problems('docker\ndocker host=DOCKER.cloudsmith.io\ndocker host=b.example.com')).toEqual(
      [
        "Input 'registries' line 2 (docker host=DOCKER.cloudsmith.io): docker for DOCKER.cloudsmith.io is already configured on line 1, and the second line would undo the first. Fix: keep one docker line per host."
      ]
    )
  })

  test('a program not on PATH, looked up once', () => {
    const looked: string[] = []
    const none = {
      findProgram: (name: string) => {
        looked.push(name)
        return undefined
      }
    }
    expect(problems('docker\ndocker host=b.example.com', {}, none)).toEqual([
      "Input 'registries' line 1 (docker): docker signs in by running 'docker', and no 'docker' is on PATH (the runner image has none, or a later step installs it). Fix: install it in an earlier step, or use a runner image that has it.",
      "Input 'registries' line 2 (docker host=b.example.com): docker signs in by running 'docker', and no 'docker' is on PATH (the runner image has none, or a later step installs it). Fix: install it in an earlier step, or use a runner image that has it."
    ])
    expect(looked).toEqual(['docker'])
  })

  test('all problems at once, with the other inputs', () => {
    expect(problems('docker host=x/y\nhelm charts', { 'max-attempts': '0' })).toEqual([
      `Input 'max-attempts' is "0": use a whole number from 1 to 10.`,
      expect.stringContaining("Input 'registries' line 1 (docker host=x/y)"),
      expect.stringContaining("Input 'registries' line 2 (helm charts): unknown format 'helm'")
    ])
  })

  test('a line that holds runner commands is reported as text (the gate prints it)', () => {
    const [problem] = problems('::stop-commands::x')
    expect(problem).toBe(
      `Input 'registries' line 1 (::stop-commands::x): unknown format '::stop-commands::x'; the formats are ${FORMAT_NAMES}.`
    )
  })
})

describe('repositories (for formats that take one)', () => {
  const withRepo: FormatModule = {
    ...docker,
    format: 'npm',
    repository: 'required',
    options: { scope: 'an npm scope' },
    programs: [],
    hosts: () => ['npm.cloudsmith.io']
  }
  const rules = {
    org: 'acme',
    formats: new Map([['npm', withRepo]]),
    slugProblem,
    findProgram: () => undefined
  }

  test('REPO belongs to org; OWNER/REPO to OWNER', () => {
    const parsed = parseRegistries('npm npm-private\nnpm other-org/npm-public scope=@x', {
      ...rules,
      formats: new Map([['npm', { ...withRepo, hosts: () => [] }]])
    })
    expect(parsed.problems).toEqual([])
    expect(parsed.requests.map((r) => [r.owner, r.repository])).toEqual([
      ['acme', 'npm-private'],
      ['other-org', 'npm-public']
    ])
  })

  test('missing or malformed', () => {
    expect(
      parseRegistries('npm\nnpm a/b/c\nnpm -bad\nnpm x..y/repo\nnpm scope=@x', rules).problems
    ).toEqual([
      "Input 'registries' line 1 (npm): a repository is missing; use 'npm REPOSITORY [scope=SCOPE]'.",
      "Input 'registries' line 2 (npm a/b/c): the repository 'a/b/c' has more than one '/'; use REPO or OWNER/REPO ('npm REPOSITORY [scope=SCOPE]').",
      "Input 'registries' line 3 (npm -bad): the repository '-bad' is not a slug: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'.",
      "Input 'registries' line 4 (npm x..y/repo): the owner 'x..y' is not a slug: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'.",
      "Input 'registries' line 5 (npm scope=@x): a repository is missing; use 'npm REPOSITORY [scope=SCOPE]'."
    ])
  })
})

describe('hostProblem', () => {
  test.each(['docker.cloudsmith.io', 'localhost', '127.0.0.1:5000', 'a-b.example.com:443', 'x'])(
    '%s is a host',
    (host) => expect(hostProblem(host)).toBeUndefined()
  )
})

describe('hostProblem: an IPv4 address only in its usual form', () => {
  test.each([
    '0x7f.1',
    '127.1',
    '0x7f000001',
    '2130706433',
    '017.0.0.1',
    '1.2.3.04',
    '1.2.3.0x4',
    'a.b.0x'
  ])('%s, which a URL parser reads as an IPv4 address, is refused', (host) =>
    expect(hostProblem(host)).toMatch(/is an IPv4 address written other than as four/)
  )

  test.each(['10.0.0.1', 'docker.1abc', 'x1.example.com', '0x.example.com'])(
    '%s is accepted',
    (host) => expect(hostProblem(host)).toBeUndefined()
  )
})

describe('refusals are bounded, whatever the input holds', () => {
  test('a 50 KB line: a few problems, each quoting at most an excerpt, and a count of the rest', () => {
    const line = `docker ${'a=b '.repeat(12_500)}`.trim()
    const started = Date.now()
    const found = problems(`${line}\nnpm ${'x'.repeat(50_000)}\ndocker host=${'h'.repeat(50_000)}`)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(found.length).toBeLessThanOrEqual(21)
    expect(found.join('\n').length).toBeLessThan(8_000)
    expect(found[0]).toMatch(
      /^Input 'registries' line 1 \(docker a=b a=b .*… \(\d+ characters\)\): unknown key 'a'; docker accepts/
    )
    expect(found).toContain(
      '... and 12495 more problem(s) on that line, not shown; fix the ones above first.'
    )
    expect(
      found.some((p) => p.includes(`the repository '${'x'.repeat(60)}… (50000 characters)'`))
    ).toBe(true)
  })

  test('many bad lines: at most twenty problems, then a count of the rest', () => {
    const found = problems(Array.from({ length: 500 }, () => 'nosuchformat').join('\n'))
    expect(found).toHaveLength(21)
    expect(found[20]).toBe(
      "... and 480 more problem(s) in 'registries', not shown; fix the ones above first."
    )
  })
})
