/**
 * `registries: gradle`, end to end: the committed dist/ under the runner emulator, then the
 * machine's real Gradle (Debian's 4.4, which predates credentials(PasswordCredentials), so the
 * build script reads the same two properties itself) as a later step, resolving a dependency from
 * a fake Cloudsmith Maven repository on loopback that refuses anything but Basic
 * `token:<the key the exchange handed out>`; then post clearing the password.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import {
  type ProgramRun,
  requireBundle,
  runProgram,
  runStep,
  type Stage,
  startStage
} from './e2e/harness.js'
import {
  type FakeMavenRepository,
  type MavenArtifact,
  startFakeMavenRepository
} from './support/fake-maven-repository.js'

requireBundle()
if (spawnSync('gradle', ['--version'], { encoding: 'utf8' }).status !== 0) {
  throw new Error('gradle is needed on PATH for this test (.ci/run installs it)')
}
const TIMEOUT = 240_000
const DEPENDENCY: MavenArtifact = {
  groupId: 'testcloudsmith.acme',
  artifactId: 'util',
  version: '1.2.0'
}
const NAME = 'acmeReleases'

/** A build that resolves DEPENDENCY from the repository NAME and prints the files it got. */
function gradleProject(url: string): { dir: string; userHome: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gradle-project-'))
  writeFileSync(join(dir, 'settings.gradle'), "rootProject.name = 'app'\n")
  writeFileSync(
    join(dir, 'build.gradle'),
    `repositories {
    maven {
        name = '${NAME}'
        url = '${url}'
        // Gradle 6.6 and later: credentials(PasswordCredentials) reads these two properties
        credentials {
            username = ${NAME}Username
            password = ${NAME}Password
        }
    }
}
configurations { deps }
dependencies { deps '${DEPENDENCY.groupId}:${DEPENDENCY.artifactId}:${DEPENDENCY.version}' }
task fetch {
    doLast { configurations.deps.files.each { println "resolved " + it.name } }
}
`
  )
  return {
    dir,
    userHome: join(dir, '.gradle-home'),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

describe('registries: gradle, with the real gradle', () => {
  let stage: Stage
  let repository: FakeMavenRepository

  beforeAll(async () => {
    stage = await startStage()
    repository = await startFakeMavenRepository({
      prefix: '/basic/acme/releases/maven/',
      uploadPrefix: '/acme/releases/',
      keys: () => stage.cloudsmith.issuedTokens(),
      artifacts: [DEPENDENCY]
    })
  })
  afterAll(async () => {
    await repository?.close()
    await stage?.close()
  })

  test(
    'main exports the two properties, gradle resolves with them, post clears the password',
    async () => {
      const project = gradleProject(repository.url)
      let fetch: ProgramRun | undefined
      let seen: Record<string, string | undefined> = {}
      const result = await runStep(stage, {
        with: { registries: `gradle releases name=${NAME}` },
        timeoutMs: TIMEOUT / 4,
        between: async (env) => {
          seen = {
            username: env[`ORG_GRADLE_PROJECT_${NAME}Username`],
            password: env[`ORG_GRADLE_PROJECT_${NAME}Password`]
          }
          fetch = await runProgram(
            'gradle',
            ['--no-daemon', '--quiet', '--gradle-user-home', project.userHome, 'fetch'],
            { env, cwd: project.dir, timeoutMs: TIMEOUT / 2 }
          )
        }
      })
      try {
        expectCleanRun(result, stage)
        expect(seen).toEqual({ username: 'token', password: lastKey(stage) })
        expect({ status: fetch?.status, stdout: fetch?.stdout, stderr: fetch?.stderr }).toEqual({
          status: 0,
          stdout: expect.stringContaining(
            `resolved ${DEPENDENCY.artifactId}-${DEPENDENCY.version}.jar`
          ),
          stderr: expect.any(String)
        })
        expect(repository.requests.map((r) => r.authorization)).toContain('accepted')
        expect(repository.requests.filter((r) => r.authorization === 'refused')).toEqual([])
        // the password is cleared; the username (nothing secret, none before) is cleared too
        expect(result.post?.env).toEqual({
          [`ORG_GRADLE_PROJECT_${NAME}Username`]: '',
          [`ORG_GRADLE_PROJECT_${NAME}Password`]: '',
          CLOUDSMITH_API_KEY: '',
          CLOUDSMITH_API_HOST: ''
        })
      } finally {
        result.cleanup()
        project.remove()
      }
    },
    TIMEOUT
  )
})
