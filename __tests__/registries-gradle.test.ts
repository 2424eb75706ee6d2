import { describe, expect, test } from '@jest/globals'
import { runnerContext } from './lib/plan-context.js'
import { InputError, parseInputs } from '../src/inputs.js'
import { FORMATS } from '../src/registries/formats.js'
import { gradle } from '../src/registries/gradle.js'
import { KEY, type Plan, type RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'

function request(text: string): RegistryRequest {
  const [, repository = '', ...words] = text.split(' ')
  const options = new Map(words.map((word) => word.split('=') as [string, string]))
  return { line: 1, text, format: 'gradle', owner: 'acme', repository, options }
}

function plan(text: string, env: Record<string, string> = {}): Plan {
  const planned = gradle.plan(request(text), runnerContext(env))
  if ('problems' in planned) throw new Error(planned.problems.join('\n'))
  return planned
}

describe('gradle plan', () => {
  test('the two project properties of the repository named cloudsmith, the password secret', () => {
    const planned = plan('gradle releases')
    expect(planned.steps).toEqual([
      {
        kind: 'env',
        name: 'ORG_GRADLE_PROJECT_cloudsmithUsername',
        value: ['token'],
        secret: false,
        restore: ''
      },
      {
        kind: 'env',
        name: 'ORG_GRADLE_PROJECT_cloudsmithPassword',
        value: [KEY],
        secret: true,
        restore: ''
      }
    ])
    expect(planned.title).toBe(
      "gradle: repository 'cloudsmith' as token (https://dl.cloudsmith.io/basic/acme/releases/maven/, https://maven.cloudsmith.io/acme/releases/)"
    )
    expect(planned.notes).toEqual([
      'Gradle reads the properties cloudsmithUsername and cloudsmithPassword from these variables: declare maven { name = "cloudsmith"; url = uri("https://dl.cloudsmith.io/basic/acme/releases/maven/"); credentials(PasswordCredentials) } (Gradle 6.6 and later) in repositories {}, and the same with https://maven.cloudsmith.io/acme/releases/ under publishing { repositories {} } to publish.',
      "Gradle sends them to whatever URL that repository has: give the name 'cloudsmith' only to Cloudsmith's."
    ])
  })

  test('name= and a custom domain', () => {
    const planned = plan('gradle releases name=acmeReleases2 host=dl.acme.com')
    expect(planned.steps.map((step) => step.kind === 'env' && step.name)).toEqual([
      'ORG_GRADLE_PROJECT_acmeReleases2Username',
      'ORG_GRADLE_PROJECT_acmeReleases2Password'
    ])
    expect(planned.title).toContain('https://dl.acme.com/basic/releases/maven/')
  })

  test("an earlier run of the action (username token) is renewed; another's credentials are refused", () => {
    const renewed = plan('gradle releases', {
      ORG_GRADLE_PROJECT_cloudsmithUsername: 'token',
      ORG_GRADLE_PROJECT_cloudsmithPassword: 'older'
    })
    expect(renewed.steps.map((step) => step.kind === 'env' && step.restore)).toEqual(['token', ''])
    const others: Array<Record<string, string>> = [
      { ORG_GRADLE_PROJECT_cloudsmithUsername: 'alice' },
      { ORG_GRADLE_PROJECT_cloudsmithPassword: 'secret' }
    ]
    for (const env of others) {
      const planned = gradle.plan(request('gradle releases'), runnerContext(env))
      expect('problems' in planned && planned.problems).toEqual([
        `Input 'registries' line 1 (gradle releases): ${Object.keys(env)[0]} is already set (by an earlier step, the runner's environment or the workflow's env:), so a repository named 'cloudsmith' has other credentials; this line would replace them. Give this one another name with name=NAME, or remove the other setting.`
      ])
    }
  })
})

describe('gradle lines through the registries input, before any request', () => {
  const base = { org: 'acme', 'service-slug': 'ci-bot' }
  const problems = (registries: string): readonly string[] => {
    try {
      const inputs = parseInputs((name) => ({ ...base, registries })[name] ?? '')
      planRegistries(inputs.registries, runnerContext(), FORMATS)
    } catch (error) {
      if (error instanceof InputError) return [...error.problems, ...error.conflicts]
      throw error
    }
    return []
  }

  test.each(['acme-releases', 'acme_releases', 'acme.releases', 'acmé'])(
    'name=%s is refused',
    (name) => {
      expect(problems(`gradle releases name=${name}`)).toEqual([
        `Input 'registries' line 1 (gradle releases name=${name}): name=${name} is not a name Gradle reads credentials for: letters and digits only (Gradle refuses '-', '_' and '.' in the identity of credentials(PasswordCredentials)).`
      ])
    }
  )

  test('a missing repository, an unknown key, a bad host', () => {
    expect(problems('gradle')).toEqual([
      "Input 'registries' line 1 (gradle): a repository is missing; use 'gradle REPOSITORY [name=NAME] [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]'."
    ])
    expect(problems('gradle releases id=x')[0]).toContain("unknown key 'id'; gradle accepts name (")
    expect(problems('gradle releases upload-host=a/b')[0]).toContain('upload-host=a/b holds a path')
  })

  test('two lines for one name would export the same variables', () => {
    expect(problems('gradle releases\ngradle snapshots')).toEqual([
      "Input 'registries' line 2 (gradle snapshots): it would export ORG_GRADLE_PROJECT_cloudsmithUsername, which line 1 exports too; give each line its own (for cargo, another name=).",
      "Input 'registries' line 2 (gradle snapshots): it would export ORG_GRADLE_PROJECT_cloudsmithPassword, which line 1 exports too; give each line its own (for cargo, another name=)."
    ])
  })
})
