/**
 * The real `mvn` against a repository: a throw-away project that depends on one artifact from a
 * repository with a given id, run with its own `user.home` (so its own ~/.m2/settings.xml, never
 * the machine's). Maven Central is not reachable here, so the projects pin the plugins
 * `mvn compile` and `mvn deploy` need to the versions the machine's ~/.m2/repository holds, and
 * the test's local repository links to that one entry by entry (read only: nothing under it is
 * written) with its own directory for the group the test downloads.
 */
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import type { MavenArtifact } from './fake-maven-repository.js'

/**
 * The plugins `mvn compile` runs for a jar project and `mvn deploy` for a pom project, as the
 * machine's local repository has them.
 */
const PLUGINS = {
  'maven-resources-plugin': '3.3.1',
  'maven-compiler-plugin': '3.13.0',
  'maven-install-plugin': '3.1.1',
  'maven-deploy-plugin': '3.1.1'
}

/** The machine's local repository (Java's user.home, as Maven finds it). */
export const MACHINE_REPOSITORY = join(userInfo().homedir, '.m2', 'repository')

/** `mvn --version`'s first line when mvn is on PATH and the plugins are there, else an Error. */
export function requireMaven(): string {
  const version = spawnSync('mvn', ['--version', '--batch-mode'], { encoding: 'utf8' })
  if (version.status !== 0)
    throw new Error('mvn is needed on PATH for this test (.ci/run installs it)')
  for (const [plugin, pinned] of Object.entries(PLUGINS)) {
    const dir = join(MACHINE_REPOSITORY, 'org', 'apache', 'maven', 'plugins', plugin, pinned)
    if (!existsSync(dir))
      throw new Error(`this test needs ${plugin} ${pinned} in ${MACHINE_REPOSITORY}`)
  }
  return (version.stdout.split('\n')[0] ?? '').trim()
}

export interface MavenProject {
  readonly dir: string
  /** A pom project whose `mvn deploy` uploads to the repository. */
  readonly publishDir: string
  /** Java's user.home for mvn: holds .m2/settings.xml (when the test writes one) and .m2/repository. */
  readonly userHome: string
  readonly settingsFile: string
  remove(): void
}

/**
 * A jar project depending on `dependency` from the repository `id` at `url`, and, in the folder
 * `publish`, a pom project that deploys to the repository `id` at `uploadUrl`.
 */
export function mavenProject(
  id: string,
  url: string,
  dependency: MavenArtifact,
  uploadUrl = url
): MavenProject {
  const root = mkdtempSync(join(tmpdir(), 'maven-project-'))
  const dir = join(root, 'app')
  const userHome = join(root, 'home')
  const repository = join(userHome, '.m2', 'repository')
  mkdirSync(dir, { recursive: true })
  mkdirSync(repository, { recursive: true })
  const group = dependency.groupId.split('.')[0] ?? ''
  for (const entry of readdirSync(MACHINE_REPOSITORY)) {
    if (entry !== group) symlinkSync(join(MACHINE_REPOSITORY, entry), join(repository, entry))
  }
  const plugins = Object.entries(PLUGINS)
    .map(
      ([artifactId, version]) =>
        `        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></plugin>`
    )
    .join('\n')
  writeFileSync(
    join(dir, 'pom.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>app</groupId>
  <artifactId>app</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <repositories>
    <repository>
      <id>${id}</id>
      <url>${url}</url>
    </repository>
  </repositories>
  <dependencies>
    <dependency>
      <groupId>${dependency.groupId}</groupId>
      <artifactId>${dependency.artifactId}</artifactId>
      <version>${dependency.version}</version>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
${plugins}
      </plugins>
    </pluginManagement>
  </build>
</project>
`
  )
  mkdirSync(join(root, 'publish'))
  writeFileSync(
    join(root, 'publish', 'pom.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${dependency.groupId}</groupId>
  <artifactId>published</artifactId>
  <version>2.0</version>
  <packaging>pom</packaging>
  <distributionManagement>
    <repository>
      <id>${id}</id>
      <url>${uploadUrl}</url>
    </repository>
  </distributionManagement>
  <build>
    <pluginManagement>
      <plugins>
${plugins}
      </plugins>
    </pluginManagement>
  </build>
</project>
`
  )
  return {
    dir,
    publishDir: join(root, 'publish'),
    userHome,
    settingsFile: join(userHome, '.m2', 'settings.xml'),
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}

/** Where the dependency lands in the project's local repository once downloaded. */
export function downloadedJar(project: MavenProject, artifact: MavenArtifact): string {
  const { groupId, artifactId, version } = artifact
  return join(
    project.userHome,
    '.m2',
    'repository',
    ...groupId.split('.'),
    artifactId,
    version,
    `${artifactId}-${version}.jar`
  )
}
