/**
 * `registries: go`, end to end: the committed dist/ under the runner emulator, then the real go
 * (Debian's golang-go) as a later step of the job, building a program that needs a private module
 * from a fake Cloudsmith Go proxy on loopback (TLS: go sends no credentials over plain http) that
 * refuses anything but Basic `token:<the key the exchange handed out>`, then the post step
 * clearing the variables. go runs with its own GOPATH and caches, and never reaches
 * proxy.golang.org or sum.golang.org: the module is in GONOSUMDB through modules=.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectCleanRun, lastKey } from './e2e/expectations.js'
import { expectDryRun, expectRefusedBeforeExchange } from './e2e/registries-steps.js'
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
  type FakeGoProxy,
  type GoModule,
  goProject,
  requireGo,
  startFakeGoProxy
} from './support/fake-go-proxy.js'

requireBundle()
requireGo()
const TIMEOUT = 180_000
const MODULE: GoModule = {
  path: 'acme.example/greet',
  version: 'v1.2.0',
  files: { 'greet.go': 'package greet\n\nfunc Hello() string { return "hello from acme" }\n' }
}
const MAIN =
  'package main\n\nimport "acme.example/greet"\n\nfunc main() { println(greet.Hello()) }\n'

describe('registries: go, with the real go', () => {
  let stage: Stage
  let proxy: FakeGoProxy
  let root: string

  beforeAll(async () => {
    stage = await startStage()
    // an organization-wide custom domain: the proxy is at /REPO/
    proxy = await startFakeGoProxy({
      prefix: '/go-private/',
      keys: () => stage.cloudsmith.issuedTokens(),
      modules: [MODULE]
    })
    root = mkdtempSync(join(tmpdir(), 'e2e-go-'))
  })
  afterAll(async () => {
    await proxy?.close()
    await stage?.close()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  const line = (): string => `go go-private host=${proxy.host} modules=acme.example/*`

  test(
    'main sets go up, a later step builds with the private module, post clears GOPROXY and puts GONOSUMDB back',
    async () => {
      let seen: Record<string, string | undefined> = {}
      let build: ProgramRun | undefined
      let withoutKey: ProgramRun | undefined
      const result = await runStep(stage, {
        with: { registries: line() },
        // set by the workflow: the step adds to it, post puts it back
        env: { GONOSUMDB: 'git.example.org' },
        timeoutMs: TIMEOUT / 4,
        between: async (env) => {
          seen = { proxy: env.GOPROXY, noSumDb: env.GONOSUMDB }
          const project = goProject(MODULE, MAIN, env, proxy.caFile, join(root, 'with-key'))
          build = await runProgram('go', ['run', '.'], {
            env: project.env,
            cwd: project.dir,
            timeoutMs: TIMEOUT / 3
          })
          // the same build with the proxy but no key: the fake refuses it
          const bare = goProject(MODULE, MAIN, env, proxy.caFile, join(root, 'without-key'))
          withoutKey = await runProgram('go', ['mod', 'download', MODULE.path], {
            env: { ...bare.env, GOPROXY: `https://${proxy.host}/go-private/` },
            cwd: bare.dir,
            timeoutMs: TIMEOUT / 4
          })
        }
      })
      try {
        expectCleanRun(result, stage)
        const key = lastKey(stage)
        expect(seen).toEqual({
          proxy: `https://token:${key}@${proxy.host}/go-private/`,
          noSumDb: 'git.example.org,acme.example/*'
        })
        expect({ status: build?.status, stderr: build?.stderr }).toEqual({
          status: 0,
          stderr: expect.stringContaining('hello from acme')
        })
        expect(`${build?.stdout}${build?.stderr}`).not.toContain(key)
        expect(proxy.requests).toEqual(
          expect.arrayContaining([
            { path: `${MODULE.path}/@v/${MODULE.version}.mod`, authorization: 'accepted' },
            { path: `${MODULE.path}/@v/${MODULE.version}.zip`, authorization: 'accepted' }
          ])
        )
        expect(withoutKey?.status).not.toBe(0)
        expect(withoutKey?.stderr).toContain('401 Unauthorized')
        expect(proxy.requests.filter((request) => request.authorization === 'refused')).toEqual([])
        // the whole proxy URL is masked before it is exported
        expect(result.main.masks).toEqual(
          expect.arrayContaining([key, `https://token:${key}@${proxy.host}/go-private/`])
        )
        expect(renderLog(result.main)).toEqual(
          expect.arrayContaining([
            `go: every module through https://token:***@${proxy.host}/go-private/; acme.example/* not looked up in sum.golang.org`,
            '  Exported GOPROXY.',
            '  Exported GONOSUMDB.'
          ])
        )
        expect(result.post?.env).toEqual(
          expect.objectContaining({ GOPROXY: '', GONOSUMDB: 'git.example.org' })
        )
        expect(renderLog(result.post!)).toEqual(
          expect.arrayContaining([
            'Cleared GOPROXY for the rest of the job.',
            'Put GONOSUMDB back to its value before the action.'
          ])
        )
        expect(result.main.summary).toContain('GOPROXY')
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
          `    export GOPROXY=https://token:***@${proxy.host}/go-private/`,
          '    export GONOSUMDB=acme.example/*'
        ],
        TIMEOUT / 4
      ),
    TIMEOUT
  )

  test(
    'a pattern without a domain is refused before any request, naming the line',
    () =>
      expectRefusedBeforeExchange(
        stage,
        'go go-private modules=acme/*',
        "Input 'registries' line 1 (go go-private modules=acme/*): modules=acme/* has 'acme/*' does not start with a domain name",
        TIMEOUT / 4
      ),
    TIMEOUT
  )
})
