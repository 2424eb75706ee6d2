/**
 * The small programs the tools run: one launcher per front-end, in a `bin` folder inside the
 * helper's folder under RUNNER_TEMP (mode 0700). Each runs the runner's own Node (the one that
 * ran the main step) on dist/refresh.js with the settings as arguments, none of them secret: a
 * shell script, or on Windows a .cmd. Pure: the caller writes them.
 */
import { posix, win32 } from 'node:path'
import { helperArgs, type HelperSettings, type Protocol } from './settings.js'

/** Where the helper's files go: its folder, and the launchers' folder in it (for PATH). */
export interface HelperLayout {
  readonly dir: string
  readonly binDir: string
}

export interface Launcher {
  readonly protocol: Protocol
  /** Absolute path of the launcher (what the tool's setting names). */
  readonly path: string
  readonly content: string
}

export interface LauncherTarget {
  readonly platform: NodeJS.Platform
  /** The runner's Node (process.execPath in the main step). */
  readonly nodePath: string
  /** dist/refresh.js next to the main step's bundle. */
  readonly helperScript: string
}

/** The folder for one run of the action, `id` telling runs apart (a few random hex digits). */
export function helperLayout(tempDir: string, id: string, platform: NodeJS.Platform): HelperLayout {
  const paths = platform === 'win32' ? win32 : posix
  const dir = paths.join(tempDir, `cloudsmith-oidc-refresh-${id}`)
  return { dir, binDir: paths.join(dir, 'bin') }
}

/** The name docker's `credHelpers` gives: docker runs `docker-credential-<name>` from PATH. */
export function dockerHelperName(id: string): string {
  return `cloudsmith-oidc-${id}`
}

/** A launcher's file name; the docker one is the name docker looks up. */
export function launcherName(protocol: Protocol, id: string, platform: NodeJS.Platform): string {
  const base =
    protocol === 'docker' ? `docker-credential-${dockerHelperName(id)}` : `${protocol}-credential`
  return platform === 'win32' ? `${base}.cmd` : base
}

/** The launcher for a front-end, or the problem that keeps it from being written. */
export function launcher(
  protocol: Protocol,
  settings: HelperSettings,
  layout: HelperLayout,
  id: string,
  target: LauncherTarget
): Launcher | { readonly problem: string } {
  const windows = target.platform === 'win32'
  const paths = windows ? win32 : posix
  const args = [target.nodePath, target.helperScript, ...helperArgs(protocol, settings)]
  const path = paths.join(layout.binDir, launcherName(protocol, id, target.platform))
  const header = `Written by cloudsmith-oidc-action: the ${protocol} credential helper; its post step removes it.`
  if (!windows) {
    const command = [...args.map(shellQuote), '"$@"'].join(' ')
    return { protocol, path, content: `#!/bin/sh\n# ${header}\nexec ${command}\n` }
  }
  const unquotable = args.find((arg) => /["\r\n\0]/.test(arg))
  if (unquotable !== undefined) {
    return {
      problem: `a .cmd launcher cannot hold a value with a double quote or a line break (${JSON.stringify(unquotable)})`
    }
  }
  const command = [...args.map(cmdQuote), '%*'].join(' ')
  return { protocol, path, content: `@echo off\r\nrem ${header}\r\n${command}\r\n` }
}

/** One argument for sh: single quotes, a single quote inside as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** One argument for cmd.exe in a batch file: double quotes, `%` doubled (it expands inside them). */
export function cmdQuote(value: string): string {
  return `"${value.replace(/%/g, '%%')}"`
}
