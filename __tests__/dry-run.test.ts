/**
 * The dry run's advice, as pure functions: which required claims would accept a token, from
 * broadest to narrowest, what each admits, which one is recommended; and the run-log link of a
 * refusal's summary.
 */
import { describe, expect, test } from '@jest/globals'
import { providerUrlNote, suggestProvider, MISSING } from '../src/claims.js'
import { providerAdvice } from '../src/dry-run.js'
import { gfm, markdownLink } from '../src/print-gate.js'
import { runLogUrl } from '../src/summary.js'

const BASE = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'https://github.com/acme',
  repository: 'acme/app',
  repository_owner: 'acme',
  repository_owner_id: '4242',
  repository_id: '777001',
  ref: 'refs/heads/main',
  sub: 'repo:acme/app:ref:refs/heads/main'
}

describe('suggestProvider', () => {
  test('broadest first, repository_id recommended, sub on a branch refuses other branches', () => {
    const suggestion = suggestProvider(BASE)
    expect(suggestion.claims.map((c) => c.name)).toEqual([
      'repository_owner_id',
      'repository_owner',
      'repository_id',
      'repository',
      'sub'
    ])
    expect(suggestion.recommended?.name).toBe('repository_id')
    expect(suggestion.claims.at(-1)?.admits).toBe(
      'only acme/app on refs/heads/main: a job on another branch, for a pull request or in an environment is refused'
    )
  })

  test('in an environment, sub admits only that environment', () => {
    const suggestion = suggestProvider({
      ...BASE,
      environment: 'production',
      sub: 'repo:acme/app:environment:production'
    })
    expect(suggestion.claims.find((c) => c.name === 'sub')?.admits).toBe(
      'only acme/app in the environment production: a job outside it, or in another environment, is refused'
    )
  })

  test('a reusable workflow adds job_workflow_ref, narrowest', () => {
    const called = 'acme/shared/.github/workflows/publish.yml@refs/heads/main'
    const suggestion = suggestProvider({
      ...BASE,
      workflow_ref: 'acme/app/.github/workflows/ci.yml@refs/heads/main',
      job_workflow_ref: called
    })
    expect(suggestion.claims.at(-1)).toEqual({
      name: 'job_workflow_ref',
      value: called,
      admits: `only jobs running ${called}`
    })
  })

  test('a token with neither names nor IDs nor ref: nothing recommended, and it says so', () => {
    const suggestion = suggestProvider({ iss: BASE.iss, sub: 'repo:x:pull_request' })
    expect(suggestion.recommended).toBeUndefined()
    expect(suggestion.claims).toEqual([
      {
        name: 'sub',
        value: 'repo:x:pull_request',
        admits: 'only jobs whose sub is exactly this one'
      }
    ])
    expect(suggestion.audience).toBe(MISSING)
    const lines = providerAdvice(
      'acme',
      'ci-bot',
      { iss: BASE.iss },
      suggestProvider({ iss: BASE.iss })
    )
    const text = lines.map((line) => line.text)
    expect(text).toContain(
      '  Required claims:  none of the usual claims is in this token; require one the token shows above.'
    )
    expect(text.some((line) => line.includes('Recommended:'))).toBe(false)
    expect(text).toContain(
      '  aud:              not in this token (require it only if you want to pin the audience)'
    )
  })
})

describe('providerUrlNote', () => {
  test('names the other spelling, never the URL', () => {
    expect(providerUrlNote(BASE.iss).text).toMatch(/^or the same with a trailing slash: /)
    expect(providerUrlNote(`${BASE.iss}/`).text).toMatch(
      /^or the same without the trailing slash: /
    )
    expect(providerUrlNote(BASE.iss).text).not.toContain('https://')
  })
})

describe('runLogUrl and markdownLink', () => {
  const env = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '42'
  }

  test("the run's page from the runner's variables", () => {
    expect(runLogUrl(env)).toBe('https://github.com/acme/app/actions/runs/42')
    expect(runLogUrl({ ...env, GITHUB_SERVER_URL: 'https://ghe.example:8443' })).toBe(
      'https://ghe.example:8443/acme/app/actions/runs/42'
    )
  })

  test.each([
    ['GITHUB_SERVER_URL', 'javascript:alert(1)'],
    ['GITHUB_SERVER_URL', 'https://x.test/a b'],
    ['GITHUB_REPOSITORY', 'acme/app)](https://evil.test'],
    ['GITHUB_REPOSITORY', 'acme'],
    ['GITHUB_RUN_ID', '42/../../x'],
    ['GITHUB_RUN_ID', undefined]
  ])('no link when %s is %p', (name, value) => {
    expect(runLogUrl({ ...env, [name]: value })).toBeUndefined()
  })

  test('markdownLink links a plain URL only', () => {
    expect(markdownLink(gfm`the log`, 'https://github.com/a/b').markdown).toBe(
      '[the log](https://github.com/a/b)'
    )
    for (const url of [
      'https://x.test/a)b',
      'javascript:x',
      'https://x.test/<b>',
      'https://x.test/\n'
    ]) {
      expect(markdownLink(gfm`the log`, url).markdown).toBe('the log')
    }
  })
})
