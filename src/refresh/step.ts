/**
 * The refresh helper as the main and post steps see it: set up before the lines are planned (the
 * formats name its launchers), installed after the exchange, told in the log, the dry run and the
 * job summary, and taken down by post with the number of keys the job minted.
 */
import type { ActionsIO } from '../actions-io.js'
import type { CloudsmithToken } from '../cloudsmith-response.js'
import { errorMessage } from '../error-message.js'
import { InputError } from '../input-error.js'
import { gfm, log, type LogText, type Markdown } from '../print-gate.js'
import { RegistryApplyError } from '../registries/apply.js'
import type { HelperUse, Plan } from '../registries/plan.js'
import { installRefresh } from './install.js'
import type { RefreshMachine } from './machine.js'
import { parseRefreshRecord, REFRESH_STATE, serialiseRefreshRecord } from './record.js'
import { removeRefresh } from './remove.js'
import { refreshSetup, type RefreshInputs, type RefreshSetup } from './setup.js'

/** What the entry point knows about the machine for the helper. */
export interface RefreshDeps {
  /** The runner's Node: process.execPath. */
  readonly nodePath: string
  /** dist/refresh.js next to the running bundle. */
  readonly helperScript: string
  /** A few random hex digits for this run's folder and helper name. */
  readonly newId: () => string
  /** The machine the helper is installed with (its code may be loaded on demand). */
  readonly machine: (tempDir: string) => RefreshMachine | Promise<RefreshMachine>
}

/** The set-up for `refresh: true`; undefined without it, or without lines to plan. */
export function setUpRefresh(
  inputs: RefreshInputs & { readonly refresh: boolean; readonly registries: readonly unknown[] },
  deps: RefreshDeps | undefined,
  /** Asked only when refresh is set up: a run without it touches no machine. */
  machine: () => { readonly tempDir: string; readonly platform: NodeJS.Platform }
): RefreshSetup | undefined {
  if (!inputs.refresh || inputs.registries.length === 0 || deps === undefined) return undefined
  const { tempDir, platform } = machine()
  if (tempDir === '') {
    throw new InputError([
      "Input 'refresh' is true, but RUNNER_TEMP is not set: the helper lives there. Run on a GitHub Actions runner, or set refresh: false."
    ])
  }
  return refreshSetup(inputs, tempDir, deps.newId(), {
    platform,
    nodePath: deps.nodePath,
    helperScript: deps.helperScript
  })
}

/** The lines that take their key from the helper. */
export function helperUses(plans: readonly Plan[]): HelperUse[] {
  return plans.flatMap((plan) => plan.helpers ?? [])
}

/** Installs the helper for the planned lines that use it; a failure names what and the fix. */
export function applyRefresh(
  setup: RefreshSetup,
  plans: readonly Plan[],
  key: CloudsmithToken,
  askedAtMs: number,
  options: { io: ActionsIO; machine: RefreshMachine; cleanup: boolean }
): void {
  const uses = helperUses(plans)
  if (uses.length === 0) return
  const { io } = options
  try {
    installRefresh(setup, uses, key, askedAtMs, {
      machine: options.machine,
      record: (record) =>
        io.saveState(
          REFRESH_STATE,
          serialiseRefreshRecord({ ...record, cleanup: options.cleanup })
        ),
      addPath: (dir) => io.addPath(dir),
      info: (line) => io.info(line)
    })
  } catch (error) {
    throw new RegistryApplyError(log`Package manager not configured`, [
      log`refresh: could not set up the credential helper: ${errorMessage(error)}`,
      log`Likely cause: RUNNER_TEMP or docker's config folder is not writable, or docker's config.json is not a JSON object.`,
      log`Fix: check DOCKER_CONFIG and RUNNER_TEMP, or set refresh: false. The key itself was exchanged and published; the post step removes what was set up.`
    ])
  }
}

export function refreshDryRunLines(
  setup: RefreshSetup | undefined,
  plans: readonly Plan[]
): LogText[] {
  if (setup === undefined || helperUses(plans).length === 0) return []
  return [
    log`Dry run: refresh is on. The helper would live in ${setup.layout.dir} (key cache, mode 0600), its launchers in ${setup.layout.binDir} (mode 0700, on PATH for docker), run as ${setup.target.nodePath} ${setup.target.helperScript}.`
  ]
}

export function refreshSummary(
  setup: RefreshSetup | undefined,
  plans: readonly Plan[]
): Markdown[] {
  const uses = helperUses(plans)
  if (setup === undefined || uses.length === 0) return []
  const tools = [...new Set(uses.map((use) => use.protocol))].join(', ')
  return [
    gfm`Refresh: on. ${tools} ask the helper for the key, which exchanges again when less than five minutes are left; keys minted so far: ${'1'}.`,
    gfm``
  ]
}

/** Post: takes the helper down unless cleanup is false, and says how many keys the job minted. */
export async function undoRefresh(
  io: ActionsIO,
  tempDir: string,
  platform: NodeJS.Platform,
  machine: RefreshDeps['machine'] | undefined
): Promise<void> {
  try {
    const record = parseRefreshRecord(io.getState(REFRESH_STATE), tempDir, platform)
    if (record === undefined) return
    if (record instanceof Error) throw record
    if (!record.cleanup) {
      io.info(
        log`cleanup is false: the refresh helper is left in ${record.dir} for the rest of the job.`
      )
      return
    }
    if (machine === undefined) throw new Error('the post step was given no machine to undo with')
    const minted = removeRefresh(record, {
      machine: await machine(tempDir),
      info: (line) => io.info(line),
      warning: (line) => io.warning(line, log`Cleanup incomplete`)
    })
    if (minted !== undefined) {
      io.info(log`Refresh: the job minted ${minted} key(s), the main step's first one included.`)
      await io.appendSummary(
        gfm`Cloudsmith OIDC refresh: the job minted ${String(minted)} key(s), the main step's first one included.`
      )
    }
  } catch (error) {
    io.warning(
      log`Could not take the refresh helper down: ${errorMessage(error)}`,
      log`Cleanup incomplete`
    )
  }
}
