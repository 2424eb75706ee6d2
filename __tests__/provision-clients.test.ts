/**
 * scripts/provision-clients.sh, the one list of the clients the tests run (`npm test`'s pretest and
 * .ci/run both call it), on machines made with PATH: fake clients, a fake `id` (not root), a
 * fake `uname` (another OS), a fake `apt-get` that installs nothing. Where it cannot install, it
 * stops at once with the command that installs each missing client, never a bare ENOENT later.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tempDirs } from './lib/temp-dirs.js'

const SCRIPT = fileURLToPath(new URL('../scripts/provision-clients.sh', import.meta.url))
const CLIENTS = ['docker', 'pip', 'python3', 'twine', 'mvn', 'go', 'bundle', 'gradle', 'openssl']
/** What the script itself needs from the machine. */
const TOOLS = ['bash', 'env', 'id', 'uname', 'head', 'grep']

const tempDir = tempDirs()

function which(tool: string): string {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' })
  return found.stdout.trim()
}

function script(dir: string, name: string, body: string): void {
  writeFileSync(join(dir, name), `#!${which('bash')}\n${body}\n`)
  chmodSync(join(dir, name), 0o755)
}

interface Machine {
  /** Clients to leave out. */
  without?: readonly string[]
  cargo?: string
  uid?: number
  os?: string
  /** A fake apt-get that succeeds and installs nothing. */
  aptGet?: boolean
}

/** Runs the script with a PATH holding only the given machine. */
function provision(machine: Machine) {
  const bin = tempDir('provision-bin')
  for (const tool of TOOLS) {
    if (tool === 'id' && machine.uid !== undefined) {
      script(bin, 'id', `echo ${machine.uid}`)
    } else if (tool === 'uname' && machine.os !== undefined) {
      script(bin, 'uname', `echo ${machine.os}`)
    } else {
      symlinkSync(which(tool), join(bin, tool))
    }
  }
  for (const client of CLIENTS) {
    if (!(machine.without ?? []).includes(client)) script(bin, client, `echo ${client} 1.0`)
  }
  if (!(machine.without ?? []).includes('cargo')) {
    script(bin, 'cargo', `echo '${machine.cargo ?? 'cargo 1.95.0 (f2d3ce0bd 2026-03-21)'}'`)
  }
  if (machine.aptGet === true) script(bin, 'apt-get', 'exit 0')
  const result = spawnSync(which('bash'), [SCRIPT], {
    encoding: 'utf8',
    env: { PATH: bin },
    timeout: 60_000
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('scripts/provision-clients.sh', () => {
  test('every client present: nothing installed, nothing printed', () => {
    expect(provision({ uid: 0, aptGet: true })).toEqual({ status: 0, stdout: '', stderr: '' })
  })

  test('no apt-get (another Linux): stops at once with the command for each missing client', () => {
    const result = provision({ uid: 0, without: ['twine', 'mvn'] })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('missing here: twine mvn')
    expect(result.stderr).toContain(
      '  twine: apt-get install -y --no-install-recommends twine\n' +
        '  mvn: apt-get install -y --no-install-recommends maven\n'
    )
  })

  test('apt-get but not root and no sudo: installs nothing, prints the sudo command', () => {
    const result = provision({ uid: 1000, aptGet: true, without: ['docker'] })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(
      '  docker: sudo apt-get install -y --no-install-recommends docker.io\n'
    )
    expect(result.stdout).not.toContain('installing')
  })

  test('apt-get as root that does not bring the client: names what is still missing', () => {
    const result = provision({ uid: 0, aptGet: true, without: ['go'] })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('installing golang-go with apt-get for go')
    expect(result.stderr).toContain('still missing after apt-get: go')
    expect(result.stderr).toContain('  go: apt-get install -y --no-install-recommends golang-go\n')
  })

  test('a cargo older than 1.74 counts as missing, and the message says why', () => {
    const result = provision({ uid: 1000, cargo: 'cargo 1.65.0' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(
      '  cargo: sudo apt-get install -y --no-install-recommends cargo-web\n'
    )
    expect(result.stderr).toContain('(cargo 1.65.0 is too old: the tests need cargo 1.74 or later)')
  })

  test('macOS: the Homebrew command for each', () => {
    const result = provision({ uid: 501, os: 'Darwin', without: ['gradle', 'bundle', 'pip'] })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('  pip: brew install python\n')
    expect(result.stderr).toContain('  bundle: brew install ruby && gem install bundler\n')
    expect(result.stderr).toContain('  gradle: brew install gradle\n')
  })
})
