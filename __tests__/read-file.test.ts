/**
 * src/read-file.ts on this machine: a file from outside is read only when it is a regular file
 * within the limit, and never blocks (a named pipe with no writer, /dev/zero).
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { InputError } from '../src/inputs.js'
import { FORMATS } from '../src/registries/formats.js'
import type { RegistryRequest } from '../src/registries/plan.js'
import { planRegistries } from '../src/registries/plans.js'
import { readRegularFile, textOrUndefined, UnreadableFileError } from '../src/read-file.js'
import { createSystem } from '../src/system.js'
import { tempDirs } from './lib/temp-dirs.js'

const tempDir = tempDirs()

function fifo(dir: string, name = 'pipe'): string {
  const path = join(dir, name)
  expect(spawnSync('mkfifo', [path]).status).toBe(0)
  return path
}

describe('readRegularFile', () => {
  test('a regular file, and a symbolic link to one: its text', () => {
    const dir = tempDir('read')
    writeFileSync(join(dir, 'a'), 'text\n')
    symlinkSync(join(dir, 'a'), join(dir, 'link'))
    expect(readRegularFile(join(dir, 'a'), 100)).toEqual({ kind: 'text', text: 'text\n' })
    expect(readRegularFile(join(dir, 'link'), 100)).toEqual({ kind: 'text', text: 'text\n' })
  })

  test('nothing at the name, or a folder on the way that is a file: missing', () => {
    const dir = tempDir('read')
    writeFileSync(join(dir, 'file'), '')
    expect(readRegularFile(join(dir, 'none'), 100)).toEqual({ kind: 'missing' })
    expect(readRegularFile(join(dir, 'file', 'below'), 100)).toEqual({ kind: 'missing' })
  })

  test('a named pipe with no writer is refused at once, not waited on', () => {
    const path = fifo(tempDir('read'))
    const started = Date.now()
    expect(readRegularFile(path, 100)).toEqual({
      kind: 'refused',
      why: `${path} is a named pipe (FIFO), not a regular file`
    })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  test('/dev/zero, a folder and a symbolic link that leads nowhere are refused', () => {
    const dir = tempDir('read')
    symlinkSync(join(dir, 'nothing'), join(dir, 'dangling'))
    mkdirSync(join(dir, 'folder'))
    expect(readRegularFile('/dev/zero', 100)).toEqual({
      kind: 'refused',
      why: '/dev/zero is a character device, not a regular file'
    })
    expect(readRegularFile(join(dir, 'folder'), 100)).toMatchObject({ kind: 'refused' })
    expect(readRegularFile(join(dir, 'dangling'), 100)).toEqual({
      kind: 'refused',
      why: `${join(dir, 'dangling')} is a symbolic link that leads nowhere`
    })
  })

  test('a file over the limit is refused; one at the limit is read', () => {
    const dir = tempDir('read')
    writeFileSync(join(dir, 'big'), 'x'.repeat(101))
    writeFileSync(join(dir, 'full'), 'x'.repeat(100))
    expect(readRegularFile(join(dir, 'big'), 100)).toMatchObject({ kind: 'refused' })
    expect(readRegularFile(join(dir, 'full'), 100)).toEqual({ kind: 'text', text: 'x'.repeat(100) })
  })

  test('textOrUndefined: text, undefined for missing, an UnreadableFileError for refused', () => {
    expect(textOrUndefined({ kind: 'text', text: 'a' })).toBe('a')
    expect(textOrUndefined({ kind: 'missing' })).toBeUndefined()
    expect(() => textOrUndefined({ kind: 'refused', why: 'x is a socket' })).toThrow(
      new UnreadableFileError('x is a socket')
    )
  })

  test("the System's readFile and the plan context's refuse a named pipe by throwing", () => {
    const path = fifo(tempDir('read'))
    const system = createSystem({ env: {} })
    expect(() => system.readFile(path)).toThrow(UnreadableFileError)
    expect(() => system.planContext(false).readFile(path)).toThrow(/named pipe/)
    expect(system.readRegularFile(path, 10)).toMatchObject({ kind: 'refused' })
  })
})

describe('planning refuses a line whose file is not a regular file', () => {
  const npmLine: RegistryRequest = {
    line: 1,
    text: 'npm npm-private',
    format: 'npm',
    owner: 'acme',
    repository: 'npm-private',
    options: new Map()
  }

  test.each([
    ['the user config named by NPM_CONFIG_USERCONFIG', 'user'],
    ['the npm config name probed under RUNNER_TEMP', 'probe']
  ])('a named pipe at %s: the line is refused at once', (_, where) => {
    const dir = tempDir('plan')
    const temp = join(dir, 'temp')
    mkdirSync(temp)
    const env: Record<string, string> = { RUNNER_TEMP: temp, HOME: dir, GITHUB_ACTION: 'step' }
    if (where === 'user') env['NPM_CONFIG_USERCONFIG'] = fifo(dir)
    else fifo(temp, 'cloudsmith-oidc-npmrc-step.npmrc')
    const context = createSystem({ env }).planContext(true)
    let thrown: unknown
    try {
      planRegistries([npmLine], context, FORMATS)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    expect(String((thrown as Error).message)).toMatch(
      /Input 'registries' line 1 \(npm npm-private\): .* is a named pipe \(FIFO\), not a regular file; the step reads only regular files/
    )
  })
})
