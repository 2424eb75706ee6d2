import { expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ACTION_VERSION, USER_AGENT } from '../src/version.js'

test('the User-Agent version is package.json version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  expect(ACTION_VERSION).toBe(pkg.version)
  expect(USER_AGENT).toBe(`cloudsmith-oidc-action/${pkg.version}`)
})
