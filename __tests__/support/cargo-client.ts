/**
 * The real `cargo` against a registry: a throw-away project that depends on one crate from a named
 * registry, run with its own CARGO_HOME (nothing read from or written to ~/.cargo) and nothing
 * from crates.io.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

/** Sparse registries with `credential-provider` in config: Cargo 1.74 and later. */
export const CARGO_MINIMUM = [1, 74] as const

/** `cargo --version` when cargo is on PATH and new enough, else an Error saying what is wrong. */
export function requireCargo(): string {
  const version = spawnSync('cargo', ['--version'], { encoding: 'utf8' })
  const match = /^cargo (\d+)\.(\d+)\./.exec(version.stdout ?? '')
  if (version.status !== 0 || !match) {
    throw new Error(
      'cargo is needed on PATH for this test (scripts/provision-clients.sh installs it)'
    )
  }
  const [major, minor] = [Number(match[1]), Number(match[2])]
  if (major < CARGO_MINIMUM[0] || (major === CARGO_MINIMUM[0] && minor < CARGO_MINIMUM[1])) {
    throw new Error(
      `${version.stdout.trim()} is too old for this test: it needs ${CARGO_MINIMUM.join('.')} or later`
    )
  }
  return version.stdout.trim()
}

export interface CargoProject {
  readonly dir: string
  /** CARGO_HOME for this project alone. */
  readonly cargoHome: string
  remove(): void
}

/** An application depending on `dependency` from `registry`, plus a library it could publish. */
export function cargoProject(
  registry: string,
  dependency: { name: string; version: string }
): CargoProject {
  const root = mkdtempSync(join(tmpdir(), 'cargo-project-'))
  const dir = join(root, 'app')
  const cargoHome = join(root, 'cargo-home')
  mkdirSync(join(dir, 'src'), { recursive: true })
  mkdirSync(cargoHome)
  writeFileSync(
    join(dir, 'Cargo.toml'),
    [
      '[package]',
      'name = "app"',
      'version = "0.1.0"',
      'edition = "2021"',
      'description = "A test crate"',
      'license = "MIT"',
      `publish = ["${registry}"]`,
      '',
      '[dependencies]',
      `${dependency.name} = { version = "${dependency.version}", registry = "${registry}" }`,
      ''
    ].join('\n')
  )
  writeFileSync(
    join(dir, 'src', 'lib.rs'),
    `pub use ${dependency.name.replaceAll('-', '_')}::answer;\n`
  )
  return { dir, cargoHome, remove: () => rmSync(root, { recursive: true, force: true }) }
}

/**
 * The environment for `cargo` in the project: the step's (`env`), plus the project's own
 * CARGO_HOME, the registry's CA, no retries and plain output. A step's HOME is a throw-away folder,
 * so a rustup-installed cargo is told where its toolchains are (RUSTUP_HOME).
 */
export function cargoEnv(
  project: CargoProject,
  env: Readonly<Record<string, string | undefined>>,
  caFile: string
): Record<string, string> {
  const rustupHome = process.env.RUSTUP_HOME ?? join(homedir(), '.rustup')
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value
  return {
    ...out,
    ...(existsSync(rustupHome) ? { RUSTUP_HOME: rustupHome } : {}),
    CARGO_HOME: project.cargoHome,
    CARGO_HTTP_CAINFO: caFile,
    CARGO_HTTP_TIMEOUT: '20',
    CARGO_NET_RETRY: '0',
    CARGO_TERM_COLOR: 'never',
    CARGO_TERM_PROGRESS_WHEN: 'never'
  }
}
