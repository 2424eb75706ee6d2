/**
 * Prints the CHANGELOG.md section of one version, the notes of its GitHub release:
 *
 *   node scripts/changelog-section.ts 1.2.3
 *
 * (Node 24 runs this TypeScript file as it is; it uses only erasable syntax and node: modules.)
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/

/**
 * The body of the `## [<version>]` section (Keep a Changelog headings; brackets and date optional),
 * up to the next `## ` heading, without link reference definitions, trimmed. Throws when the
 * version is malformed, has no section or an empty one.
 */
export function changelogSection(changelog: string, version: string): string {
  if (!VERSION.test(version)) {
    throw new Error(`${JSON.stringify(version)} is not a version like 1.2.3`)
  }
  const lines = changelog.split(/\r?\n/)
  const escaped = version.replace(/[.+-]/g, '\\$&')
  const heading = new RegExp(`^## \\[?v?${escaped}\\]?(?:\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) {
    throw new Error(
      `CHANGELOG.md has no section for ${version}: add "## [${version}] - YYYY-MM-DD" with the ` +
        `changes of this release (move them from "Unreleased")`
    )
  }
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '))
  const body = lines
    .slice(start + 1, next < 0 ? lines.length : next)
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
    .join('\n')
    .trim()
  if (body === '') {
    throw new Error(`the CHANGELOG.md section for ${version} is empty: list the release's changes`)
  }
  return body
}

const invoked = process.argv[1]
if (invoked !== undefined && resolve(invoked) === fileURLToPath(import.meta.url)) {
  try {
    const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8')
    process.stdout.write(`${changelogSection(changelog, process.argv[2] ?? '')}\n`)
  } catch (error) {
    console.error(`changelog-section: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
