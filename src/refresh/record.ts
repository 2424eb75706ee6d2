/**
 * What main set up for the refresh helper, as the post step reads it from the step's state: the
 * helper's folder (launchers, cache, lock: removed whole) and each docker credHelpers entry
 * (removed while it still names this step's helper). Never the key.
 */
import { posix, win32 } from 'node:path'
import type { HelperEntry } from './cred-helpers.js'

export const REFRESH_STATE = 'refresh'

export interface DockerHelperEntry extends HelperEntry {
  readonly configFile: string
}

export interface RefreshRecord {
  /** The helper's folder under RUNNER_TEMP. */
  readonly dir: string
  /** Whether post takes it down (the `cleanup` input). */
  readonly cleanup: boolean
  readonly docker: readonly DockerHelperEntry[]
}

export function serialiseRefreshRecord(record: RefreshRecord): string {
  return JSON.stringify({ version: 1, ...record })
}

/**
 * The record in a state value; undefined for none, an Error for one main would not write (a folder
 * outside RUNNER_TEMP or not named as main names it, a helper name main does not make).
 */
export function parseRefreshRecord(
  text: string,
  tempDir: string,
  platform: NodeJS.Platform
): RefreshRecord | undefined | Error {
  if (text === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return new Error('the saved record of the refresh helper is not JSON')
  }
  const paths = platform === 'win32' ? win32 : posix
  const record = parsed as { version?: unknown; dir?: unknown; docker?: unknown }
  const dir = record?.dir
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    record.version !== 1 ||
    typeof dir !== 'string' ||
    tempDir === '' ||
    paths.dirname(dir) !== paths.resolve(tempDir) ||
    !/^cloudsmith-oidc-refresh-[0-9a-f]{8,32}$/.test(paths.basename(dir)) ||
    !Array.isArray(record.docker) ||
    !record.docker.every(isDockerEntry)
  ) {
    return new Error('the saved record of the refresh helper has a shape main does not write')
  }
  return {
    dir,
    cleanup: (parsed as { cleanup?: unknown }).cleanup !== false,
    docker: record.docker
  }
}

function isDockerEntry(value: unknown): value is DockerHelperEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry['configFile'] === 'string' &&
    /[\\/]config\.json$/.test(entry['configFile']) &&
    typeof entry['host'] === 'string' &&
    /^[A-Za-z0-9.:[\]-]+$/.test(entry['host']) &&
    typeof entry['helper'] === 'string' &&
    /^cloudsmith-oidc-[0-9a-f]{8,32}$/.test(entry['helper']) &&
    (entry['pinnedStore'] === undefined ||
      (typeof entry['pinnedStore'] === 'string' && /^[a-z]{1,32}$/.test(entry['pinnedStore'])))
  )
}
