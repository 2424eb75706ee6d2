import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { changelogSection } from '../scripts/changelog-section.js'
import { ACTION_DIR, actionNode } from './e2e/harness.js'

const SAMPLE = `# Changelog

Intro text.

## [Unreleased]

- Next thing.

## [1.2.0] - 2026-12-01

### Added

- Feature A.
- Feature B.

## 1.1.0

- Plain heading, no brackets.

## [1.0.0] - 2026-11-28

- First.

[1.2.0]: https://example.test/compare/v1.1.0...v1.2.0
[1.0.0]: https://example.test/releases/tag/v1.0.0
`

describe('changelogSection', () => {
  test('returns the body of the version up to the next section', () => {
    expect(changelogSection(SAMPLE, '1.2.0')).toBe('### Added\n\n- Feature A.\n- Feature B.')
  })

  test('accepts a heading without brackets and date', () => {
    expect(changelogSection(SAMPLE, '1.1.0')).toBe('- Plain heading, no brackets.')
  })

  test('the last section stops before the link reference definitions', () => {
    expect(changelogSection(SAMPLE, '1.0.0')).toBe('- First.')
  })

  test('matches the version exactly (not 10.0.0, 1.0.01 or 1x0x0)', () => {
    const text = '## [10.0.0]\n\n- ten\n\n## [1.0.01]\n\n- odd\n'
    expect(() => changelogSection(text, '1.0.0')).toThrow('no section for 1.0.0')
    expect(() => changelogSection(text.replace('10.0.0', '1x0x0'), '1.0.0')).toThrow(
      'no section for 1.0.0'
    )
  })

  test('a missing version says how to add it', () => {
    expect(() => changelogSection(SAMPLE, '9.9.9')).toThrow(
      'CHANGELOG.md has no section for 9.9.9: add "## [9.9.9] - YYYY-MM-DD"'
    )
  })

  test('an empty section is an error', () => {
    expect(() => changelogSection('## [2.0.0]\n\n## [1.0.0]\n- x\n', '2.0.0')).toThrow(
      'the CHANGELOG.md section for 2.0.0 is empty'
    )
  })

  test('a malformed version is an error', () => {
    expect(() => changelogSection(SAMPLE, 'v1.2.0')).toThrow('"v1.2.0" is not a version like 1.2.3')
    expect(() => changelogSection(SAMPLE, '')).toThrow('is not a version')
  })
})

describe('CHANGELOG.md', () => {
  test("has release notes for package.json's version (the release workflow needs them)", () => {
    const { version } = JSON.parse(readFileSync(join(ACTION_DIR, 'package.json'), 'utf8')) as {
      version: string
    }
    const changelog = readFileSync(join(ACTION_DIR, 'CHANGELOG.md'), 'utf8')
    expect(changelogSection(changelog, version).length).toBeGreaterThan(0)
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
  })

  test('the script prints the section, as the release workflow runs it', () => {
    const script = join(ACTION_DIR, 'scripts', 'changelog-section.ts')
    const changelog = readFileSync(join(ACTION_DIR, 'CHANGELOG.md'), 'utf8')
    const ok = spawnSync(actionNode().path, [script, '1.0.0'], { encoding: 'utf8' })
    expect(ok.stderr).toBe('')
    expect(ok.status).toBe(0)
    expect(ok.stdout).toBe(`${changelogSection(changelog, '1.0.0')}\n`)

    const missing = spawnSync(actionNode().path, [script, '0.0.1'], { encoding: 'utf8' })
    expect(missing.status).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toContain('CHANGELOG.md has no section for 0.0.1')
  })
})
