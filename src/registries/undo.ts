/**
 * The post step's plan: what main applied, undone in reverse, and only what is still this step's.
 * A variable is put back only while it holds the value main exported (compared by SHA-256); a later
 * step that set it again keeps its value. Whether docker's stored credential is still this step's
 * is read at undo time (it lives in docker's config or credential store).
 */
import { fingerprint } from '../fingerprint.js'
import type { AppliedRecord } from './record.js'

export type UndoAction =
  | {
      readonly kind: 'remove-file'
      readonly line: number
      readonly path: string
      /** The file main wrote (`dev:ino:birth`, SHA-256 of its content): only it is removed. */
      readonly id: string
      readonly sha256: string
    }
  | {
      readonly kind: 'restore-env'
      readonly line: number
      readonly name: string
      /** '' clears it. */
      readonly value: string
    }
  | { readonly kind: 'keep-env'; readonly line: number; readonly name: string }
  /** A variable holding nothing secret that had no value before: left set (see Step's restore). */
  | { readonly kind: 'leave-env'; readonly line: number; readonly name: string }
  | {
      readonly kind: 'docker-logout'
      readonly line: number
      readonly host: string
      readonly username: string
      readonly configDir: string
      readonly keySha256: string
    }

export function planUndo(
  record: AppliedRecord,
  env: Readonly<Record<string, string | undefined>>
): UndoAction[] {
  return [...record.steps].reverse().map((step): UndoAction => {
    switch (step.kind) {
      case 'file':
        return { ...step, kind: 'remove-file' }
      case 'env': {
        const current = env[step.name]
        if (current === undefined || fingerprint(current) !== step.sha256) {
          return { kind: 'keep-env', line: step.line, name: step.name }
        }
        return step.restore === null
          ? { kind: 'leave-env', line: step.line, name: step.name }
          : { kind: 'restore-env', line: step.line, name: step.name, value: step.restore }
      }
      case 'docker-login':
        return { ...step, kind: 'docker-logout' }
    }
  })
}
