/**
 * The helper's files in its folder under RUNNER_TEMP: the key cache (mode 0600, replaced whole by
 * renaming a new file over it, so a reader sees the old key or the new one, never half of one)
 * and the lock that lets one caller exchange while the others wait. Nothing here is ever written
 * through a link, and a cache that is not a plain file of this user's, readable by no one else, is
 * taken as missing (and then replaced).
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'

export const CACHE_FILE = 'key.json'
export const LOCK_FILE = 'key.lock'

/** Who holds the lock: the process and when it took it (from the file's age if unreadable). */
export interface LockHolder {
  readonly pid: number | undefined
  readonly sinceMs: number
  /** The lock file's text, to tell this lock from a later one. */
  readonly text: string
}

export interface KeyFiles {
  /** The cache's text; undefined when missing or not a private plain file of this user's. */
  readCache(): string | undefined
  /** Replaces the cache: a new 0600 file renamed over the old one. */
  writeCache(text: string): void
  /** Takes the lock if no one holds it; false when someone does. */
  tryLock(nowMs: number): boolean
  /** Who holds the lock now; undefined when no one. */
  lockHolder(): LockHolder | undefined
  /** Removes a lock judged stale, unless it changed hands since it was read. */
  breakLock(holder: LockHolder): void
  /** Gives the lock back, if it is still this process's. */
  unlock(): void
}

const NO_FOLLOW = process.platform === 'win32' ? 0 : constants.O_NOFOLLOW

/** The helper's files in `dir`, for the process `pid`. */
export function keyFiles(dir: string, pid: number = process.pid): KeyFiles {
  const cachePath = join(dir, CACHE_FILE)
  const lockPath = join(dir, LOCK_FILE)
  let ownLock: string | undefined

  return {
    readCache() {
      return readPrivate(cachePath)
    },
    writeCache(text) {
      replaceWhole(cachePath, text)
    },
    tryLock(nowMs) {
      const text = `${pid} ${nowMs} ${randomBytes(6).toString('hex')}\n`
      try {
        writeNew(lockPath, text)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
        throw error
      }
      ownLock = text
      return true
    },
    lockHolder() {
      let text: string
      let mtimeMs: number
      try {
        mtimeMs = lstatSync(lockPath).mtimeMs
        text = readFileSync(lockPath, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
      const match = /^(\d+) (\d+) [0-9a-f]+\n$/.exec(text)
      return match
        ? { pid: Number(match[1]), sinceMs: Number(match[2]), text }
        : { pid: undefined, sinceMs: mtimeMs, text }
    },
    breakLock(holder) {
      // read again right before removing: a lock taken since is left alone (a race narrowed to
      // microseconds; losing it costs one extra exchange, never a wrong key)
      if (readQuietly(lockPath) === holder.text) removeQuietly(lockPath)
    },
    unlock() {
      if (ownLock !== undefined && readQuietly(lockPath) === ownLock) removeQuietly(lockPath)
      ownLock = undefined
    }
  }
}

/** Creates `path` (never through a link, never over anything) with `text` and exactly `mode`. */
export function writeNew(path: string, text: string, mode = 0o600): void {
  const fd = openSync(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
    mode
  )
  try {
    fchmodSync(fd, mode) // exactly, whatever the umask
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
}

/**
 * Replaces `path` whole with `text` (mode 0600): a new file beside it, renamed over it, so a reader
 * sees the old text or the new, never half of either; the new file is removed if the rename fails.
 */
export function replaceWhole(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  writeNew(temp, text, 0o600)
  try {
    renameSync(temp, path)
  } catch (error) {
    removeQuietly(temp)
    throw error
  }
}

/** A plain file of this user's that no one else can read or write; undefined otherwise. */
function readPrivate(path: string): string | undefined {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | NO_FOLLOW)
  } catch {
    return undefined // missing, or a link
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return undefined
    if (process.platform !== 'win32') {
      if ((stat.mode & 0o077) !== 0 || stat.uid !== process.getuid?.()) return undefined
    }
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}

/** Undefined when `dir` is a folder of this user's; else why the helper cannot use it. */
export function checkDir(dir: string): string | undefined {
  try {
    const stat = statSync(dir)
    if (!stat.isDirectory()) return `${dir} is not a folder`
    if (process.platform !== 'win32' && stat.uid !== process.getuid?.()) {
      return `${dir} belongs to another user`
    }
    return undefined
  } catch {
    return `its folder ${dir} is gone (the action's post step removes it at the end of the job)`
  }
}

/** Whether a process with this id runs on this machine (EPERM: it does, as another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
