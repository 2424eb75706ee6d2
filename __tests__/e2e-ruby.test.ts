/**
 * `registries: ruby`, end to end: the committed dist/ under the runner emulator, then the real
 * Bundler (Debian's ruby-bundler) as a later step of the job, installing a gem from a source block
 * on a fake Cloudsmith Ruby repository on loopback (TLS) that refuses anything but Basic
 * `token:<the key the exchange handed out>`, and a plain `gem push` going to the repository with
 * the key; then the post step clearing the variables. Bundler runs with its own HOME, config and
 * install path.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import { expectDryRun, expectRefusedBeforeExchange } from './e2e/registries-steps.js'
import { bundlerVariable as planned } from '../src/registries/ruby.js'
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
  buildGem,
  bundlerProject,
  type FakeGemServer,
  requireBundler,
  startFakeGemServer
} from './support/fake-gem-server.js'

requireBundle()
requireBundler()
const TIMEOUT = 180_000
const GEM = {
  name: 'acme_greet',
  version: '1.2.0',
  lib: 'module AcmeGreet\n  def self.hello = "hello from acme"\nend\n'
}

describe('registries: ruby, with the real bundle and gem', () => {
  let stage: Stage
  let server: FakeGemServer
  let root: string

  beforeAll(async () => {
    stage = await startStage()
    // organization-wide custom domains: the source is /basic/REPO/ruby/, gem push goes to /REPO
    server = await startFakeGemServer({
      prefix: '/basic/gems/ruby/',
      pushPrefix: '/gems/',
      keys: () => stage.cloudsmith.issuedTokens(),
      gems: [GEM]
    })
    root = mkdtempSync(join(tmpdir(), 'e2e-ruby-'))
  })
  afterAll(async () => {
    await server?.close()
    await stage?.close()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  const line = (): string => `ruby gems host=${server.host} upload-host=${server.host}`
  const bundlerVariable = (): string => 'BUNDLE_127__0__0__1'

  test(
    'main sets Bundler and gem push up, a later step installs and pushes, post clears the variables',
    async () => {
      let seen: Record<string, string | undefined> = {}
      let install: ProgramRun | undefined
      let run: ProgramRun | undefined
      let push: ProgramRun | undefined
      let withoutKey: ProgramRun | undefined
      const source = `https://${server.host}/basic/gems/ruby/`
      const result = await runStep(stage, {
        with: { registries: line() },
        timeoutMs: TIMEOUT / 4,
        between: async (env) => {
          seen = {
            bundler: env[bundlerVariable()],
            apiKey: env.GEM_HOST_API_KEY,
            host: env.RUBYGEMS_HOST
          }
          const project = bundlerProject(GEM, source, env, server.caFile, join(root, 'with-key'))
          const options = { env: project.env, cwd: project.dir, timeoutMs: TIMEOUT / 4 }
          install = await runProgram('bundle', ['install'], options)
          run = await runProgram(
            'bundle',
            ['exec', 'ruby', '-e', `require "${GEM.name}"; puts AcmeGreet.hello`],
            options
          )
          const gem = buildGem(
            { name: 'acme_tool', version: '0.1.0', lib: 'module AcmeTool; end\n' },
            join(root, 'tool')
          )
          // no --host: RUBYGEMS_HOST names the repository
          push = await runProgram('gem', ['push', gem], options)
          // the same install without the key: the server refuses it
          const bare = bundlerProject(GEM, source, {}, server.caFile, join(root, 'without-key'))
          withoutKey = await runProgram('bundle', ['install'], {
            env: { ...bare.env, PATH: env.PATH ?? '' },
            cwd: bare.dir,
            timeoutMs: TIMEOUT / 4
          })
        }
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        expect(seen).toEqual({
          bundler: `token:${key}`,
          apiKey: key,
          host: `https://${server.host}/gems`
        })
        expect({ status: install?.status, stdout: install?.stdout }).toEqual({
          status: 0,
          stdout: expect.stringContaining(`Installing ${GEM.name} ${GEM.version}`)
        })
        expect({ status: run?.status, stdout: run?.stdout }).toEqual({
          status: 0,
          stdout: 'hello from acme\n'
        })
        expect({ status: push?.status, stdout: push?.stdout }).toEqual({
          status: 0,
          stdout: expect.stringContaining('Successfully registered gem')
        })
        expect(server.pushed).toHaveLength(1)
        for (const out of [install, run, push])
          expect(`${out?.stdout}${out?.stderr}`).not.toContain(key)
        expect(server.requests).toEqual(
          expect.arrayContaining([
            { method: 'GET', path: '/basic/gems/ruby/versions', authorization: 'accepted' },
            {
              method: 'GET',
              path: `/basic/gems/ruby/gems/${GEM.name}-${GEM.version}.gem`,
              authorization: 'accepted'
            },
            { method: 'POST', path: '/gems/api/v1/gems', authorization: 'accepted' }
          ])
        )
        expect(withoutKey?.status).not.toBe(0)
        expect(`${withoutKey?.stdout}${withoutKey?.stderr}`).toContain('Authentication is required')
        expect(result.main.masks).toEqual(expect.arrayContaining([key, `token:${key}`]))
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `ruby: Bundler from ${source} as token, gem push to https://${server.host}/gems`,
            `  Exported ${bundlerVariable()}.`,
            '  Exported GEM_HOST_API_KEY.',
            '  Exported RUBYGEMS_HOST.'
          ])
        )
        expect(result.post?.env).toEqual(
          expect.objectContaining({
            [bundlerVariable()]: '',
            GEM_HOST_API_KEY: '',
            RUBYGEMS_HOST: ''
          })
        )
      } finally {
        result.cleanup()
      }
    },
    TIMEOUT
  )

  test(
    'a dry run prints the variables, the key as ***, and sets nothing',
    () =>
      expectDryRun(
        stage,
        line(),
        [
          `    export ${bundlerVariable()}=token:***`,
          '    export GEM_HOST_API_KEY=***',
          `    export RUBYGEMS_HOST=https://${server.host}/gems`
        ],
        TIMEOUT / 4
      ),
    TIMEOUT
  )

  test(
    'a second ruby line is refused before any request, naming both lines',
    () =>
      expectRefusedBeforeExchange(
        stage,
        'ruby gems\nruby more-gems',
        "Input 'registries' line 2 (ruby more-gems): a second ruby line (line 1 is one)",
        TIMEOUT / 4
      ),
    TIMEOUT
  )

  test("the plan names each host's variable as Bundler itself does (Settings.key_for of the source's host)", () => {
    const hosts = [
      'dl.cloudsmith.io',
      'gems.my-company.example',
      'Gems.Acme.com:8443',
      '127.0.0.1:4443'
    ]
    const script =
      'require "bundler"; require "uri"; ARGV.each { |h| puts Bundler::Settings.key_for(URI("https://#{h}/basic/x/ruby/").host) }'
    const bundler = execFileSync('ruby', ['-e', script, ...hosts], { encoding: 'utf8' })
    expect(bundler.trim().split('\n')).toEqual(hosts.map((host) => planned(host)))
  })
})
