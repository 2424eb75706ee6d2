/** A runner as a format's planner sees it: GitHub-hosted Linux, or Windows with its drive paths. */
import type { PlanContext } from '../../src/registries/plan.js'

export function runnerContext(
  env: Record<string, string> = {},
  platform: NodeJS.Platform = 'linux'
): PlanContext {
  return {
    platform,
    tempDir: platform === 'win32' ? 'D:\\a\\_temp' : '/home/runner/work/_temp',
    homeDir: platform === 'win32' ? 'C:\\Users\\runneradmin' : '/home/runner',
    env,
    exportEnv: true,
    readFile: () => undefined
  }
}
