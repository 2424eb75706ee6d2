/** Runs the main step in-process against scripted loopback servers, recording the runner's side. */
import { afterEach, expect } from '@jest/globals'
import { createHttp } from '../../src/http.js'
import { main } from '../../src/main.js'
import type { System } from '../../src/system.js'
import type { RefreshDeps } from '../../src/refresh/step.js'
import { USER_AGENT } from '../../src/version.js'
import { githubClaims, jwt } from './jwt.js'
import { leaks, recorder, type Recorder } from './recorder.js'
import { scriptedServer, type ScriptedServer, type Step } from './scripted-server.js'
import type { JWTPayload } from 'jose'

const servers: ScriptedServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

export async function cloudsmith(...steps: Step[]): Promise<ScriptedServer> {
  const server = await scriptedServer(steps)
  servers.push(server)
  return server
}

export interface Run {
  rec: Recorder
  slept: number[]
  idTokens: string[]
  audiences: Array<string | undefined>
}

export async function run(
  server: ScriptedServer,
  inputs: Record<string, string> = {},
  options: {
    idTokenLifetime?: number
    env?: Record<string, string>
    event?: unknown
    claims?: JWTPayload
    /** For the registries input (files, programs). */
    system?: System
    /** For refresh: true. */
    refresh?: RefreshDeps
  } = {}
): Promise<Run> {
  const rec = recorder({
    org: 'acme',
    'service-slug': 'ci-publisher',
    'api-url': server.url,
    'max-attempts': '3',
    'timeout-seconds': '2',
    ...inputs
  })
  const slept: number[] = []
  let skew = 0
  const idTokens: string[] = []
  const audiences: Array<string | undefined> = []
  await main({
    io: rec,
    env: options.env ?? {
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?x=1',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
    },
    readEvent: () => options.event ?? {},
    getIdToken: async (audience) => {
      audiences.push(audience)
      const value = await jwt(
        {
          ...githubClaims,
          aud: audience ?? 'https://github.com/acme',
          jti: String(idTokens.length),
          ...options.claims
        },
        options.idTokenLifetime ?? 300
      )
      idTokens.push(value)
      return value
    },
    http: createHttp(USER_AGENT),
    clock: {
      now: () => Date.now() + skew,
      sleep: async (ms) => {
        slept.push(ms)
        skew += ms // time passes for the action, not for the test
      }
    },
    random: () => 0.5,
    ...(options.system ? { system: options.system } : {}),
    ...(options.refresh ? { refresh: options.refresh } : {})
  })
  return { rec, slept, idTokens, audiences }
}

export async function cloudsmithKey(lifetimeSeconds = 5400): Promise<string> {
  return jwt({ sub: 'ci-publisher', iss: 'cloudsmith' }, lifetimeSeconds)
}

export function expectNoLeak(r: Run, key?: string): void {
  for (const secret of [...r.idTokens, ...(key ? [key] : [])]) {
    expect(leaks(r.rec, secret)).toEqual([])
    for (const text of r.rec.summary) expect(text).not.toContain(secret)
  }
}
