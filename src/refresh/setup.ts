/**
 * What a run of the action with `refresh: true` sets up, decided before any line is planned:
 * the helper's folder under RUNNER_TEMP, the settings its launchers pass, and what each tool's
 * setting names (docker's helper name, cargo's provider, pnpm's tokenHelper path). The formats
 * plan with it (PlanContext.refresh); install.ts writes it. Pure.
 */
import { posix, win32 } from 'node:path'
import {
  dockerHelperName,
  helperLayout,
  launcherName,
  type HelperLayout,
  type LauncherTarget
} from './launchers.js'
import type { HelperSettings, Protocol } from './settings.js'

export interface RefreshSetup {
  /** RUNNER_TEMP, where the helper's folder is. */
  readonly tempDir: string
  /** A few random hex digits telling this run's folder and docker helper from another run's. */
  readonly id: string
  readonly layout: HelperLayout
  readonly settings: HelperSettings
  readonly target: LauncherTarget
  /** What docker's credHelpers names: docker runs docker-credential-<this> from PATH. */
  readonly dockerHelper: string
  /** The absolute path of a front-end's launcher. */
  launcherPath(protocol: Protocol): string
}

export interface RefreshInputs {
  readonly org: string
  readonly serviceSlug: string
  readonly audience: string | undefined
  readonly apiUrl: string
  readonly maxAttempts: number
  readonly timeoutMs: number
  readonly totalTimeoutMs: number
}

export function refreshSetup(
  inputs: RefreshInputs,
  tempDir: string,
  id: string,
  target: LauncherTarget
): RefreshSetup {
  const layout = helperLayout(tempDir, id, target.platform)
  const paths = target.platform === 'win32' ? win32 : posix
  return {
    tempDir,
    id,
    layout,
    settings: {
      org: inputs.org,
      serviceSlug: inputs.serviceSlug,
      audience: inputs.audience,
      apiUrl: inputs.apiUrl,
      dir: layout.dir,
      maxAttempts: inputs.maxAttempts,
      timeoutMs: inputs.timeoutMs,
      totalTimeoutMs: inputs.totalTimeoutMs
    },
    target,
    dockerHelper: dockerHelperName(id),
    launcherPath: (protocol) =>
      paths.join(layout.binDir, launcherName(protocol, id, target.platform))
  }
}
