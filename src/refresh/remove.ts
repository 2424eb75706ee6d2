/**
 * The post step's half of the refresh helper: each docker credHelpers entry removed while it
 * still names this step's helper (a later step's entry is left), then the helper's folder
 * (launchers, key cache, lock) removed whole. Says how many keys the job minted, read from the
 * cache before it goes. Every problem is a warning.
 */
import { errorMessage } from '../error-message.js'
import { log, type LogText } from '../print-gate.js'
import { withoutCredHelper } from './cred-helpers.js'
import { parseCache } from './key-cache.js'
import type { RefreshMachine } from './machine.js'
import type { RefreshRecord } from './record.js'

export interface RemoveOptions {
  readonly machine: RefreshMachine
  readonly info: (line: LogText) => void
  readonly warning: (line: LogText) => void
}

/** Undoes the record; returns the keys minted in the job (undefined when the cache was gone). */
export function removeRefresh(record: RefreshRecord, options: RemoveOptions): number | undefined {
  const { machine, info, warning } = options
  for (const entry of [...record.docker].reverse()) {
    try {
      const next = withoutCredHelper(machine.readFile(entry.configFile), entry)
      if (next === undefined) {
        info(
          log`docker's credHelpers entry for ${entry.host} is no longer this step's; left as it is.`
        )
        continue
      }
      machine.replaceFile(entry.configFile, next)
      info(log`Removed docker's credHelpers entry for ${entry.host} from ${entry.configFile}.`)
    } catch (error) {
      warning(
        log`Could not remove docker's credHelpers entry for ${entry.host}: ${errorMessage(error)}`
      )
    }
  }
  let minted: number | undefined
  try {
    minted = parseCache(machine.readCache(record.dir))?.minted
    info(
      machine.removeTree(record.dir)
        ? log`Removed the refresh helper's folder ${record.dir} (launchers, key cache).`
        : log`The refresh helper's folder ${record.dir} was already gone.`
    )
  } catch (error) {
    warning(log`Could not remove the refresh helper's folder ${record.dir}: ${errorMessage(error)}`)
  }
  return minted
}
