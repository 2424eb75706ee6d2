/**
 * Reading a file someone else may have put there (a user config, docker's config.json, a name the
 * step probes under RUNNER_TEMP) without letting it hold the step: opened without blocking (a named
 * pipe with no writer would block a plain read forever), checked to be a regular file, and read up
 * to a limit (/dev/zero has no end). Anything else is refused with a sentence saying what it is.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs'

/** What is at a path: a regular file's text, nothing at all, or something the step refuses to read. */
export type FileRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly why: string }

/** A file the step will not read; `message` says which and why, for the line that refuses. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError'
}

/** The most the step reads of any configuration file (docker's config.json, a user .npmrc). */
export const CONFIG_FILE_LIMIT = 1024 * 1024

/**
 * The text of the regular file at `path` (symbolic links followed), read with O_NONBLOCK and at
 * most `maxBytes` bytes. `missing` only when nothing at all is at the name: a symbolic link that
 * leads nowhere is refused, so a caller that probes for a free name never takes one.
 */
export function readRegularFile(path: string, maxBytes: number): FileRead {
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)
  let fd: number
  try {
    fd = openSync(path, flags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !somethingAt(path)) return { kind: 'missing' }
    if (code === 'ENOENT') {
      return refused(`${path} is a symbolic link that leads nowhere`)
    }
    if (code === 'ENOTDIR') return { kind: 'missing' }
    return refused(`${path} cannot be opened (${code ?? 'error'})`)
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return refused(`${path} is ${kindOf(stat)}, not a regular file`)
    if (stat.size > maxBytes) {
      return refused(`${path} is larger than ${maxBytes} bytes (${stat.size})`)
    }
    const buffer = Buffer.alloc(maxBytes + 1)
    let length = 0
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length > maxBytes) return refused(`${path} is larger than ${maxBytes} bytes`)
    }
    return { kind: 'text', text: buffer.subarray(0, length).toString('utf8') }
  } catch (error) {
    return refused(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  } finally {
    closeSync(fd)
  }
}

/** readRegularFile's answer as text, undefined for nothing there; throws for a refused file. */
export function textOrUndefined(read: FileRead): string | undefined {
  if (read.kind === 'refused') throw new UnreadableFileError(read.why)
  return read.kind === 'text' ? read.text : undefined
}

function refused(why: string): FileRead {
  return { kind: 'refused', why }
}

function somethingAt(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isBlockDevice()) return 'a block device'
  if (stat.isDirectory()) return 'a folder'
  if (stat.isSocket()) return 'a socket'
  return 'not a file'
}
