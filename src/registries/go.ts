/**
 * go: `go REPOSITORY [modules=PATTERN,...] [host=HOST] [domain=KIND]`. Points the go command at the
 * repository as its only module proxy, `GOPROXY=https://token:<key>@golang.cloudsmith.io/ORG/REPO/`
 * (masked whole; Basic authentication in the URL is the only form the GOPROXY protocol has, and go
 * refuses to send it over plain http), and adds the `modules=` patterns to GONOSUMDB.
 *
 * No fallback to proxy.golang.org or direct: with `,` go asks the next entry whenever the first
 * answers 404, so a private module path missing from the repository would be looked up on Google's
 * proxy (telling it the private path) and then fetched straight from its origin. Everything goes
 * through the repository instead, whose Go upstream serves public modules, as python replaces PyPI.
 * Public modules keep their checksums verified against sum.golang.org; the `modules=` paths, which
 * sum.golang.org cannot know, are left out of it through GONOSUMDB. Not GOPRIVATE: it also sets
 * GONOPROXY, which would send those modules around the proxy, straight to their origin.
 */
import { cloudsmithHostProblem, domainEndpoint, domainOptionText } from './domains.js'
import { envFormat, interferingNotes, plainVariable, secretVariable } from './env-format.js'
import { KEY, type RegistryRequest } from './plan.js'

export const GO_HOST = 'golang.cloudsmith.io'

/**
 * One GONOSUMDB pattern as go matches it (path.Match on path prefixes), kept to what module paths
 * hold: elements of letters, digits, `.`, `_`, `~`, `-` and the wildcards `*`, `?`, `[…]`.
 */
const ELEMENT = /^(?:[A-Za-z0-9._~*?-]|\[\^?[A-Za-z0-9._~-]+\])+$/

/** What is wrong with one pattern of modules=, or undefined. */
export function modulePatternProblem(pattern: string): string | undefined {
  if (pattern === '') return 'an empty pattern (two commas together, or one at an end)'
  const elements = pattern.split('/')
  if (!elements.every((element) => ELEMENT.test(element))) {
    return `'${pattern}' is not a module path pattern: path elements of letters, digits, '.', '_', '~', '-' and the wildcards *, ? and [...], joined by single '/'`
  }
  if (!/^[^/]*\./.test(pattern)) {
    return `'${pattern}' does not start with a domain name (such as example.com or *.corp.example.com); a pattern like it would take public modules out of checksum verification too`
  }
  return undefined
}

export function modulePatterns(request: Pick<RegistryRequest, 'options'>): string[] {
  const given = request.options.get('modules')
  return given === undefined ? [] : given.split(',')
}

/** The proxy URL as text before and after the key. */
export function proxyAfterKey(request: Pick<RegistryRequest, 'owner' | 'repository' | 'options'>): {
  readonly host: string
  readonly afterKey: string
} {
  const { host, path } = domainEndpoint(request, 'host', GO_HOST)
  return { host, afterKey: `@${host}${path}` }
}

const INTERFERING: ReadonlyArray<readonly [string, string]> = [
  [
    'GOPRIVATE',
    'go fetches the modules it matches straight from their origin, not through this proxy (GONOPROXY defaults to it)'
  ],
  [
    'GONOPROXY',
    'go fetches the modules it matches straight from their origin, not through this proxy'
  ]
]

export const go = envFormat({
  format: 'go',
  options: {
    modules:
      'comma-separated module path patterns of the private modules (such as example.com/acme/*), added to GONOSUMDB so go does not ask sum.golang.org about them',
    host: `the proxy host (default ${GO_HOST}; another host is an organization's custom domain)`,
    domain: domainOptionText('domain')
  },
  onlyOne:
    'go reads one GOPROXY. Keep one go line; its repository serves public modules through its Go upstream.',
  hosts: (request) => [proxyAfterKey(request).host],
  validate(request) {
    const problems = cloudsmithHostProblem(request, 'host', GO_HOST)
    const patterns = modulePatterns(request)
    for (const pattern of patterns) {
      const problem = modulePatternProblem(pattern)
      if (problem !== undefined) problems.push(`modules=${patterns.join(',')} has ${problem}.`)
    }
    return problems
  },
  variables(request, context) {
    const { host, afterKey } = proxyAfterKey(request)
    const patterns = modulePatterns(request)
    // an earlier value first, then the patterns it does not hold yet (this action run again)
    const earlier = (context.env.GONOSUMDB ?? '').split(',').filter((part) => part !== '')
    const noSumDb = [...earlier, ...patterns.filter((p) => !earlier.includes(p))].join(',')
    const shown = `https://token:***${afterKey}`
    return {
      title: `go: every module through ${shown}${patterns.length > 0 ? `; ${patterns.join(',')} not looked up in sum.golang.org` : ''}`,
      steps: [
        secretVariable('GOPROXY', ['https://token:', KEY, afterKey]),
        ...(patterns.length > 0 ? [plainVariable('GONOSUMDB', noSumDb, context.env)] : [])
      ],
      notes: [
        `go downloads every module through ${host}, with no fallback to proxy.golang.org or direct (a private path missing there would be asked of the public proxy and its origin); give the repository a Go upstream for public modules.`,
        ...(patterns.length === 0
          ? [
              'Without modules=, go checks every module against sum.golang.org, which fails for private ones: list their paths with modules=.'
            ]
          : []),
        ...(context.env.GOSUMDB === 'off'
          ? ['GOSUMDB is off in this job: go verifies no checksums, public modules included.']
          : []),
        ...interferingNotes(context.env, INTERFERING)
      ]
    }
  }
})
