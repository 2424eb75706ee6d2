import { describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { createSystem } from '../src/system.js'
import { runnerContext } from './lib/plan-context.js'
import { InputError, parseInputs } from '../src/inputs.js'
import { FORMATS } from '../src/registries/formats.js'
import { maven, mavenEndpoints } from '../src/registries/maven.js'
import { javaUserHome, STOCK_LOGGING } from '../src/registries/maven-install.js'
import { serverElements } from '../src/registries/maven-settings.js'
import { escapeXml } from '../src/registries/maven-xml.js'
import type { Plan, PlanContext, RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'

const TEMP = '/home/runner/work/_temp'
const CONF = '/usr/share/apache-maven-3.9.9/conf'
const STOCK_GLOBAL = `<?xml version="1.0" encoding="UTF-8"?>
<!-- the stock file: <servers> in a comment is not an element -->
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <!--
  <servers><server><id>cloudsmith</id></server></servers>
  -->
</settings>
`
const SERVER = (id: string, indent: string): string =>
  [
    `${indent}<!-- added by cloudsmith-oidc-action for this job; its post step removes this file -->`,
    `${indent}<server>`,
    `${indent}  <id>${id}</id>`,
    `${indent}  <username>token</username>`,
    `${indent}  <password>\${env.CLOUDSMITH_API_KEY}</password>`,
    `${indent}</server>`
  ].join('\n')

function request(text: string, line = 1): RegistryRequest {
  const [, repository = '', ...words] = text.split(' ')
  const options = new Map(words.map((word) => word.split('=') as [string, string]))
  return { line, text, format: 'maven', owner: 'acme', repository, options }
}

/** A GitHub-hosted Linux runner with Maven 3.9 on PATH; `files` are what else is on disk. */
function context(
  env: Record<string, string> = {},
  files: Record<string, string> = {},
  overrides: Partial<PlanContext> = {}
): PlanContext {
  const disk: Record<string, string> = {
    [`${CONF}/logging/simplelogger.properties`]: 'org.slf4j.simpleLogger.defaultLogLevel=info\n',
    [`${CONF}/settings.xml`]: STOCK_GLOBAL,
    ...files
  }
  return {
    ...runnerContext({ GITHUB_ACTION: '__cloudsmith', ...env }),
    accountHome: '/home/runner',
    resolveProgram: (name) =>
      name === 'mvn' ? '/usr/share/apache-maven-3.9.9/bin/mvn' : undefined,
    readFile: (path) => disk[path],
    ...overrides
  }
}

function plans(lines: string[], ctx: PlanContext = context()): readonly Plan[] {
  const planned = maven.planAll?.(
    lines.map((line, i) => request(line, i + 1)),
    ctx
  )
  if (planned === undefined || 'problems' in planned) throw new Error(JSON.stringify(planned))
  return planned
}

function problems(lines: string[], ctx: PlanContext = context()): readonly string[] {
  const planned = maven.planAll?.(
    lines.map((line, i) => request(line, i + 1)),
    ctx
  )
  return planned !== undefined && 'problems' in planned ? planned.problems : []
}

describe('maven plan', () => {
  test('copies the conf/ with the server added, and appends -Dmaven.conf to MAVEN_OPTS', () => {
    const [plan] = plans(['maven releases'], context({ MAVEN_OPTS: '-Xmx2g' }))
    const dir = `${TEMP}/cloudsmith-oidc-maven-__cloudsmith`
    expect(plan?.steps).toEqual([
      {
        kind: 'file',
        path: `${dir}/settings.xml`,
        content: STOCK_GLOBAL.replace(
          '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">',
          `$&\n  <servers>\n${SERVER('cloudsmith', '    ')}\n  </servers>`
        )
      },
      {
        kind: 'file',
        path: `${dir}/logging/simplelogger.properties`,
        content: 'org.slf4j.simpleLogger.defaultLogLevel=info\n'
      },
      {
        kind: 'env',
        name: 'MAVEN_OPTS',
        value: [`-Xmx2g -Dmaven.conf=${dir}`],
        secret: false,
        restore: '-Xmx2g'
      }
    ])
    expect(plan?.title).toBe(
      "maven: server 'cloudsmith' as token for https://dl.cloudsmith.io/basic/acme/releases/maven/ and https://maven.cloudsmith.io/acme/releases/"
    )
    expect(plan?.notes[0]).toBe(
      "Maven sends the key to every repository, plugin repository, mirror and distributionManagement entry whose id is 'cloudsmith', whatever its URL: give that id only to https://dl.cloudsmith.io/basic/acme/releases/maven/ (downloads) and https://maven.cloudsmith.io/acme/releases/ (deploys)."
    )
  })

  test('the key is only a reference Maven expands: files are text, the variable holds no key', () => {
    const [plan] = plans(['maven releases'])
    const settings = plan?.steps[0]
    expect(settings?.kind === 'file' && settings.content).toContain(
      '<password>${env.CLOUDSMITH_API_KEY}</password>'
    )
    const env = plan?.steps.at(-1)
    expect(env?.kind === 'env' && env.value.every((part) => typeof part === 'string')).toBe(true)
  })

  test('several lines share one settings file; the first plan holds the steps', () => {
    const [first, second] = plans(['maven releases', 'maven snapshots id=snapshots'])
    const settings = first?.steps[0]
    expect(settings?.kind === 'file' && settings.content).toContain(
      `${SERVER('cloudsmith', '    ')}\n    <server>\n      <id>snapshots</id>`
    )
    expect(second?.steps).toEqual([])
    expect(second?.title).toBe(
      "maven: server 'snapshots' as token for https://dl.cloudsmith.io/basic/acme/snapshots/maven/ and https://maven.cloudsmith.io/acme/snapshots/"
    )
  })

  test('into an existing <servers>, a self-closing one, or a self-closing root', () => {
    const global = (text: string): string => {
      const [plan] = plans(['maven releases'], context({}, { [`${CONF}/settings.xml`]: text }))
      const step = plan?.steps[0]
      return step?.kind === 'file' ? step.content : ''
    }
    expect(
      global(
        '<settings>\n  <servers>\n    <server><id>corp</id></server>\n  </servers>\n</settings>\n'
      )
    ).toBe(
      `<settings>\n  <servers>\n${SERVER('cloudsmith', '    ')}\n    <server><id>corp</id></server>\n  </servers>\n</settings>\n`
    )
    expect(global('<settings><servers/></settings>')).toBe(
      `<settings><servers>\n${SERVER('cloudsmith', '    ')}\n  </servers></settings>`
    )
    expect(global('<settings />')).toBe(
      `<settings>\n  <servers>\n${SERVER('cloudsmith', '    ')}\n  </servers>\n</settings>`
    )
  })

  test("without an installation: settings of its own and Maven's stock logging", () => {
    const [plan] = plans(['maven releases'], context({}, {}, { resolveProgram: () => undefined }))
    expect(plan?.steps.map((step) => step.kind === 'file' && step.content.slice(0, 38))).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      STOCK_LOGGING.slice(0, 38),
      false
    ])
    expect(plan?.notes[1]).toContain('no Maven installation was found on PATH or in MAVEN_HOME')
  })

  test('MAVEN_HOME when mvn is not on PATH (Windows: mvn.cmd), with its toolchains copied too', () => {
    const home = 'C:\\maven'
    const ctx = context(
      { MAVEN_HOME: home },
      {
        [`${home}\\conf\\logging\\simplelogger.properties`]: 'x=1\n',
        [`${home}\\conf\\toolchains.xml`]: '<toolchains/>\n'
      },
      { platform: 'win32', tempDir: 'D:\\a\\_temp', resolveProgram: () => undefined }
    )
    const [plan] = plans(['maven releases'], ctx)
    expect(plan?.steps.map((step) => (step.kind === 'file' ? step.path : step.kind))).toEqual([
      'D:\\a\\_temp\\cloudsmith-oidc-maven-__cloudsmith\\settings.xml',
      'D:\\a\\_temp\\cloudsmith-oidc-maven-__cloudsmith\\logging\\simplelogger.properties',
      'D:\\a\\_temp\\cloudsmith-oidc-maven-__cloudsmith\\toolchains.xml',
      'env'
    ])
  })

  test('an earlier use of the action: its -Dmaven.conf is replaced, and the directory gets a number', () => {
    const earlier = `${TEMP}/cloudsmith-oidc-maven-__cloudsmith`
    const ctx = context(
      { MAVEN_OPTS: `-Xmx1g -Dmaven.conf=${earlier}` },
      { [`${earlier}/logging/simplelogger.properties`]: 'x' }
    )
    const env = plans(['maven releases'], ctx)[0]?.steps.at(-1)
    expect(env).toEqual({
      kind: 'env',
      name: 'MAVEN_OPTS',
      value: [`-Xmx1g -Dmaven.conf=${earlier}-2`],
      secret: false,
      restore: `-Xmx1g -Dmaven.conf=${earlier}`
    })
  })

  test('custom domains shape the URLs as for python', () => {
    expect(
      mavenEndpoints(
        request(
          'maven releases host=dl.acme.com upload-host=maven.acme.com upload-domain=repository'
        )
      )
    ).toEqual({
      download: 'https://dl.acme.com/basic/releases/maven/',
      upload: 'https://maven.acme.com/'
    })
  })
})

describe("Java's user.home", () => {
  test('MAVEN_OPTS, then JAVA_TOOL_OPTIONS, then the account, then HOME', () => {
    const home = (env: Record<string, string>, accountHome?: string): string =>
      javaUserHome({ ...runnerContext(env), accountHome })
    expect(
      home({ MAVEN_OPTS: '-Duser.home=/a -Duser.home=/b', JAVA_TOOL_OPTIONS: '-Duser.home=/c' })
    ).toBe('/b')
    expect(home({ JAVA_TOOL_OPTIONS: '-Duser.home=/c' }, '/d')).toBe('/c')
    expect(home({}, '/d')).toBe('/d')
    expect(home({}, '/')).toBe('/home/runner')
    expect(home({})).toBe('/home/runner')
  })
})

describe('maven refusals, before any request', () => {
  const user = '/home/runner/.m2/settings.xml'
  test('a user server with the same id', () => {
    const settings =
      '<settings><servers><server><id> cloudsmith </id></server></servers></settings>'
    expect(problems(['maven releases'], context({}, { [user]: settings }))).toEqual([
      `Input 'registries' line 1 (maven releases): your user settings (${user}) already have a <server> with id 'cloudsmith', which Maven would use instead of the key (this step never replaces it). Give this line another id= and use that id in your POM, or remove that server.`
    ])
  })

  test('the file -s names in MAVEN_ARGS (Maven 3.9) is checked too', () => {
    const named = '/home/runner/ci-settings.xml'
    const settings = '<settings><servers><server><id>cloudsmith</id></server></servers></settings>'
    for (const args of [`-B -s ${named}`, `--settings ${named}`, `--settings=${named}`]) {
      expect(
        problems(['maven releases'], context({ MAVEN_ARGS: args }, { [named]: settings }))
      ).toEqual([
        expect.stringContaining(
          `your user settings (${named}) already have a <server> with id 'cloudsmith'`
        )
      ])
    }
    expect(problems(['maven releases'], context({ MAVEN_ARGS: '-s relative.xml' }))).toEqual([])
  })

  test('a server in a comment, or of another id, is no clash', () => {
    const settings =
      '<settings><!-- <servers><server><id>cloudsmith</id></server></servers> --><servers><server><id>github</id></server></servers></settings>'
    expect(problems(['maven releases'], context({}, { [user]: settings }))).toEqual([])
  })

  test("the same id in the installation's global settings", () => {
    const global = '<settings><servers><server><id>cloudsmith</id></server></servers></settings>'
    expect(problems(['maven releases'], context({}, { [`${CONF}/settings.xml`]: global }))).toEqual(
      [
        `Input 'registries' line 1 (maven releases): the Maven installation's global settings (${CONF}/settings.xml) already have a <server> with id 'cloudsmith', which Maven would use instead of the key (this step never replaces it). Give this line another id= and use that id in your POM, or remove that server.`
      ]
    )
  })

  test.each([
    ['<settings><servers></settings>', 'an end tag </settings> that closes nothing open (line 1)'],
    ['<settings>&nbsp;</settings>', 'an unknown entity or a bare & (line 1)'],
    ['<project/>', 'its root element is not <settings>'],
    ['<settings/><settings/>', 'a second root element (line 1)'],
    ['<settings>\n<!-- never closed', 'an unclosed comment or processing instruction (line 2)'],
    [
      '<!DOCTYPE settings [<!ENTITY x "y">]><settings/>',
      'a DOCTYPE with an internal subset, or in the wrong place (line 1)'
    ],
    ['<settings>', '<settings> is never closed (line 1)'],
    ['text<settings/>', 'text outside the root element (line 1)'],
    ['<settings a=b/>', 'a malformed tag (line 1)'],
    ['<settings>&#x110000;</settings>', 'an unknown entity or a bare & (line 1)'],
    ['', 'no root element (line 1)']
  ])('unreadable user settings %j', (settings, why) => {
    expect(problems(['maven releases'], context({}, { [user]: settings }))).toEqual([
      `Input 'registries' (maven): your user settings (${user}) cannot be read as Maven settings (${why}); Maven cannot read it either. Fix that file.`
    ])
  })

  test('what Maven reads is understood: CDATA, entities, a DOCTYPE, attributes with >', () => {
    const settings = `<?xml version="1.0"?>\n<!DOCTYPE settings>\n<settings a='x>y'><servers><server><id><![CDATA[cloud]]>&#115;mith</id></server></servers></settings>`
    expect(problems(['maven releases'], context({}, { [user]: settings }))).toHaveLength(1)
  })

  test('export-env: false, two lines with one id, a foreign -Dmaven.conf, -gs, whitespace in RUNNER_TEMP', () => {
    expect(problems(['maven a', 'maven b'], { ...context(), exportEnv: false })).toEqual([
      "Input 'registries' line 1 (maven a): maven needs export-env: true. The settings this step writes refer to the key as ${env.CLOUDSMITH_API_KEY}, which Maven reads from the environment of later steps; with export-env: false the variable is not there. Set export-env: true.",
      "Input 'registries' line 2 (maven b): maven needs export-env: true. The settings this step writes refer to the key as ${env.CLOUDSMITH_API_KEY}, which Maven reads from the environment of later steps; with export-env: false the variable is not there. Set export-env: true.",
      "Input 'registries' line 2 (maven b): line 1 already sets the Maven server 'cloudsmith'; Maven matches credentials by id alone, so give each line its own id=."
    ])
    expect(
      problems(
        ['maven a'],
        context({ MAVEN_OPTS: '-Dmaven.conf=/etc/maven', MAVEN_ARGS: '-B -gs x.xml' })
      )
    ).toEqual([
      "Input 'registries' (maven): MAVEN_OPTS already sets -Dmaven.conf=/etc/maven, and maven lines point it at a settings directory of their own; remove it from MAVEN_OPTS, or add the servers to that directory's settings.xml yourself.",
      "Input 'registries' (maven): MAVEN_ARGS names other global settings (-gs), so Maven would not read the servers this step adds; remove -gs from MAVEN_ARGS."
    ])
    expect(problems(['maven a'], { ...context(), tempDir: '/tmp/a b' })).toEqual([
      "Input 'registries' (maven): RUNNER_TEMP (/tmp/a b) holds whitespace, and the mvn script splits MAVEN_OPTS at whitespace; run on a runner whose RUNNER_TEMP has none."
    ])
  })
})

describe('maven lines through the registries input', () => {
  const base = { org: 'acme', 'service-slug': 'ci-bot' }
  const inputProblems = (registries: string): readonly string[] => {
    try {
      const inputs = parseInputs((name) => ({ ...base, registries })[name] ?? '')
      planRegistries(inputs.registries, context(), FORMATS)
    } catch (error) {
      if (error instanceof InputError) return [...error.problems, ...error.conflicts]
      throw error
    }
    return []
  }

  test('a good line plans', () => {
    expect(inputProblems('maven releases id=acme.releases_1-x')).toEqual([])
  })

  test.each([
    [
      'maven releases id=a<b',
      "Input 'registries' line 1 (maven releases id=a<b): id=a<b is not a Maven repository id: letters, digits, '.', '_' and '-' only."
    ],
    [
      'maven releases user=x',
      "Input 'registries' line 1 (maven releases user=x): unknown key 'user'; maven accepts id"
    ],
    [
      'maven',
      "Input 'registries' line 1 (maven): a repository is missing; use 'maven REPOSITORY [id=ID] [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]'."
    ],
    [
      'maven releases host=https://dl.acme.com',
      "Input 'registries' line 1 (maven releases host=https://dl.acme.com): host=https://dl.acme.com has a scheme"
    ],
    [
      'maven releases upload-domain=repository',
      "Input 'registries' line 1 (maven releases upload-domain=repository): upload-domain=repository describes upload-host=, which is missing"
    ],
    [
      'maven releases host=dl.cloudsmith.io domain=organization',
      "Input 'registries' line 1 (maven releases host=dl.cloudsmith.io domain=organization): domain=organization says host= is a custom domain, but dl.cloudsmith.io is Cloudsmith's own host"
    ],
    ['maven releases id=', "Input 'registries' line 1 (maven releases id=): 'id' is empty"],
    [
      'maven releases\nmaven releases id=again',
      "Input 'registries' line 2 (maven releases id=again): maven for dl.cloudsmith.io/basic/acme/releases/maven/ is already configured on line 1"
    ]
  ])('%j is refused', (line, problem) => {
    expect(inputProblems(line)[0]).toContain(problem)
  })
})

describe('XML written from outside text', () => {
  test('every special character is escaped', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f')
    expect(
      serverElements([{ id: '</id><x>', username: 'u&', password: '${env.K}' }], '')
    ).toContain('<id>&lt;/id&gt;&lt;x&gt;</id>\n  <username>u&amp;</username>')
  })

  test('one line planned alone, and global settings Maven could not read either', () => {
    const planned = maven.plan(request('maven releases'), context())
    expect('problems' in planned).toBe(false)
    const broken = context({}, { [`${CONF}/settings.xml`]: '<settings>' })
    expect(maven.plan(request('maven releases'), broken)).toEqual({
      problems: [
        `Input 'registries' (maven): the Maven installation's global settings (${CONF}/settings.xml) cannot be read as Maven settings (<settings> is never closed (line 1)); Maven cannot read it either. Fix that file.`
      ]
    })
  })
})

describe('the machine, as the maven planner reads it', () => {
  test("the account's home, and mvn on PATH followed through its link to the installation", () => {
    const root = mkdtempSync(join(tmpdir(), 'maven-home-'))
    try {
      const bin = join(root, 'usr-bin')
      const home = join(root, 'apache-maven')
      mkdirSync(join(home, 'bin'), { recursive: true })
      mkdirSync(join(home, 'conf', 'logging'), { recursive: true })
      mkdirSync(bin)
      writeFileSync(join(home, 'bin', 'mvn'), '#!/bin/sh\n', { mode: 0o755 })
      writeFileSync(join(home, 'conf', 'logging', 'simplelogger.properties'), 'x=1\n')
      symlinkSync(join(home, 'bin', 'mvn'), join(bin, 'mvn'))
      const system = createSystem({ env: { PATH: bin, HOME: '/elsewhere', RUNNER_TEMP: root } })
      const ctx = system.planContext(true)
      expect(ctx.accountHome).toBe(userInfo().homedir)
      expect(ctx.resolveProgram?.('mvn')).toBe(join(home, 'bin', 'mvn'))
      expect(ctx.resolveProgram?.('missing')).toBeUndefined()
      const [plan] = plans(['maven releases'], ctx)
      expect(plan?.notes[1]).toContain(`a copy of ${join(home, 'conf')} with these servers added`)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
