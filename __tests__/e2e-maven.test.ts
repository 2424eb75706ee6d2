/**
 * `registries: maven`, end to end: the committed dist/ under the runner emulator, then the
 * machine's real `mvn` (Debian's 3.8, which ignores MAVEN_ARGS) as a later step of the job, with
 * no -s, downloading a dependency from a fake Cloudsmith Maven repository on loopback that refuses
 * anything but Basic `token:<the key the exchange handed out>`; then the post step. Once with no
 * user settings, once with a setup-java-like ~/.m2/settings.xml that declares the repository
 * itself (so the download shows that Maven still read it) and must be byte-identical after post.
 * mvn runs with its own user.home (MAVEN_OPTS=-Duser.home=..., set for the whole job).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import {
  type ProgramRun,
  renderLog,
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
import {
  downloadedJar,
  type MavenProject,
  mavenProject,
  requireMaven
} from './support/maven-client.js'

requireBundle()
requireMaven()
const TIMEOUT = 240_000
const DEPENDENCY: MavenArtifact = {
  groupId: 'testcloudsmith.acme',
  artifactId: 'util',
  version: '1.2.0'
}

/** What setup-java writes, plus a profile that declares the Cloudsmith repository. */
function userSettings(url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>github</id>
      <username>\${env.GITHUB_ACTOR}</username>
      <password>\${env.GITHUB_TOKEN}</password>
    </server>
  </servers>
  <profiles>
    <profile>
      <id>cloudsmith</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories>
        <repository><id>cloudsmith</id><url>${url}</url></repository>
      </repositories>
    </profile>
  </profiles>
</settings>
`
}

describe('registries: maven, with the real mvn', () => {
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

  async function run(project: MavenProject, options: { deploy?: boolean } = {}) {
    const jobOptions = `-Duser.home=${project.userHome}`
    let compile: ProgramRun | undefined
    let deploy: ProgramRun | undefined
    let opts: string | undefined
    const result = await runStep(stage, {
      with: { registries: 'maven releases' },
      env: { MAVEN_OPTS: jobOptions },
      timeoutMs: TIMEOUT / 4,
      between: async (env) => {
        opts = env.MAVEN_OPTS
        compile = await runProgram('mvn', ['--batch-mode', 'compile'], {
          env,
          cwd: project.dir,
          timeoutMs: TIMEOUT / 4
        })
        if (options.deploy) {
          deploy = await runProgram('mvn', ['--batch-mode', 'deploy'], {
            env,
            cwd: project.publishDir,
            timeoutMs: TIMEOUT / 4
          })
        }
      }
    })
    return { result, compile, deploy, opts, jobOptions }
  }

  function expectDownloaded(project: MavenProject, compile: ProgramRun | undefined): void {
    expect({ status: compile?.status, tail: compile?.stdout.slice(-3000) }).toEqual({
      status: 0,
      tail: expect.stringContaining('BUILD SUCCESS')
    })
    expect(existsSync(downloadedJar(project, DEPENDENCY))).toBe(true)
    // Maven asks without credentials first, and sends token:<key> after the 401
    expect(repository.requests.map((r) => r.authorization)).toContain('accepted')
    expect(repository.requests.filter((r) => r.authorization === 'refused')).toEqual([])
  }

  test(
    'with no user settings: mvn downloads and deploys with the key, post puts MAVEN_OPTS back and removes the files',
    async () => {
      const project = mavenProject('cloudsmith', repository.url, DEPENDENCY, repository.uploadUrl)
      const { result, compile, deploy, opts, jobOptions } = await run(project, { deploy: true })
      try {
        expectCleanRun(result, stage)
        expect(opts).toMatch(
          new RegExp(
            `^${jobOptions} -Dmaven\\.conf=${result.runnerTemp}/cloudsmith-oidc-maven[^ ]*$`
          )
        )
        expectDownloaded(project, compile)
        expect({ status: deploy?.status, tail: deploy?.stdout.slice(-3000) }).toEqual({
          status: 0,
          tail: expect.stringContaining('BUILD SUCCESS')
        })
        expect(repository.uploads).toEqual(
          expect.arrayContaining([
            'testcloudsmith/acme/published/2.0/published-2.0.pom',
            'testcloudsmith/acme/published/maven-metadata.xml'
          ])
        )
        expect(lastKey(stage)).not.toBe('')
        expect(existsSync(project.settingsFile)).toBe(false)
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            "maven: server 'cloudsmith' as token for https://dl.cloudsmith.io/basic/acme/releases/maven/ and https://maven.cloudsmith.io/acme/releases/",
            '  Exported MAVEN_OPTS.'
          ])
        )
        expect(result.post?.env.MAVEN_OPTS).toBe(jobOptions)
      } finally {
        result.cleanup()
        project.remove()
      }
    },
    TIMEOUT
  )

  test(
    "with setup-java's user settings: they keep working, and are byte-identical after post",
    async () => {
      const project = mavenProject('unused', repository.url, DEPENDENCY)
      // the POM's own repository is another id: only the user settings' profile names cloudsmith
      writeFileSync(
        `${project.dir}/pom.xml`,
        readFileSync(`${project.dir}/pom.xml`, 'utf8').replace(
          /<repositories>[\s\S]*<\/repositories>/,
          ''
        )
      )
      const settings = userSettings(repository.url)
      writeFileSync(project.settingsFile, settings)
      const { result, compile } = await run(project)
      try {
        expectCleanRun(result, stage)
        expectDownloaded(project, compile)
        expect(readFileSync(project.settingsFile, 'utf8')).toBe(settings)
      } finally {
        result.cleanup()
        project.remove()
      }
    },
    TIMEOUT
  )

  test(
    'a dry run prints the files and MAVEN_OPTS, and writes and sets nothing',
    async () => {
      const result = await runStep(stage, {
        with: { registries: 'maven releases id=acme', 'dry-run': true },
        env: { MAVEN_OPTS: '-Xmx1g' },
        timeoutMs: TIMEOUT / 4
      })
      try {
        expectCleanRun(result, stage)
        const dir = `${result.runnerTemp}/cloudsmith-oidc-maven-__cloudsmith-oidc`
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `  Line 1 (maven releases id=acme): maven: server 'acme' as token for https://dl.cloudsmith.io/basic/acme/releases/maven/ and https://maven.cloudsmith.io/acme/releases/`,
            expect.stringMatching(
              new RegExp(`^    write ${dir}/settings\\.xml \\(mode 0600, \\d+ lines\\)$`)
            ),
            `    export MAVEN_OPTS=-Xmx1g -Dmaven.conf=${dir}`
          ])
        )
        expect(result.main.env).toEqual({})
        expect(existsSync(dir)).toBe(false)
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a user server with the same id is refused before any request, and the file is left alone',
    async () => {
      const project = mavenProject('cloudsmith', repository.url, DEPENDENCY)
      const settings = userSettings(repository.url).replace(
        '<id>github</id>',
        '<id>cloudsmith</id>'
      )
      writeFileSync(project.settingsFile, settings)
      const before = stage.cloudsmith.exchanges().length
      const result = await runStep(stage, {
        with: { registries: 'maven releases' },
        env: { MAVEN_OPTS: `-Duser.home=${project.userHome}` },
        timeoutMs: TIMEOUT / 4
      })
      try {
        expect(result.main.exitCode).toBe(1)
        expect(stage.cloudsmith.exchanges()).toHaveLength(before)
        expect(renderLog(result.main).join('\n')).toContain(
          `Input 'registries' line 1 (maven releases): your user settings (${project.settingsFile}) already have a <server> with id 'cloudsmith'`
        )
        expect(result.main.env).toEqual({})
        expect(readFileSync(project.settingsFile, 'utf8')).toBe(settings)
      } finally {
        result.cleanup()
        project.remove()
      }
    },
    TIMEOUT
  )
})
