/** An ActionsIO that records every call in order, so tests can read the step as a user would. */
import type { ActionsIO } from '../../src/actions-io.js'

export interface IOEvent {
  readonly kind: keyof ActionsIO
  readonly name?: string
  readonly text: string
  readonly title?: string
}

export interface Recorder extends ActionsIO {
  readonly events: IOEvent[]
  readonly outputs: Record<string, string>
  readonly exported: Record<string, string>
  readonly state: Record<string, string>
  readonly summary: string[]
  readonly failed: boolean
  /** Every line a user or a later step could see, in order (secrets added with setSecret excluded). */
  visible(): IOEvent[]
  log(): string
}

export function recorder(
  inputs: Record<string, string> = {},
  state: Record<string, string> = {}
): Recorder {
  const events: IOEvent[] = []
  const outputs: Record<string, string> = {}
  const exported: Record<string, string> = {}
  const saved: Record<string, string> = { ...state }
  const summary: string[] = []
  let failed = false
  const rec: Recorder = {
    events,
    outputs,
    exported,
    state: saved,
    summary,
    get failed() {
      return failed
    },
    getInput: (name) => inputs[name] ?? '',
    getState: (name) => saved[name] ?? '',
    setSecret: (value) => void events.push({ kind: 'setSecret', text: value }),
    setOutput: (name, value) => {
      outputs[name] = value
      events.push({ kind: 'setOutput', name, text: value })
    },
    exportVariable: (name, value) => {
      exported[name] = value
      events.push({ kind: 'exportVariable', name, text: value })
    },
    addPath: (dir) => void events.push({ kind: 'addPath', text: dir }),
    saveState: (name, value) => {
      saved[name] = value
      events.push({ kind: 'saveState', name, text: value })
    },
    info: ({ text }) => void events.push({ kind: 'info', text }),
    debug: ({ text }) => void events.push({ kind: 'debug', text }),
    warning: ({ text }, title) =>
      void events.push({ kind: 'warning', text, ...(title ? { title: title.text } : {}) }),
    fail: ({ text }, title) => {
      failed = true
      events.push({ kind: 'fail', text, title: title.text })
    },
    appendSummary: async ({ markdown }) => {
      summary.push(markdown)
      events.push({ kind: 'appendSummary', text: markdown })
    },
    visible: () => events.filter((event) => event.kind !== 'setSecret'),
    log: () =>
      events
        .filter((event) => event.kind !== 'setSecret')
        .map((event) => `${event.kind}${event.name ? `(${event.name})` : ''}: ${event.text}`)
        .join('\n')
  }
  return rec
}

/**
 * Places where `secret` shows up before it was masked, or at all in log lines, annotations and
 * summaries (masking hides it there, but the action should never try to print it).
 */
export function leaks(rec: Recorder, secret: string): string[] {
  const found: string[] = []
  const maskedAt = rec.events.findIndex((e) => e.kind === 'setSecret' && e.text === secret)
  rec.events.forEach((event, index) => {
    if (event.kind === 'setSecret' || !event.text.includes(secret)) return
    const printable = ['info', 'debug', 'warning', 'fail', 'appendSummary'].includes(event.kind)
    if (printable || maskedAt === -1 || index < maskedAt) {
      found.push(`${event.kind}${event.name ? `(${event.name})` : ''} at #${index}`)
    }
  })
  return found
}
