/**
 * Names and records from outside: variable names are exact ASCII (a look-alike such as
 * NPM_CONFIG_UſERCONFIG is neither read nor written), and post acts on a saved record only when
 * every field is one main would have written.
 */
import { describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { FORMATS } from '../src/registries/formats.js'
import type { FormatModule, PlanContext, RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'
import { parseRecord, serialiseRecord } from '../src/registries/record.js'
import { asciiUpperCase } from '../src/registries/variable-names.js'
import { InputError } from '../src/inputs.js'

const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

function context(env: Record<string, string>, files: Record<string, string> = {}): PlanContext {
  return {
    platform: 'linux',
    tempDir: '/runner/_temp',
    homeDir: '/home/runner',
    env: { GITHUB_ACTION: 'step', ...env },
    exportEnv: true,
    readFile: (path) => files[path]
  }
}

const npmLine: RegistryRequest = {
  line: 1,
  text: 'npm npm-private',
  format: 'npm',
  owner: 'acme',
  repository: 'npm-private',
  options: new Map()
}

describe('variable names are exact ASCII', () => {
  test('asciiUpperCase maps a-z only; look-alikes stay as they are', () => {
    expect(asciiUpperCase('npm_config_userconfig')).toBe('NPM_CONFIG_USERCONFIG')
    expect(asciiUpperCase('NPM_CONFIG_UſERCONFIG')).toBe('NPM_CONFIG_UſERCONFIG')
    expect('NPM_CONFIG_UſERCONFIG'.toUpperCase()).toBe('NPM_CONFIG_USERCONFIG') // why
  })

  test('NPM_CONFIG_UſERCONFIG is not taken for the user config, nor exported again', () => {
    const lookAlike = 'NPM_CONFIG_UſERCONFIG'
    const [plan] = planRegistries(
      [npmLine],
      context({ [lookAlike]: '/elsewhere/.npmrc' }, { '/elsewhere/.npmrc': 'registry=x\n' }),
      FORMATS
    )
    const names = plan!.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : []))
    expect(names).toEqual(['NPM_CONFIG_USERCONFIG'])
    const file = plan!.steps.find((step) => step.kind === 'file')
    expect(file && 'content' in file && file.content).not.toContain('registry=x')
  })

  test('a plan that would export a name that is not plain ASCII is refused', () => {
    const odd: FormatModule = {
      format: 'npm',
      repository: 'required',
      options: {},
      programs: [],
      hosts: () => [],
      validate: () => [],
      plan: (request) => ({
        request,
        title: 'odd',
        notes: [],
        steps: [{ kind: 'env', name: 'PIP_İNDEX_URL', value: ['x'], secret: false, restore: '' }]
      })
    }
    expect(() => planRegistries([npmLine], context({}), new Map([['npm', odd]]))).toThrow(
      new InputError([
        "Input 'registries' line 1 (npm npm-private): the plan would export PIP_İNDEX_URL, which is not a plain ASCII variable name; this is a bug in the action."
      ])
    )
  })
})

describe('post acts only on a record main would have written', () => {
  const rules = { tempDir: '/runner/_temp', platform: 'linux' as const }
  const file = {
    kind: 'file' as const,
    line: 1,
    path: '/runner/_temp/cloudsmith-oidc-npmrc.npmrc',
    id: '2049:12:0',
    sha256: sha('x')
  }
  const env = {
    kind: 'env' as const,
    line: 1,
    name: 'NPM_CONFIG_USERCONFIG',
    sha256: sha('v'),
    restore: ''
  }
  const login = {
    kind: 'docker-login' as const,
    line: 2,
    host: 'docker.cloudsmith.io',
    username: 'token',
    configDir: '/home/runner/.docker',
    keySha256: sha('k')
  }
  const read = (steps: readonly object[], cleanup: unknown = true): unknown =>
    parseRecord(JSON.stringify({ version: 1, cleanup, steps }), rules)

  test('a record main writes is read back as it is', () => {
    const record = { cleanup: true, steps: [file, env, login] }
    expect(parseRecord(serialiseRecord(record), rules)).toEqual(record)
  })

  test("a NuGet source's variable, '-' included, is read back (post must undo it)", () => {
    const nuget = { ...env, name: 'NuGetPackageSourceCredentials_Acme_Feed-2' }
    const record = { cleanup: true, steps: [nuget] }
    expect(parseRecord(serialiseRecord(record), rules)).toEqual(record)
  })

  test.each([
    ['a file outside RUNNER_TEMP', { ...file, path: '/home/runner/.npmrc' }],
    ['a file that climbs out of RUNNER_TEMP', { ...file, path: '/runner/_temp/../x' }],
    ['a file without its identity', { ...file, id: undefined }],
    ['a variable with a look-alike name', { ...env, name: 'NPM_CONFIG_UſERCONFIG' }],
    ['a variable with a name that is not a name', { ...env, name: 'A=B' }],
    ['a digest that is not SHA-256', { ...env, sha256: 'x' }],
    ['a host docker would read as an option', { ...login, host: '--help' }],
    ['a host with a path', { ...login, host: 'evil.example.com/x' }],
    ['a user name that is an option', { ...login, username: '-p' }],
    ['a relative docker config folder', { ...login, configDir: '.docker' }],
    ['a line that is no line number', { ...env, line: 0 }],
    ['an unknown kind', { ...env, kind: 'exec' }]
  ])('%s: refused, nothing undone', (_, step) => {
    expect(read([file, step])).toEqual(
      new Error(
        'the saved record of what main applied holds a step main would not have written; nothing was undone'
      )
    )
  })

  test('cleanup that is not true or false: refused', () => {
    expect(read([file], 'yes')).toBeInstanceOf(Error)
  })

  test('with RUNNER_TEMP unset, no file step is taken', () => {
    expect(
      parseRecord(serialiseRecord({ cleanup: true, steps: [file] }), { ...rules, tempDir: '' })
    ).toBeInstanceOf(Error)
  })
})
