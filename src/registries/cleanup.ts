/**
 * The post step's side of `registries`: what main recorded, undone in reverse through the System
 * and ActionsIO (src/registries/undo.ts plans it). Every problem is a warning; every program runs
 * under post's own deadline.
 */
import type { ActionsIO } from '../actions-io.js'
import type { Deadline } from '../deadline.js'
import { errorMessage } from '../error-message.js'
import { log } from '../print-gate.js'
import type { System } from '../system.js'
import { dockerLogout } from './docker-logout.js'
import type { AppliedRecord } from './record.js'
import { planUndo, type UndoAction } from './undo.js'

export interface UndoOptions {
  readonly io: ActionsIO
  readonly system: System
  /** Post's own budget: each program gets what is left of it. */
  readonly deadline: Deadline
}

/** Undoes a record in reverse; every problem is a warning. */
export function undoRecord(record: AppliedRecord, options: UndoOptions): void {
  const { io } = options
  for (const action of planUndo(record, options.system.env)) {
    try {
      undoAction(action, options)
    } catch (error) {
      io.warning(
        log`Could not undo line ${action.line} of registries: ${errorMessage(error)}`,
        log`Cleanup incomplete`
      )
    }
  }
}

const FILE_OUTCOMES = {
  removed: 'Removed',
  gone: 'was already gone',
  replaced:
    'is no longer the file this step wrote (something else was put at the name); left as it is',
  changed: 'was changed after this step wrote it; left as it is'
} as const

function undoAction(action: UndoAction, options: UndoOptions): void {
  const { io } = options
  switch (action.kind) {
    case 'remove-file': {
      const outcome = options.system.removeFile(action.path, action)
      io.info(
        outcome === 'removed'
          ? log`Removed ${action.path}.`
          : log`${action.path} ${FILE_OUTCOMES[outcome]}.`
      )
      return
    }
    case 'restore-env':
      io.exportVariable(action.name, action.value)
      io.info(
        action.value === ''
          ? log`Cleared ${action.name} for the rest of the job.`
          : log`Put ${action.name} back to its value before the action.`
      )
      return
    case 'keep-env':
      io.info(
        log`${action.name} no longer holds this step's value (a later step set it); left as it is.`
      )
      return
    case 'leave-env':
      io.info(
        log`Left ${action.name} as it is: it holds nothing secret and had no value before the action (a variable cannot be unset, and tools refuse it empty).`
      )
      return
    case 'docker-logout':
      dockerLogout(action, options)
      return
  }
}
