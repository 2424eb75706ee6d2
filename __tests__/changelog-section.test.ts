import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
  const changelog = readFileSync(join(ACTION_DIR, 'CHANGELOG.md'), 'utf8')

  test('has an Unreleased section; a version gets its own dated section only when it is tagged', () => {
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
    // every version section carries the date of its tag: no section for a release nobody published
    const versions = changelog.split('\n').filter((line) => /^## \[?v?\d/.test(line))
    for (const heading of versions)
      expect(heading).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/)
  })

  test("package.json's version is released (its section) or about to be (notes under Unreleased)", () => {
    const { version } = JSON.parse(readFileSync(join(ACTION_DIR, 'package.json'), 'utf8')) as {
      version: string
    }
    if (changelog.includes(`## [${version}]`)) {
      expect(changelogSection(changelog, version).length).toBeGreaterThan(0)
    } else {
      const start = changelog.indexOf('## [Unreleased]')
      const next = changelog.indexOf('\n## ', start + 1)
      const unreleased = changelog.slice(start, next < 0 ? undefined : next)
      expect(unreleased).toMatch(/^- /m)
    }
  })

  test('the script prints the section, as the release workflow runs it', () => {
    // a copy of the script beside a sample CHANGELOG.md: it reads the file next to its folder
    const root = mkdtempSync(join(tmpdir(), 'changelog-'))
    try {
      mkdirSync(join(root, 'scripts'))
      const script = join(root, 'scripts', 'changelog-section.ts')
      copyFileSync(join(ACTION_DIR, 'scripts', 'changelog-section.ts'), script)
      writeFileSync(join(root, 'CHANGELOG.md'), SAMPLE)
      const ok = spawnSync(actionNode().path, [script, '1.2.0'], { encoding: 'utf8' })
      expect(ok.stderr).toBe('')
      expect(ok.status).toBe(0)
      expect(ok.stdout).toBe(`${changelogSection(SAMPLE, '1.2.0')}\n`)

      const missing = spawnSync(actionNode().path, [script, '0.0.1'], { encoding: 'utf8' })
      expect(missing.status).toBe(1)
      expect(missing.stdout).toBe('')
      expect(missing.stderr).toContain('CHANGELOG.md has no section for 0.0.1')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
