import { describe, expect, test } from '@jest/globals'
import { InputError, parseInputs } from '../src/inputs.js'
import { withoutCredentials } from '../src/redact.js'

const base = { org: 'acme', 'service-slug': 'ci-publisher' }
const parse = (values: Record<string, string>) => parseInputs((name) => values[name] ?? '')
const problems = (values: Record<string, string>): readonly string[] => {
  try {
    parse(values)
  } catch (error) {
    if (error instanceof InputError) return [...error.problems, ...error.conflicts]
    throw error
  }
  throw new Error('expected an InputError')
}

describe('parseInputs', () => {
  test('defaults match action.yml', () => {
    expect(parse(base)).toEqual({
      org: 'acme',
      serviceSlug: 'ci-publisher',
      audience: undefined,
      apiUrl: 'https://api.cloudsmith.io',
      exportEnv: true,
      cleanup: true,
      maxAttempts: 5,
      timeoutMs: 30_000,
      totalTimeoutMs: 180_000,
      jobSummary: true,
      verify: false,
      dryRun: false,
      refresh: false,
      registries: []
    })
  })

  test('reads every input', () => {
    expect(
      parse({
        org: ' my.org_1 ',
        'service-slug': 'svc-2',
        audience: 'https://api.cloudsmith.io',
        'api-url': 'https://cloudsmith.example.com/api/',
        'export-env': 'false',
        cleanup: 'FALSE',
        'max-attempts': '10',
        'timeout-seconds': '1',
        'job-summary': 'False',
        verify: 'true',
        'dry-run': 'TRUE',
        refresh: 'True'
      })
    ).toEqual({
      org: 'my.org_1',
      serviceSlug: 'svc-2',
      audience: 'https://api.cloudsmith.io',
      apiUrl: 'https://cloudsmith.example.com/api',
      exportEnv: false,
      cleanup: false,
      maxAttempts: 10,
      timeoutMs: 1000,
      totalTimeoutMs: 180000,
      jobSummary: false,
      verify: true,
      dryRun: true,
      refresh: true,
      registries: []
    })
  })

  test('missing required inputs are named together', () => {
    expect(problems({})).toEqual([
      "Input 'org' is required and was empty.",
      "Input 'service-slug' is required and was empty."
    ])
  })

  test.each([['a..b'], ['.hidden'], ['-dash'], ['a/b'], ['a%2Fb'], ['a b'], ['ü'], ['..'], ['.']])(
    'org %j is not a slug',
    (org) => {
      expect(problems({ ...base, org })).toEqual([
        `Input 'org' is ${JSON.stringify(org)}: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'.`
      ])
    }
  )

  test('slugs are bounded in length', () => {
    expect(parse({ ...base, org: 'a'.repeat(128) }).org).toHaveLength(128)
    expect(problems({ ...base, 'service-slug': 'a'.repeat(129) })).toEqual([
      "Input 'service-slug' is 129 characters long; at most 128 are allowed."
    ])
  })

  test.each([
    [
      'http://api.cloudsmith.io',
      'use https (plain http is accepted only for a loopback address, for tests).'
    ],
    [
      'ftp://api.cloudsmith.io',
      'use https (plain http is accepted only for a loopback address, for tests).'
    ],
    [
      'api.cloudsmith.io',
      'not an absolute URL (expected something like https://api.cloudsmith.io).'
    ],
    ['https://user:pw@api.cloudsmith.io', 'credentials in the URL are not allowed.'],
    ['https://api.cloudsmith.io/?x=1', 'a query string is not allowed.'],
    ['https://api.cloudsmith.io/?', 'a query string is not allowed.'],
    ['https://api.cloudsmith.io/#top', 'a fragment is not allowed.'],
    ['https://u:p@ss#w/rd@api.cloudsmith.io/', 'credentials in the URL are not allowed.'],
    [
      'http://127.0.0.1.evil.example',
      'use https (plain http is accepted only for a loopback address, for tests).'
    ],
    // the URL parser drops these silently; the raw text would reach the log unlike the request
    ['https://api.cloud\nsmith.io', 'whitespace and control characters are not allowed.'],
    ['https://api.cloudsmith.io/\tv1', 'whitespace and control characters are not allowed.'],
    ['https://api.cloudsmith.io/a b', 'whitespace and control characters are not allowed.'],
    ['https://[::1]:8443', 'an IPv6 address literal is not supported; use a host name.'],
    ['http://[::1]:9', 'an IPv6 address literal is not supported; use a host name.']
  ])('api-url %j is refused', (url, why) => {
    expect(problems({ ...base, 'api-url': url })).toEqual([
      `Input 'api-url' is ${JSON.stringify(withoutCredentials(url))}: ${why}`
    ])
  })

  // issue 15 item 4: a refused api-url is named without what may be a credential
  test.each([
    ['https://user:pw@api.cloudsmith.io', 'https://***@api.cloudsmith.io'],
    ['https://api.cloudsmith.io/?token=S3cretPw0rd', 'https://api.cloudsmith.io/?***'],
    ['https://api.cloudsmith.io/#S3cretPw0rd', 'https://api.cloudsmith.io/#***'],
    ['https://u:p@ss#w/rd@api.cloudsmith.io/v1', 'https://***@api.cloudsmith.io/v1'],
    ['alice:1234/S3cretPw0rd@host', '***@host']
  ])('api-url %j is named %j, without its credentials', (url, named) => {
    const [problem] = problems({ ...base, 'api-url': url })
    expect(problem).toContain(`Input 'api-url' is "${named}": `)
    expect(problem).not.toMatch(/S3cretPw0rd|user|alice|pw@|ss#w/)
  })

  test('total-timeout-seconds: 180 by default, 1 to 3600, never less than timeout-seconds', () => {
    expect(parse(base).totalTimeoutMs).toBe(180_000)
    expect(parse({ ...base, 'total-timeout-seconds': '3600' }).totalTimeoutMs).toBe(3_600_000)
    expect(
      parse({ ...base, 'total-timeout-seconds': '5', 'timeout-seconds': '2' }).totalTimeoutMs
    ).toBe(5_000)
    expect(problems({ ...base, 'total-timeout-seconds': '3601' })).toEqual([
      `Input 'total-timeout-seconds' is "3601": use a whole number from 1 to 3600.`
    ])
    expect(problems({ ...base, 'total-timeout-seconds': '20' })).toEqual([
      `Input 'total-timeout-seconds' (20) is less than 'timeout-seconds' (30): the step's budget must hold at least one whole request.`
    ])
  })

  test.each([
    ['HTTPS://API.Cloudsmith.IO/', 'https://api.cloudsmith.io'],
    ['https://api.cloudsmith.io:443//', 'https://api.cloudsmith.io'],
    ['https://cloudsmith.example.com/api/./v/', 'https://cloudsmith.example.com/api/v']
  ])('api-url %j is used as parsed: %s', (raw, used) => {
    expect(parse({ ...base, 'api-url': raw }).apiUrl).toBe(used)
  })

  test.each(['http://127.0.0.1:8080', 'http://localhost:1'])(
    'plain http is accepted for loopback %s',
    (url) => {
      expect(parse({ ...base, 'api-url': url }).apiUrl).toBe(url)
    }
  )

  test.each([
    ['max-attempts', '0', 1, 10],
    ['max-attempts', '11', 1, 10],
    ['max-attempts', '2.5', 1, 10],
    ['max-attempts', 'five', 1, 10],
    ['timeout-seconds', '0', 1, 300],
    ['timeout-seconds', '301', 1, 300],
    ['timeout-seconds', '-1', 1, 300]
  ])('%s %j is out of range', (name, value, min, max) => {
    expect(problems({ ...base, [name]: value })).toEqual([
      `Input '${name}' is ${JSON.stringify(value)}: use a whole number from ${min} to ${max}.`
    ])
  })

  test.each(['export-env', 'cleanup', 'job-summary', 'verify', 'dry-run'])(
    'boolean %s refuses anything but true and false',
    (name) => {
      expect(problems({ ...base, [name]: 'yes' })).toEqual([
        `Input '${name}' is "yes": use true or false.`
      ])
    }
  )

  test('audience is bounded and printable', () => {
    expect(problems({ ...base, audience: 'a\u0007b' })).toEqual([
      "Input 'audience' must be at most 512 printable characters (or empty for GitHub's default)."
    ])
    expect(problems({ ...base, audience: 'a'.repeat(513) })).toHaveLength(1)
    for (const lineBreak of ['\u0085', '\u2028', '\u2029', '\u009b']) {
      expect(problems({ ...base, audience: `a${lineBreak}b` })).toHaveLength(1)
    }
  })

  test.each(['x##[stop-commands]t', '##[add-mask]e', '::add-mask::e', '  ::warning::x'])(
    'audience %j, which the runner would read as a command, is refused',
    (audience) => {
      expect(problems({ ...base, audience })).toEqual([
        "Input 'audience' holds '##[' or starts with '::', which GitHub's runner would read as a command; an audience is a URL or a plain name."
      ])
    }
  )

  test('an audience with :: inside is a plain value', () => {
    expect(parse({ ...base, audience: 'urn:x::y' }).audience).toBe('urn:x::y')
  })
})
