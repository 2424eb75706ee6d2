/**
 * Where a shell would look for a program, in order: each PATH directory, and on Windows each
 * PATHEXT extension (`docker` is `docker.exe` there). Pure: the caller checks which exists.
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
    .filter((dir) => dir !== '')
  const extensions = windows
    ? (lookup(env, 'PATHEXT') || '.COM;.EXE;.BAT;.CMD')
        .split(';')
        .map((ext) => ext.trim())
        .filter((ext) => ext !== '')
    : ['']
  const hasExtension =
    windows && extensions.some((ext) => name.toLowerCase().endsWith(ext.toLowerCase()))
  const names = hasExtension ? [name] : extensions.map((ext) => name + ext.toLowerCase())
  return dirs.flatMap((dir) => names.map((file) => paths.join(dir, file)))
}

function lookup(
  env: Readonly<Record<string, string | undefined>>,
  name: string
): string | undefined {
  if (env[name] !== undefined) return env[name]
  const found = Object.keys(env).find((key) => key.toUpperCase() === name)
  return found === undefined ? undefined : env[found]
}
