/** Path rules shared by the planners and the runner side, for the platform given. Pure. */
import { posix, win32 } from 'node:path'

/** Whether `path` lies strictly inside `dir`, by the platform's path rules. */
export function isInside(dir: string, path: string, platform: NodeJS.Platform): boolean {
  const paths = platform === 'win32' ? win32 : posix
  if (!paths.isAbsolute(dir) || !paths.isAbsolute(path)) return false
  const relative = paths.relative(paths.resolve(dir), paths.resolve(path))
  return relative !== '' && !relative.startsWith('..') && !paths.isAbsolute(relative)
}

/** Where a path stands against a folder; unknown when the two cannot be compared. */
export type Placement = 'inside' | 'outside' | { readonly unknown: string }

/**
 * Whether `path` is `dir` or lies inside it as the platform's file system sees names, for a guard
 * that refuses what may be inside (it errs towards 'inside'): on Windows the device and UNC forms
 * of a drive (\\?\C:\, \\.\C:\, \\localhost\C$\), trailing dots and spaces, a stream suffix
 * (::$INDEX_ALLOCATION) and case; on macOS case and Unicode normalisation. An 8.3 short name
 * (PROGRA~1) or a path with no drive cannot be compared. Both should be real paths already.
 */
export function placeOf(dir: string, path: string, platform: NodeJS.Platform): Placement {
  const canonical = platform === 'win32' ? windowsCanonical : posixCanonical(platform)
  const folder = canonical(dir)
  const target = canonical(path)
  if ('unknown' in folder) return folder
  if ('unknown' in target) return target
  if (folder.root !== target.root) return 'outside'
  const short = [...folder.parts, ...target.parts].find((part) => /~\d/.test(part))
  if (short !== undefined) {
    return {
      unknown: `${short} looks like an 8.3 short name, which names a folder only the file system can tell`
    }
  }
  const inside =
    folder.parts.length <= target.parts.length &&
    folder.parts.every((part, index) => part === target.parts[index])
  return inside ? 'inside' : 'outside'
}

type Canonical =
  { readonly root: string; readonly parts: readonly string[] } | { readonly unknown: string }

function posixCanonical(platform: NodeJS.Platform): (path: string) => Canonical {
  // macOS file systems (APFS, HFS+) ignore case and Unicode normalisation by default
  const fold =
    platform === 'darwin'
      ? (part: string) => foldCase(part.normalize('NFD'))
      : (part: string) => part
  return (path) => {
    if (!posix.isAbsolute(path)) return { unknown: `${path} is not a full path` }
    return {
      root: '/',
      parts: posix
        .resolve(path)
        .split('/')
        .filter((part) => part !== '')
        .map(fold)
    }
  }
}

/** Each character in upper case where that keeps it one character (as NTFS's upcase table). */
function foldCase(text: string): string {
  return [...text]
    .map((char) => {
      const upper = char.toUpperCase()
      return [...upper].length === 1 ? upper : char
    })
    .join('')
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '.', '?'])

/** A Windows path as drive (or \\server\share) and folded components, the way Win32 reads it. */
function windowsCanonical(path: string): Canonical {
  let rest = path.replace(/\//g, '\\')
  const device = /^\\\\[?.]\\/.exec(rest)
  if (device) {
    rest = rest.slice(4)
    if (/^UNC\\/i.test(rest)) rest = `\\\\${rest.slice(4)}`
    else if (!/^[A-Za-z]:(\\|$)/.test(rest)) {
      return { unknown: `${path} is a device path that names a volume or device, not a drive` }
    }
  }
  let root: string
  const drive = /^([A-Za-z]):(?:\\|$)/.exec(rest)
  const share = /^\\\\([^\\]+)\\([^\\]+)(?:\\|$)/.exec(rest)
  if (drive) {
    root = `${drive[1]!.toUpperCase()}:`
    rest = rest.slice(2)
  } else if (share) {
    const host = share[1]!.toLowerCase()
    const adminShare = /^([A-Za-z])\$$/.exec(share[2]!)
    root =
      LOCAL_HOSTS.has(host) && adminShare
        ? `${adminShare[1]!.toUpperCase()}:`
        : `\\\\${foldCase(host)}\\${foldCase(share[2]!)}`
    rest = rest.slice(share[0].length)
  } else {
    return {
      unknown: `${path} is not a full path with a drive (a path such as \\a or C:a depends on the current drive or folder)`
    }
  }
  const parts: string[] = []
  for (const raw of rest.split('\\')) {
    // a stream suffix (folder::$INDEX_ALLOCATION) names the folder itself; Win32 drops trailing
    // dots and spaces
    const name = raw
      .split(':')[0]!
      .replace(/[. ]+$/, (trail) => (raw === '.' || raw === '..' ? trail : ''))
    if (name === '' || name === '.') continue
    if (name === '..') parts.pop()
    else parts.push(foldCase(name))
  }
  return { root, parts }
}
