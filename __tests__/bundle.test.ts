/**
 * What dist/ holds (bench/README.md, "What the bundle holds"): CommonJS that requires only Node's
 * built-ins, none of the code the action never runs (undici, @actions/exec, @actions/io), and no
 * source-map registration at start-up.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import { ACTION_DIR, actionNode, requireBundle } from './e2e/harness.js'

requireBundle()
const dist = (name: string): string => readFileSync(join(ACTION_DIR, 'dist', name), 'utf8')
const bundle = dist('index.js')

describe('dist/', () => {
  test('is CommonJS whose only outside modules are Node built-ins', () => {
    expect(JSON.parse(dist('package.json'))).toEqual({ type: 'commonjs' })
    expect(bundle).not.toMatch(/^\s*import\s|import\.meta/m)
    const required = [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1])
    expect(required.length).toBeGreaterThan(0)
    expect(required.filter((name) => !isBuiltin(name ?? ''))).toEqual([])
    for (const entry of ['main.js', 'post.js']) {
      expect(dist(entry)).toMatch(/^require\('\.\/index\.js'\)\.run(Main|Post)\(\)$/m)
    }
  })

  test('ships none of undici, @actions/exec or @actions/io', () => {
    const licensed = dist('licenses.txt')
    for (const name of ['undici', '@actions/exec', '@actions/io']) {
      expect(licensed).not.toMatch(new RegExp(`^${name}$`, 'm'))
    }
    expect(licensed).toMatch(/^@actions\/http-client$/m)
    // the stub that throws stands in for undici (the one for @actions/exec is never used at all)
    expect(bundle).toContain('undici is not bundled in this action')
  })

  test('registers no source maps at start-up', () => {
    expect(readdirSync(join(ACTION_DIR, 'dist')).filter((name) => /sourcemap/.test(name))).toEqual(
      []
    )
    expect(bundle).not.toMatch(/sourcemap-register|source-map-support/)
  })
})

test('loading the bundle starts no node:child_process (only registries runs programs)', () => {
  const loaded = spawnSync(
    actionNode().path,
    [
      '-e',
      `require(${JSON.stringify(join(ACTION_DIR, 'dist', 'index.js'))}); console.log(JSON.stringify(process.moduleLoadList))`
    ],
    { encoding: 'utf8' }
  )
  expect(loaded.status).toBe(0)
  const modules = JSON.parse(loaded.stdout) as string[]
  expect(modules).toContain('NativeModule fs')
  expect(modules.filter((name) => /child_process/.test(name))).toEqual([])
})
