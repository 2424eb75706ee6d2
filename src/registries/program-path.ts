/**
 * Where a shell would look for a program, in order: each absolute PATH directory, and on Windows each
 * PATHEXT extension Node can start without a shell, .com and .exe (`docker` is `docker.exe`
 * there; a `docker.cmd` or `docker.bat` earlier on PATH is passed over). Pure: the caller checks
 * which exists.
 */
import { posix, win32 } from 'node:path'

export function programCandidates(
  name: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>
): string[] {
  const windows = platform === 'win32'
  const paths = windows ? win32 : posix
  // Windows keeps the name's case as it was set (`Path`); Node's process.env ignores case there,
  // a copied object does not
  const pathValue = windows ? lookup(env, 'PATH') : env['PATH']
  const dirs = (pathValue ?? '')
    .split(windows ? ';' : ':')
    .map((dir) => (windows ? dir.trim().replace(/^"(.*)"$/, '$1') : dir))
    // a relative folder (or an empty one, the working directory) is the workspace: never looked in
    .filter((dir) => (windows ? /^(?:[A-Za-z]:[\\/]|\\\\)/.test(dir) : paths.isAbsolute(dir)))
  if (!windows) return dirs.map((dir) => paths.join(dir, name))
  // only what Node starts without a shell: a .cmd or .bat needs cmd.exe (spawn refuses it, EINVAL)
  const lower = name.toLowerCase()
  if (RUNNABLE.some((ext) => lower.endsWith(ext))) return dirs.map((dir) => paths.join(dir, name))
  if (lower.endsWith('.cmd') || lower.endsWith('.bat')) return []
  const listed = (lookup(env, 'PATHEXT') || RUNNABLE.join(';'))
    .split(';')
    .map((ext) => ext.trim().toLowerCase())
    .filter((ext) => (RUNNABLE as readonly string[]).includes(ext))
  const extensions = listed.length > 0 ? listed : [...RUNNABLE]
  const names = extensions.map((ext) => name + ext)
  return dirs.flatMap((dir) => names.map((file) => paths.join(dir, file)))
}

const RUNNABLE = ['.com', '.exe'] as const

function lookup(
  env: Readonly<Record<string, string | undefined>>,
  name: string
): string | undefined {
  if (env[name] !== undefined) return env[name]
  const found = Object.keys(env).find((key) => key.toUpperCase() === name)
  return found === undefined ? undefined : env[found]
}
