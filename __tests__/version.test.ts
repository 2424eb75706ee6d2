/** The version lives in package.json alone and reaches the User-Agent of dist/ at build time. */
import { expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ACTION_VERSION } from '../src/version.js'

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8')
const pkg = JSON.parse(read('../package.json')) as { version: string }

test('the sources hold a placeholder, not a version of their own', () => {
  expect(ACTION_VERSION).toBe('0.0.0-unbundled')
  expect(read('../src/version.ts')).not.toContain(pkg.version)
})

test("dist/ sends package.json's version as its User-Agent", () => {
  const bundle = read('../dist/index.js')
  expect(bundle).not.toContain('0.0.0-unbundled')
  // minified: `const Le="1.0.0"`
  expect(bundle).toMatch(new RegExp(`=\\s*${JSON.stringify(pkg.version).replace(/\./g, '\\.')}`))
})
