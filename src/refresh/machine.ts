/**
 * The machine as setting up and removing the refresh helper uses it: new folders and programs
 * under RUNNER_TEMP (0700, created here or not at all), the key cache (key-files.ts), docker's
 * config.json replaced whole (a new 0600 file renamed over it, next to its real path, as docker
 * saves it), and the helper's folder removed whole. Anything under RUNNER_TEMP that is not where
 * it should be is refused.
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { isInside } from '../registries/paths.js'
import { keyFiles, replaceWhole, writeNew } from './key-files.js'

export interface RefreshMachine {
  readonly platform: NodeJS.Platform
  /** A new folder under RUNNER_TEMP, mode 0700; throws when anything is at the name. */
  makeDir(path: string): void
  /** A new program under RUNNER_TEMP, mode 0700; throws when anything is at the name. */
  writeProgram(path: string, content: string): void
  /** Writes the key cache in the helper's folder. */
  writeCache(dir: string, text: string): void
  /** The key cache's text, if it is there and private. */
  readCache(dir: string): string | undefined
  /** A file's text; undefined when nothing is at the name. */
  readFile(path: string): string | undefined
  /** Replaces a file (or creates it and its folder) with `text`, mode 0600, in one rename. */
  replaceFile(path: string, text: string): void
  /** Removes the helper's folder and all in it; false when it was gone. */
  removeTree(path: string): boolean
}

export function createRefreshMachine(
  tempDir: string,
  platform: NodeJS.Platform = process.platform
): RefreshMachine {
  const requireInsideTemp = (path: string): void => {
    if (tempDir === '' || !isInside(tempDir, path, platform)) {
      throw new Error(`refusing to touch ${path}: the refresh helper lives only under RUNNER_TEMP`)
    }
  }
  return {
    platform,
    makeDir(path) {
      requireInsideTemp(path)
      mkdirSync(path, { mode: 0o700 }) // EEXIST when anything is there
      chmodSync(path, 0o700)
    },
    writeProgram(path, content) {
      requireInsideTemp(path)
      writeNew(path, content, 0o700)
    },
    writeCache(dir, text) {
      requireInsideTemp(dir)
      keyFiles(dir).writeCache(text)
    },
    readCache(dir) {
      return keyFiles(dir).readCache()
    },
    readFile(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    replaceFile(path, text) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
      let real = path
      try {
        real = realpathSync(path)
      } catch {
        // not there yet
      }
      replaceWhole(real, text)
    },
    removeTree(path) {
      requireInsideTemp(path)
      try {
        if (!lstatSync(path).isDirectory()) throw new Error(`${path} is not a folder`)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
        throw error
      }
      rmSync(path, { recursive: true, force: true })
      return true
    }
  }
}
