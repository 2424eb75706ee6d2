/**
 * Sets up the refresh helper after the exchange: its folder under RUNNER_TEMP, the key cache
 * holding the main step's key (counted as the job's first), a launcher per front-end in use, the
 * launchers' folder on PATH (docker looks its helper up by name), and docker's credHelpers entry
 * for each docker host. The record is saved before each change, so post undoes what happened
 * before a failure too.
 */
import type { CloudsmithToken } from '../cloudsmith-response.js'
import type { HelperUse } from '../registries/plan.js'
import { log, type LogText } from '../print-gate.js'
import { withCredHelper } from './cred-helpers.js'
import { cacheEntry, serialiseCache } from './key-cache.js'
import { launcher } from './launchers.js'
import type { RefreshMachine } from './machine.js'
import type { DockerHelperEntry, RefreshRecord } from './record.js'
import type { Protocol } from './settings.js'
import type { RefreshSetup } from './setup.js'

export interface InstallOptions {
  readonly machine: RefreshMachine
  /** Saves the record in the step's state. */
  readonly record: (record: Omit<RefreshRecord, 'cleanup'>) => void
  /** Puts a folder on PATH for the later steps (GITHUB_PATH). */
  readonly addPath: (dir: string) => void
  readonly info: (line: LogText) => void
}

export function installRefresh(
  setup: RefreshSetup,
  uses: readonly HelperUse[],
  key: CloudsmithToken,
  askedAtMs: number,
  options: InstallOptions
): void {
  const { machine, info } = options
  const { layout } = setup
  const docker: DockerHelperEntry[] = []
  const save = (): void => options.record({ dir: layout.dir, docker: [...docker] })
  machine.makeDir(layout.dir) // a folder this step made, or a failure: post removes only its own
  save()
  machine.makeDir(layout.binDir)
  machine.writeCache(layout.dir, serialiseCache(cacheEntry(key, askedAtMs, 1)))
  info(
    log`Refresh: the helper's folder is ${layout.dir} (the key cache, mode 0600, and its launchers).`
  )
  const protocols = [...new Set(uses.map((use) => use.protocol))]
  for (const protocol of protocols) writeLauncher(setup, protocol, machine)
  if (protocols.includes('docker')) {
    options.addPath(layout.binDir)
    info(
      log`Refresh: ${layout.binDir} goes on PATH for the later steps (docker looks its helper up by name).`
    )
  }
  for (const use of uses) {
    if (use.protocol !== 'docker') continue
    const entry: DockerHelperEntry = {
      configFile: use.configFile,
      host: use.host,
      helper: setup.dockerHelper,
      ...(use.pinnedStore === undefined ? {} : { pinnedStore: use.pinnedStore })
    }
    docker.push(entry)
    save()
    machine.replaceFile(entry.configFile, withCredHelper(machine.readFile(entry.configFile), entry))
    info(
      log`Refresh: docker asks docker-credential-${entry.helper} for ${entry.host} (credHelpers in ${entry.configFile}).`
    )
  }
}

function writeLauncher(setup: RefreshSetup, protocol: Protocol, machine: RefreshMachine): void {
  const made = launcher(protocol, setup.settings, setup.layout, setup.id, setup.target)
  if ('problem' in made) throw new Error(`cannot write the ${protocol} launcher: ${made.problem}`)
  machine.writeProgram(made.path, made.content)
}
