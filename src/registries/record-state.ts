/**
 * Where the main step keeps its record of what it applied (the action's state), and the empty
 * record it saves first thing: post then finds a record it wrote, never one from elsewhere. Holds
 * no format, so main saves it at start-up without loading the registries code.
 */
import type { ActionsIO } from '../actions-io.js'

export const REGISTRIES_STATE = 'registries'
export const RECORD_VERSION = 1

/** The record's text: its version, whether post undoes it, the steps applied in order. */
export function serialiseRecord(record: {
  readonly cleanup: boolean
  readonly steps: readonly unknown[]
}): string {
  return JSON.stringify({ version: RECORD_VERSION, ...record })
}

/** Saved before anything else: nothing applied, nothing to undo. */
export function saveEmptyRecord(io: Pick<ActionsIO, 'saveState'>): void {
  io.saveState(REGISTRIES_STATE, serialiseRecord({ cleanup: false, steps: [] }))
}
