/** Path rules shared by the planners and the runner side, for the platform given. Pure. */
import { posix, win32 } from 'node:path'

/** Whether `path` lies strictly inside `dir`, by the platform's path rules. */
export function isInside(dir: string, path: string, platform: NodeJS.Platform): boolean {
  const paths = platform === 'win32' ? win32 : posix
  if (!paths.isAbsolute(dir) || !paths.isAbsolute(path)) return false
  const relative = paths.relative(paths.resolve(dir), paths.resolve(path))
  return relative !== '' && !relative.startsWith('..') && !paths.isAbsolute(relative)
}
