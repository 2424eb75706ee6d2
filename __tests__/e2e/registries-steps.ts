/**
 * Two scenarios every `registries` format has end to end, shared by its test files: the dry run
 * (a clean run printing the plan, nothing exported) and a bad line refused before any exchange.
 */
import { expect } from '@jest/globals'
import { expectCleanRun } from './expectations.js'
import { renderLog, runStep, type Stage } from './harness.js'

/** A dry run of `registries`: a clean run whose main log holds `lines`, nothing exported. */
export async function expectDryRun(
  stage: Stage,
  registries: string,
  lines: readonly string[],
  timeoutMs: number
): Promise<void> {
  const result = await runStep(stage, { with: { registries, 'dry-run': true }, timeoutMs })
  try {
    expectCleanRun(result, stage)
    expect(renderLog(result.main)).toEqual(expect.arrayContaining([...lines]))
    expect(result.main.env).toEqual({})
  } finally {
    result.cleanup()
  }
}

/** `registries` refused while the inputs are read: exit 1, no exchange, the log holding `text`. */
export async function expectRefusedBeforeExchange(
  stage: Stage,
  registries: string,
  text: string,
  timeoutMs: number
): Promise<void> {
  const before = stage.cloudsmith.exchanges().length
  const result = await runStep(stage, { with: { registries }, timeoutMs })
  try {
    expect(result.main.exitCode).toBe(1)
    expect(stage.cloudsmith.exchanges()).toHaveLength(before)
    expect(renderLog(result.main).join('\n')).toContain(text)
    expect(result.main.env).toEqual({})
  } finally {
    result.cleanup()
  }
}
