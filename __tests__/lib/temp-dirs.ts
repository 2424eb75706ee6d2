/** Temporary folders for one test file, each removed after the test that made it. */
import { afterEach } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Call once at the top of a test file; the function it returns makes a folder named `name-...`. */
export function tempDirs(): (name: string) => string {
  const made: string[] = []
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return (name) => {
    const dir = mkdtempSync(join(tmpdir(), `${name}-`))
    made.push(dir)
    return dir
  }
}
