/**
 * Entry points: the only code that touches process.env, the file system and @actions/core.
 * dist/main.js and dist/post.js each call one of these; each loads only its own step's code.
 */
import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { ActionsIO } from './actions-io.js'
import { errorMessage } from './error-message.js'
import { createHttp } from './http.js'
import { main } from './main.js'
import { log } from './print-gate.js'
import { schemelessProxyFixes } from './proxy-env.js'
import { readRegularFile } from './read-file.js'
import { realClock } from './retry.js'
import { createSystem } from './system.js'
import { USER_AGENT } from './version.js'

const io: ActionsIO = {
  getInput: (name) => core.getInput(name),
  getState: (name) => core.getState(name),
  setSecret: (value) => core.setSecret(value),
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value),
  addPath: (dir) => core.addPath(dir),
  saveState: (name, value) => core.saveState(name, value),
  info: (message) => core.info(message.text),
  debug: (message) => core.debug(message.text),
  warning: (message, title) => core.warning(message.text, title ? { title: title.text } : {}),
  // core.setFailed with a title: setFailed itself would add a second, untitled annotation
  fail: (message, title) => {
    core.error(message.text, { title: title.text })
    process.exitCode = core.ExitCode.Failure
  },
  appendSummary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    try {
      await core.summary.addRaw(markdown.markdown, true).write()
    } catch (error) {
      core.warning(log`Could not write the job summary: ${errorMessage(error)}`.text, {
        title: 'Job summary not written'
      })
    }
  }
}

export async function runMain(): Promise<void> {
  for (const fix of schemelessProxyFixes(process.env)) {
    process.env[fix.name] = fix.value
    io.info(fix.note)
  }
  await main({
    io,
    env: process.env,
    readEvent: () => {
      const path = process.env.GITHUB_EVENT_PATH
      return path ? JSON.parse(readEventText(path)) : undefined
    },
    getIdToken: (audience) => core.getIDToken(audience),
    http: createHttp(USER_AGENT),
    clock: realClock,
    random: Math.random,
    system: createSystem(),
    refresh: {
      nodePath: process.execPath,
      // dist/main.js runs the bundle; dist/refresh.js is beside it
      helperScript: join(dirname(process.argv[1] ?? ''), 'refresh.js'),
      newId: () => randomBytes(6).toString('hex'),
      // loaded only when a run with refresh: true installs the helper
      machine: async (tempDir) =>
        (await import('./refresh/machine.js')).createRefreshMachine(tempDir)
    }
  })
  // An ID token request abandoned at its deadline (core.getIDToken cannot be cancelled) may still
  // hold a socket open. Exit when everything else is done, without waiting for that socket; an
  // unref'd timer never delays a process that has nothing left to do.
  setTimeout(() => process.exit(), 1000).unref()
}

/** The event payload's text: a regular file of at most EVENT_LIMIT bytes, read without blocking. */
function readEventText(path: string): string {
  const read = readRegularFile(path, EVENT_LIMIT)
  if (read.kind === 'text') return read.text
  throw new Error(read.kind === 'missing' ? `${path} does not exist` : read.why)
}

/** Far above any event payload GitHub writes (a push of many commits is a few MB). */
const EVENT_LIMIT = 64 * 1024 * 1024

/** The post step's code (with the registries undo) is loaded only by the post step. */
export async function runPost(): Promise<void> {
  const [{ post }, { createRefreshMachine }] = await Promise.all([
    import('./post.js'),
    import('./refresh/machine.js')
  ])
  await post(io, process.env, Date.now(), createSystem(), (tempDir) =>
    createRefreshMachine(tempDir)
  )
}
