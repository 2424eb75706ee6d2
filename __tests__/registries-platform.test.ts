/**
 * Paths on each runner OS: PATH and PATHEXT (docker.exe), the home folder (USERPROFILE on
 * Windows), docker's config folder, and the one rule for where files may be written (under
 * RUNNER_TEMP), with Windows' and POSIX path rules. And src/system.ts on this machine: files only
 * under RUNNER_TEMP with mode 0600, never through a symbolic link.
 */
import { describe, expect, test } from '@jest/globals'
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  statSync,
  linkSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  appendFileSync,
  lstatSync,
  renameSync,
  rmSync
} from 'node:fs'
import { join } from 'node:path'
import { dockerConfigDir, dockerConfigFile, docker } from '../src/registries/docker.js'
import { isInside, planRegistries } from '../src/registries/plans.js'
import { placeOf } from '../src/registries/paths.js'
import { readCredentialHelper } from '../src/registries/docker-helper.js'
import { InputError } from '../src/inputs.js'
import { programCandidates } from '../src/registries/program-path.js'
import type { FormatModule, Plan, RegistryRequest } from '../src/registries/plan.js'
import type { Deadline } from '../src/deadline.js'
import { createSystem } from '../src/system.js'
import { tempDirs } from './lib/temp-dirs.js'

describe('programCandidates', () => {
  test('Linux and macOS: each PATH folder, the name as it is', () => {
    expect(programCandidates('docker', 'linux', { PATH: '/usr/local/bin::/usr/bin' })).toEqual([
      '/usr/local/bin/docker',
      '/usr/bin/docker'
    ])
    expect(programCandidates('docker', 'darwin', { PATH: '/opt/homebrew/bin' })).toEqual([
      '/opt/homebrew/bin/docker'
    ])
    expect(programCandidates('docker', 'linux', {})).toEqual([])
  })

  test('Windows: PATH split at ;, each PATHEXT extension, Path in any case, quoted folders', () => {
    expect(
      programCandidates('docker', 'win32', {
        Path: 'C:\\Program Files\\Docker\\Docker\\resources\\bin;"C:\\tools";',
        PATHEXT: '.COM;.EXE'
      })
    ).toEqual([
      'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.com',
      'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe',
      'C:\\tools\\docker.com',
      'C:\\tools\\docker.exe'
    ])
  })

  test('Windows: only .com and .exe, which Node starts without a shell; never a .cmd or .bat', () => {
    expect(
      programCandidates('docker', 'win32', {
        PATH: 'C:\\shims;C:\\bin',
        PATHEXT: '.BAT;.CMD;.EXE;.VBS'
      })
    ).toEqual(['C:\\shims\\docker.exe', 'C:\\bin\\docker.exe'])
    expect(programCandidates('docker.cmd', 'win32', { PATH: 'C:\\bin' })).toEqual([])
    expect(programCandidates('docker.BAT', 'win32', { PATH: 'C:\\bin' })).toEqual([])
    expect(programCandidates('docker', 'win32', { PATH: 'C:\\bin', PATHEXT: '.CMD' })).toEqual([
      'C:\\bin\\docker.com',
      'C:\\bin\\docker.exe'
    ])
  })

  test('Windows without PATHEXT: .com then .exe; a name with one keeps it', () => {
    expect(programCandidates('docker', 'win32', { PATH: 'C:\\bin' })).toEqual([
      'C:\\bin\\docker.com',
      'C:\\bin\\docker.exe'
    ])
    expect(programCandidates('docker.exe', 'win32', { PATH: 'C:\\bin' })).toEqual([
      'C:\\bin\\docker.exe'
    ])
  })
})

describe('docker config folder', () => {
  test('Linux: ~/.docker, or DOCKER_CONFIG', () => {
    expect(dockerConfigDir({ platform: 'linux', env: {}, homeDir: '/home/runner' })).toBe(
      '/home/runner/.docker'
    )
    expect(
      dockerConfigDir({ platform: 'linux', env: { DOCKER_CONFIG: '/tmp/d' }, homeDir: '/h' })
    ).toBe('/tmp/d')
    expect(dockerConfigFile('/tmp/d', 'linux')).toBe('/tmp/d/config.json')
  })

  test('macOS: /Users/<name>/.docker', () => {
    expect(dockerConfigDir({ platform: 'darwin', env: {}, homeDir: '/Users/runner' })).toBe(
      '/Users/runner/.docker'
    )
  })

  test('Windows: USERPROFILE\\.docker with backslashes; DOCKER_CONFIG as given', () => {
    expect(dockerConfigDir({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\runneradmin' })).toBe(
      'C:\\Users\\runneradmin\\.docker'
    )
    expect(
      dockerConfigDir({
        platform: 'win32',
        env: { DOCKER_CONFIG: 'D:/a/_temp/docker' },
        homeDir: 'C:\\x'
      })
    ).toBe('D:\\a\\_temp\\docker')
    expect(dockerConfigFile('C:\\Users\\runneradmin\\.docker', 'win32')).toBe(
      'C:\\Users\\runneradmin\\.docker\\config.json'
    )
  })

  test('the plan names the folder docker will use, and a credential store when config.json has one', () => {
    const request: RegistryRequest = {
      line: 1,
      text: 'docker',
      format: 'docker',
      owner: 'acme',
      repository: undefined,
      options: new Map()
    }
    const asked: string[][] = []
    const plan = docker.plan(request, {
      platform: 'win32',
      tempDir: 'D:\\a\\_temp',
      homeDir: 'C:\\Users\\runneradmin',
      env: {},
      exportEnv: true,
      readFile: (path) =>
        path === 'C:\\Users\\runneradmin\\.docker\\config.json'
          ? '{"credsStore":"wincred"}'
          : undefined,
      readCredentialHelper: (helper, host, configDir) => {
        asked.push([helper, host, configDir])
        return { kind: 'none' }
      }
    })
    const configDir = 'C:\\Users\\runneradmin\\.docker'
    expect(asked).toEqual([
      ['wincred', 'docker.cloudsmith.io', configDir],
      ['wincred', 'http://docker.cloudsmith.io', configDir],
      ['wincred', 'https://docker.cloudsmith.io', configDir]
    ])
    expect(plan).toEqual({
      request,
      title: 'docker: log in to docker.cloudsmith.io as token',
      steps: [
        {
          kind: 'docker-login',
          host: 'docker.cloudsmith.io',
          username: 'token',
          configDir: 'C:\\Users\\runneradmin\\.docker'
        }
      ],
      notes: [
        "docker keeps the credential in its credential store 'wincred' (credsStore in C:\\Users\\runneradmin\\.docker\\config.json) until the post step logs out."
      ]
    })
  })
})

describe('isInside: files only under RUNNER_TEMP', () => {
  test.each([
    ['/home/runner/work/_temp', '/home/runner/work/_temp/npmrc', true],
    ['/home/runner/work/_temp', '/home/runner/work/_temp/a/b', true],
    ['/home/runner/work/_temp', '/home/runner/work/_temp', false],
    ['/home/runner/work/_temp', '/home/runner/work/_temp/../repo/.npmrc', false],
    ['/home/runner/work/_temp', '/home/runner/work/_temp2/x', false],
    ['/home/runner/work/_temp', 'relative/x', false],
    ['', '/x', false]
  ])('linux: %s holds %s: %s', (dir, path, inside) => {
    expect(isInside(dir, path, 'linux')).toBe(inside)
  })

  test.each([
    ['D:\\a\\_temp', 'D:\\a\\_temp\\npmrc', true],
    ['D:\\a\\_temp', 'd:\\A\\_TEMP\\npmrc', true],
    ['D:\\a\\_temp', 'D:/a/_temp/npmrc', true],
    ['D:\\a\\_temp', 'C:\\a\\_temp\\npmrc', false],
    ['D:\\a\\_temp', 'D:\\a\\_temp\\..\\repo\\.npmrc', false],
    ['D:\\a\\_temp', '\\\\server\\share\\npmrc', false]
  ])('windows: %s holds %s: %s', (dir, path, inside) => {
    expect(isInside(dir, path, 'win32')).toBe(inside)
  })
})

describe("placeOf: the workspace guard, by the file system's own rules for names", () => {
  const W = 'C:\\w\\repo'
  test.each([
    ['C:\\w\\repo\\.docker', 'inside'],
    ['c:/W/REPO/.docker', 'inside'],
    ['C:\\w\\repo', 'inside'],
    ['\\\\?\\C:\\w\\repo\\.docker', 'inside'],
    ['\\\\.\\C:\\w\\repo\\.docker', 'inside'],
    ['//?/c:/w/repo/.docker', 'inside'],
    ['\\\\localhost\\C$\\w\\repo\\.docker', 'inside'],
    ['\\\\127.0.0.1\\c$\\w\\repo', 'inside'],
    ['\\\\?\\UNC\\localhost\\C$\\w\\repo\\d', 'inside'],
    ['C:\\w\\repo.\\.docker', 'inside'],
    ['C:\\w\\repo \\.docker', 'inside'],
    ['C:\\w\\repo. . \\.docker', 'inside'],
    ['C:\\w\\repo::$INDEX_ALLOCATION\\.docker', 'inside'],
    ['C:\\w\\repo:$I30:$INDEX_ALLOCATION', 'inside'],
    ['C:\\w\\x\\..\\repo\\d', 'inside'],
    ['C:\\w\\repo2\\.docker', 'outside'],
    ['D:\\w\\repo\\.docker', 'outside'],
    ['\\\\server\\C$\\w\\repo', 'outside'],
    ['D:\\a\\_temp\\docker', 'outside']
  ])('windows: %s against C:\\w\\repo is %s', (path, placement) => {
    expect(placeOf(W, path, 'win32')).toBe(placement)
  })

  test.each([
    ['C:\\w\\REPO~1\\.docker', /8\.3 short name/],
    ['C:\\PROGRA~1\\docker', /8\.3 short name/],
    ['\\w\\repo\\.docker', /not a full path with a drive/],
    ['C:w\\repo', /not a full path with a drive/],
    ['\\\\?\\Volume{0b1c}\\w\\repo', /device path/],
    ['\\\\?\\GLOBALROOT\\Device\\HarddiskVolume2\\w', /device path/]
  ])('windows: %s cannot be compared', (path, why) => {
    const placement = placeOf(W, path, 'win32')
    expect(placement).toEqual({ unknown: expect.stringMatching(why) })
  })

  test('macOS: case and Unicode normalisation do not tell folders apart', () => {
    expect(placeOf('/w/repo', '/W/REPO/.docker', 'darwin')).toBe('inside')
    expect(placeOf('/w/caf\u00e9', '/w/cafe\u0301/.docker', 'darwin')).toBe('inside')
    expect(placeOf('/w/repo', '/w/repo2/.docker', 'darwin')).toBe('outside')
    expect(placeOf('/w/repo', '/W/REPO/.docker', 'linux')).toBe('outside')
    expect(placeOf('/w/repo', '/w/./x/../repo/.docker', 'linux')).toBe('inside')
    expect(placeOf('/w/repo', 'w/repo', 'linux')).toEqual({ unknown: 'w/repo is not a full path' })
  })
})

describe('DOCKER_CONFIG that is not a full path, on each platform', () => {
  const request: RegistryRequest = {
    line: 1,
    text: 'docker',
    format: 'docker',
    owner: 'acme',
    repository: undefined,
    options: new Map()
  }
  const refusal = (platform: NodeJS.Platform, dockerConfig: string) => {
    const planned = docker.plan(request, {
      platform,
      tempDir: '',
      homeDir: platform === 'win32' ? 'C:\\Users\\r' : '/home/r',
      env: { DOCKER_CONFIG: dockerConfig },
      exportEnv: true,
      readFile: () => undefined
    })
    return 'problems' in planned ? planned.refusals?.[0] : undefined
  }

  test.each([
    ['win32', 'docker'],
    ['win32', '\\a\\docker'],
    ['win32', 'C:docker'],
    ['linux', 'docker'],
    ['darwin', './docker']
  ] as const)("%s: %s is refused, with a fix in the runner's default shell", (platform, value) => {
    expect(refusal(platform, value)).toEqual({
      problem: `Input 'registries' line 1 (docker): DOCKER_CONFIG (${value}) is not a full path.`,
      cause: expect.stringContaining('docker resolves such a path against the working directory'),
      fix:
        platform === 'win32'
          ? 'point DOCKER_CONFIG at a folder under RUNNER_TEMP (in a step before this one, run: "DOCKER_CONFIG=$env:RUNNER_TEMP\\docker" >> $env:GITHUB_ENV), or unset it.'
          : 'point DOCKER_CONFIG at a folder under RUNNER_TEMP (in a step before this one, run: echo "DOCKER_CONFIG=$RUNNER_TEMP/docker" >> "$GITHUB_ENV"), or unset it.'
    })
  })

  test('a config folder that cannot be compared with the workspace (an 8.3 name) is refused', () => {
    const planned = docker.plan(request, {
      platform: 'win32',
      tempDir: '',
      homeDir: 'C:\\Users\\r',
      env: { DOCKER_CONFIG: 'C:\\w\\REPO~1\\d', GITHUB_WORKSPACE: 'C:\\w\\repo' },
      exportEnv: true,
      readFile: () => undefined
    })
    expect('problems' in planned && planned.refusals?.[0]?.problem).toBe(
      "Input 'registries' line 1 (docker): cannot tell whether docker's config folder C:\\w\\REPO~1\\d lies inside the workspace (GITHUB_WORKSPACE, C:\\w\\repo): REPO~1 looks like an 8.3 short name, which names a folder only the file system can tell."
    )
  })

  test('a config docker would lose a login of, or a store name that is no program name', () => {
    const plan = (text: string) =>
      docker.plan(request, {
        platform: 'linux',
        tempDir: '',
        homeDir: '/home/r',
        env: {},
        exportEnv: true,
        readFile: () => text,
        readCredentialHelper: (helper, host, configDir) =>
          readCredentialHelper(
            {
              findProgram: () => '/bin/true',
              run: () => ({ status: 0, stdout: '', stderr: '', error: undefined })
            },
            helper,
            host,
            configDir,
            eachOnly(1000)
          )
      })
    const dropped = plan('{"auths":{"o":{"auth":"YTpi"},"o":{}}}')
    expect('problems' in dropped && dropped.refusals?.[0]?.problem).toContain(
      'the login for "o" is written more than once'
    )
    const named = plan('{"credsStore":"../../bin/sh"}')
    expect('problems' in named && named.refusals?.[0]?.problem).toBe(
      "Input 'registries' line 1 (docker): cannot tell whether docker already holds a login for \"docker.cloudsmith.io\" (docker.cloudsmith.io): docker's credential store name '../../bin/sh' is not a program name docker-credential-NAME can have."
    )
    expect(docker.validate({ ...request, options: new Map([['username', '-x']]) })).toEqual([
      "username=-x is not a user name: letters, digits, '_', '.', '@', '+' and '-', starting with a letter or digit, at most 128."
    ])
  })

  test('DOCKER_AUTH_CONFIG holding a login for the host, which docker asks first: refused', () => {
    const plan = (value: string) =>
      docker.plan(request, {
        platform: 'linux',
        tempDir: '',
        homeDir: '/home/r',
        env: { DOCKER_AUTH_CONFIG: value },
        exportEnv: true,
        readFile: () => undefined
      })
    const auth = Buffer.from('bob:his').toString('base64')
    const refused = plan(`{"auths":{"docker.cloudsmith.io":{"auth":"${auth}"}}}`)
    expect('problems' in refused && refused.refusals).toEqual([
      {
        problem:
          "Input 'registries' line 1 (docker): DOCKER_AUTH_CONFIG holds a login for docker.cloudsmith.io.",
        cause: expect.stringContaining(
          'docker takes a login from DOCKER_AUTH_CONFIG before its config'
        ),
        fix: expect.stringContaining('unset DOCKER_AUTH_CONFIG')
      }
    ])
    // another host, or a value docker cannot read (and so ignores): planned
    expect('steps' in plan(`{"auths":{"other.io":{"auth":"${auth}"}}}`)).toBe(true)
    expect('steps' in plan('not json')).toBe(true)
  })

  test('full paths are planned: a drive, a UNC share, a POSIX root', () => {
    expect(refusal('win32', 'D:\\a\\_temp\\docker')).toBeUndefined()
    expect(refusal('win32', '\\\\server\\share\\docker')).toBeUndefined()
    expect(refusal('linux', '/tmp/docker')).toBeUndefined()
  })
})

describe('the docker line on this machine: real paths, and the mode of config.json', () => {
  const tempDir = tempDirs()
  const request: RegistryRequest = {
    line: 1,
    text: 'docker',
    format: 'docker',
    owner: 'acme',
    repository: undefined,
    options: new Map()
  }
  const refusalOf = (env: Record<string, string>): string => {
    const planned = docker.plan(request, createSystem({ env }).planContext(true))
    if (!('problems' in planned)) return 'planned'
    return (planned.refusals ?? []).map((r) => `${r.problem} | ${r.cause} | ${r.fix}`).join('\n')
  }

  test('a DOCKER_CONFIG that is a symbolic link into the workspace: refused', () => {
    const workspace = tempDir('workspace')
    const temp = tempDir('runner-temp')
    symlinkSync(workspace, join(temp, 'docker'))
    const refusal = refusalOf({ GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: join(temp, 'docker') })
    expect(refusal).toContain(
      `docker's config ${join(temp, 'docker')} (really ${workspace}) lies inside the workspace`
    )
    expect(refusal).toContain('through a symbolic link')
    expect(refusal).toContain('echo "DOCKER_CONFIG=$RUNNER_TEMP/docker" >> "$GITHUB_ENV"')
    // a folder that does not exist yet, below a link into the workspace
    const below = join(temp, 'docker', 'not-yet')
    expect(refusalOf({ GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: below })).toContain(
      'lies inside the workspace'
    )
    // config.json itself a link into the workspace
    const own = tempDir('docker-config')
    symlinkSync(join(workspace, 'config.json'), join(own, 'config.json'))
    expect(refusalOf({ GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: own })).toContain(
      `cannot tell where docker's config ${join(own, 'config.json')} really is`
    )
    writeFileSync(join(workspace, 'config.json'), '{}', { mode: 0o600 })
    expect(refusalOf({ GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: own })).toContain(
      `docker's config ${join(own, 'config.json')} (really ${join(workspace, 'config.json')}) lies inside the workspace`
    )
    expect(refusalOf({ GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: tempDir('elsewhere') })).toBe(
      'planned'
    )
  })

  test('a config.json others can read is refused (docker keeps its mode); 0600 or a store is planned', () => {
    const dir = tempDir('docker-config')
    const file = join(dir, 'config.json')
    writeFileSync(file, '{"auths":{"other.io":{}}}')
    chmodSync(file, 0o644)
    const refusal = refusalOf({ DOCKER_CONFIG: dir })
    expect(refusal).toContain(`${file} has mode 0644: other users of this machine can read it`)
    expect(refusal).toContain(`run chmod 600 ${file} before this step`)
    chmodSync(file, 0o600)
    expect(refusalOf({ DOCKER_CONFIG: dir })).toBe('planned')
    expect(refusalOf({ DOCKER_CONFIG: tempDir('fresh') })).toBe('planned')
  })

  test('a config.json that is there but cannot be read is refused, not taken as empty', () => {
    const dir = tempDir('docker-config')
    mkdirSync(join(dir, 'config.json'))
    expect(refusalOf({ DOCKER_CONFIG: dir })).toContain(
      'docker cannot read ' +
        join(dir, 'config.json') +
        ': ' +
        join(dir, 'config.json') +
        ' is a folder, not a regular file'
    )
  })
})

describe('createSystem on this machine', () => {
  const tempDir = tempDirs()
  const temp = (): string => tempDir('system-test')

  test('creates a new file under RUNNER_TEMP with mode 0600, never over an existing one, and removes it', () => {
    const runnerTemp = temp()
    const system = createSystem({ env: { RUNNER_TEMP: runnerTemp } })
    const path = join(runnerTemp, 'cloudsmith', 'npmrc')
    const identity = system.writeFile(path, 'registry=x\n')
    expect(readFileSync(path, 'utf8')).toBe('registry=x\n')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    chmodSync(path, 0o644)
    expect(() => system.writeFile(path, 'second\n')).toThrow(
      `refusing to write ${path}: something is already there`
    )
    expect(statSync(path).mode & 0o777).toBe(0o644)
    expect(readFileSync(path, 'utf8')).toBe('registry=x\n')
    expect(system.removeFile(path, identity)).toBe('removed')
    expect(existsSync(path)).toBe(false)
    expect(system.removeFile(path, identity)).toBe('gone')
  })

  test('refuses any other place, and RUNNER_TEMP unset', () => {
    const runnerTemp = temp()
    const outside = join(temp(), 'npmrc')
    const system = createSystem({ env: { RUNNER_TEMP: runnerTemp } })
    expect(() => system.writeFile(outside, 'x')).toThrow('files are written only under RUNNER_TEMP')
    expect(() => system.writeFile(join(runnerTemp, '..', 'x'), 'x')).toThrow(
      'files are written only under RUNNER_TEMP'
    )
    expect(() => system.removeFile(outside, { id: '1:1', sha256: '' })).toThrow(
      'only under RUNNER_TEMP'
    )
    expect(() => createSystem({ env: {} }).writeFile(outside, 'x')).toThrow('RUNNER_TEMP')
    expect(existsSync(outside)).toBe(false)
  })

  test('never through a symbolic link: neither a linked file nor a linked folder', () => {
    const runnerTemp = temp()
    const elsewhere = temp()
    const target = join(elsewhere, 'victim')
    writeFileSync(target, 'keep me')
    symlinkSync(target, join(runnerTemp, 'npmrc'))
    symlinkSync(elsewhere, join(runnerTemp, 'dir'))
    const system = createSystem({ env: { RUNNER_TEMP: runnerTemp } })
    expect(() => system.writeFile(join(runnerTemp, 'npmrc'), 'x')).toThrow()
    expect(() => system.writeFile(join(runnerTemp, 'dir', 'npmrc'), 'x')).toThrow(
      'its folder leads outside RUNNER_TEMP'
    )
    expect(readFileSync(target, 'utf8')).toBe('keep me')
    expect(existsSync(join(elsewhere, 'npmrc'))).toBe(false)
  })

  test('never through a hard link: a file elsewhere linked in at the name is left as it was', () => {
    const runnerTemp = temp()
    const victim = join(temp(), '.bashrc')
    writeFileSync(victim, 'echo user stuff\n', { mode: 0o644 })
    const path = join(runnerTemp, 'cloudsmith-oidc-npmrc.npmrc')
    linkSync(victim, path)
    const system = createSystem({ env: { RUNNER_TEMP: runnerTemp } })
    expect(() => system.writeFile(path, 'registry=https://elsewhere/\n')).toThrow(
      'something is already there'
    )
    expect(readFileSync(victim, 'utf8')).toBe('echo user stuff\n')
    expect(statSync(victim).mode & 0o777).toBe(0o644)
  })

  test('finds a program on PATH only when it can run', () => {
    const bin = temp()
    writeFileSync(join(bin, 'tool'), '#!/bin/sh\necho hi\n', { mode: 0o755 })
    writeFileSync(join(bin, 'data'), 'not a program', { mode: 0o644 })
    mkdirSync(join(bin, 'folder'))
    const system = createSystem({ env: { PATH: `/nonexistent:${bin}` } })
    expect(system.findProgram('tool')).toBe(join(bin, 'tool'))
    expect(system.findProgram('data')).toBeUndefined()
    expect(system.findProgram('folder')).toBeUndefined()
    expect(system.findProgram('missing')).toBeUndefined()
  })

  test('the plan context: HOME on Linux, USERPROFILE on Windows', () => {
    const env = { HOME: '/home/runner', USERPROFILE: 'C:\\Users\\runneradmin', RUNNER_TEMP: '/t' }
    expect(createSystem({ env, platform: 'linux' }).planContext(true)).toMatchObject({
      platform: 'linux',
      homeDir: '/home/runner',
      tempDir: '/t',
      exportEnv: true
    })
    expect(createSystem({ env, platform: 'win32' }).planContext(false)).toMatchObject({
      platform: 'win32',
      homeDir: 'C:\\Users\\runneradmin',
      exportEnv: false
    })
  })

  test('runs a program with the input on standard input and extra variables; reports a timeout', () => {
    const system = createSystem({ env: { PATH: process.env.PATH ?? '' } })
    const echoed = system.run(
      process.execPath,
      ['-e', 'process.stdin.pipe(process.stdout); console.error(process.env.EXTRA)'],
      { input: 'from stdin', env: { EXTRA: 'extra' }, deadline: eachOnly(10_000) }
    )
    expect(echoed).toEqual({ status: 0, stdout: 'from stdin', stderr: 'extra\n', error: undefined })
    const slow = system.run(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      deadline: eachOnly(200)
    })
    expect(slow.status).toBeNull()
    expect(slow.error).toBe(
      'did not finish within 0.2s (timeout-seconds), and was stopped with every process it started'
    )
    const missing = system.run('/nonexistent/docker', [], { deadline: eachOnly(1000) })
    expect(missing.status).toBeNull()
    expect(missing.error).toContain('ENOENT')
  })
})

/** A deadline that allows each program `ms`, with no overall budget. */
function eachOnly(ms: number): Deadline {
  return { eachMs: ms, limitMs: () => ms }
}

describe('planRegistries: what no plan may do', () => {
  const request: RegistryRequest = {
    line: 4,
    text: 'example repo',
    format: 'example' as RegistryRequest['format'],
    owner: 'acme',
    repository: 'repo',
    options: new Map()
  }
  const format = (steps: Plan['steps']): FormatModule => ({
    ...docker,
    format: 'example' as FormatModule['format'],
    plan: () => ({ request, title: 'example', steps, notes: [] })
  })
  const context = (tempDir: string) => ({
    platform: 'linux' as const,
    tempDir,
    homeDir: '/home/runner',
    env: {},
    exportEnv: true,
    readFile: () => undefined
  })
  const problemsOf = (steps: Plan['steps'], tempDir = '/runner/temp'): readonly string[] => {
    try {
      planRegistries([request], context(tempDir), new Map([['example', format(steps)]]))
      return []
    } catch (error) {
      if (error instanceof InputError) return [...error.problems, ...error.conflicts]
      throw error
    }
  }

  test('a file outside RUNNER_TEMP, or no RUNNER_TEMP at all', () => {
    expect(problemsOf([{ kind: 'file', path: '/home/runner/.npmrc', content: '' }])).toEqual([
      "Input 'registries' line 4 (example repo): the plan would write /home/runner/.npmrc, outside RUNNER_TEMP (/runner/temp); this is a bug in the action."
    ])
    expect(problemsOf([{ kind: 'file', path: '/runner/temp/npmrc', content: '' }], '')).toEqual([
      "Input 'registries' line 4 (example repo): RUNNER_TEMP is not set, and example needs a file there; run the action on a GitHub Actions runner."
    ])
    expect(problemsOf([{ kind: 'file', path: '/runner/temp/npmrc', content: '' }])).toEqual([])
  })

  test("a secret variable's earlier value kept in state", () => {
    expect(
      problemsOf([
        { kind: 'env', name: 'PIP_INDEX_URL', value: ['x'], secret: true, restore: 'old' }
      ])
    ).toEqual([
      "Input 'registries' line 4 (example repo): the plan would keep the earlier value of PIP_INDEX_URL, a secret, to restore it; this is a bug in the action."
    ])
  })

  test("a format's own problems stop the step like bad inputs", () => {
    const refusing: FormatModule = { ...docker, plan: () => ({ problems: ['line 4 clashes'] }) }
    expect(() =>
      planRegistries(
        [{ ...request, format: 'docker' }],
        context('/t'),
        new Map([['docker', refusing]])
      )
    ).toThrow(new InputError(['line 4 clashes']))
  })
})

describe('programCandidates: relative PATH entries are never used', () => {
  test('Linux: an empty entry, ., bin and ../x resolve against the workspace; skipped', () => {
    expect(programCandidates('docker', 'linux', { PATH: ':.:bin:../x:/usr/bin' })).toEqual([
      '/usr/bin/docker'
    ])
  })

  test('Windows: only a drive folder or a UNC path; never C:relative, \\rooted or .', () => {
    expect(
      programCandidates('docker', 'win32', {
        PATH: '.;bin;C:tools;\\rooted;C:\\bin;\\\\server\\share\\bin',
        PATHEXT: '.EXE'
      })
    ).toEqual(['C:\\bin\\docker.exe', '\\\\server\\share\\bin\\docker.exe'])
  })
})

describe('createSystem: post removes only the file this step wrote', () => {
  const tempDir = tempDirs()
  const temp = (): string => tempDir('system-identity')

  test('another file put at the name, a link, or changed content: left as it is', () => {
    const runnerTemp = temp()
    const system = createSystem({ env: { RUNNER_TEMP: runnerTemp } })
    const path = join(runnerTemp, 'npmrc')

    const first = system.writeFile(path, 'ours\n')
    expect(first.id).toMatch(/^\d+:\d+:\d+$/)
    // replaced: another file (another inode, made while ours still exists) with the same content
    writeFileSync(`${path}.other`, 'ours\n')
    renameSync(`${path}.other`, path)
    expect(system.removeFile(path, first)).toBe('replaced')
    expect(readFileSync(path, 'utf8')).toBe('ours\n')

    // a symbolic link at the name, even to the file itself
    rmSync(path)
    const second = system.writeFile(path, 'ours\n')
    renameSync(path, `${path}.moved`)
    symlinkSync(`${path}.moved`, path)
    expect(system.removeFile(path, second)).toBe('replaced')
    expect(lstatSync(path).isSymbolicLink()).toBe(true)

    // the same file, written to by someone after the step
    rmSync(path)
    const third = system.writeFile(path, 'ours\n')
    appendFileSync(path, 'theirs\n')
    expect(system.removeFile(path, third)).toBe('changed')
    expect(readFileSync(path, 'utf8')).toBe('ours\ntheirs\n')

    // a dangling link where the file was: nothing of ours, left
    rmSync(path)
    symlinkSync(join(runnerTemp, 'nowhere'), path)
    expect(system.removeFile(path, third)).toBe('replaced')
    expect(lstatSync(path).isSymbolicLink()).toBe(true)
  })
})
