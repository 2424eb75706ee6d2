/**
 * The shape every package-manager format shares. A format turns one validated `registries` line
 * into a Plan: the files to write, the variables to export and the commands to run. Planning
 * touches nothing; the key itself is not even known yet (a value refers to it with KEY). One
 * runner-side module applies a plan after the key is masked and records what it did (never the
 * key); the post step undoes exactly that record, in reverse.
 */

/** Stands for the key in a planned value; filled in only when the plan is applied. */
export const KEY: unique symbol = Symbol('the Cloudsmith API key')

/** A planned value: literal text and the key, in order. `['https://token:', KEY, '@host/']`. */
export type Value = ReadonlyArray<string | typeof KEY>

export type Format =
  'docker' | 'npm' | 'python' | 'cargo' | 'maven' | 'gradle' | 'nuget' | 'go' | 'ruby' | 'terraform'

/** One `registries` line, validated. */
export interface RegistryRequest {
  /** 1-based line number within the `registries` input. */
  readonly line: number
  /** The line as written, trimmed (outside text: print it through the gate). */
  readonly text: string
  readonly format: Format
  /** The repository's owner: the action's `org`, or OWNER from OWNER/REPO. */
  readonly owner: string
  /** The repository slug; undefined for formats that take none (docker). */
  readonly repository: string | undefined
  /** `key=value` options, each key known to the format. */
  readonly options: ReadonlyMap<string, string>
}

/** What a format needs to know about the machine; read by the entry point, passed in. */
export interface PlanContext {
  readonly platform: NodeJS.Platform
  /** RUNNER_TEMP: the only place files are written. */
  readonly tempDir: string
  /** HOME, or USERPROFILE on Windows. */
  readonly homeDir: string
  /**
   * The account's home directory from the user database (os.userInfo): what Java takes as
   * `user.home`, which need not be HOME. Undefined when unknown.
   */
  readonly accountHome?: string
  /**
   * A program found on PATH with its symbolic links resolved (where it is installed), or
   * undefined. Reads only.
   */
  readonly resolveProgram?: (name: string) => string | undefined
  /** The environment when the step started (read-only). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Whether CLOUDSMITH_API_KEY is exported (export-env). */
  readonly exportEnv: boolean
  /**
   * The text of a file, or undefined when nothing is at the name. Reads only; never writes; never
   * blocks. Throws UnreadableFileError (src/read-file.ts) for anything but a regular file within
   * the size limit (a named pipe, a device, a link that leads nowhere): planRegistries turns that
   * into a problem of the line.
   */
  readonly readFile: (path: string) => string | undefined
  /**
   * What docker's credential helper `docker-credential-HELPER get` holds for a host (docker
   * configured with DOCKER_CONFIG=configDir). Reads only. Without it, a plan that needs the answer
   * cannot be made.
   */
  readonly readCredentialHelper?: (helper: string, host: string, configDir: string) => HelperRead
  /** Set with `refresh: true`: docker, cargo and pnpm then take the key from the helper. */
  readonly refresh?: RefreshTargets
  /** A program's path on PATH, or undefined (docker's default credential store depends on it). */
  readonly findProgram?: (name: string) => string | undefined
  /** Where a path really leads and what is there, for the guards. Reads only. */
  readonly inspectPath?: (path: string) => PathFacts
}

/** What the machine says about a path, following symbolic links. */
export interface PathFacts {
  /**
   * The path with every symbolic link resolved (the part that does not exist yet kept as
   * written); undefined when it cannot be resolved (a dangling link, a loop, no permission).
   */
  readonly realPath: string | undefined
  /** Whether something is there. */
  readonly exists: boolean
  /** Its permission bits (POSIX), when something is there. */
  readonly mode?: number
}

/**
 * A line refused for the state of the machine rather than for its text (a standing login, a
 * config folder in the workspace): what stands in the way, why it is there, and what to do.
 */
export interface Refusal {
  readonly problem: string
  readonly cause: string
  readonly fix: string
}

/** What stops a plan: problems with the line, and refusals for the machine's state. */
export interface PlanProblems {
  readonly problems: readonly string[]
  readonly refusals?: readonly Refusal[]
}

/** What the refresh helper's set-up names, for the formats that ask it (src/refresh/setup.ts). */
export interface RefreshTargets {
  /** docker's credHelpers value: docker runs docker-credential-<this> from PATH. */
  readonly dockerHelper: string
  /** The absolute path of a front-end's launcher. */
  launcherPath(protocol: 'docker' | 'cargo' | 'pnpm'): string
}

/** A line that takes its credential from the refresh helper (src/refresh/install.ts sets it up). */
export type HelperUse =
  | {
      readonly protocol: 'docker'
      readonly host: string
      readonly configFile: string
      /** docker's default store, named beside the entry (src/refresh/cred-helpers.ts). */
      readonly pinnedStore?: string
    }
  | { readonly protocol: 'cargo' }
  | { readonly protocol: 'pnpm' }

/** A credential helper's answer to `get`: the credential, none for the host, or no answer. */
export type HelperRead =
  | { readonly kind: 'found'; readonly answer: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly why: string }

export type Step =
  /** A file under tempDir, mode 0600. Its content never holds the key (hence plain text). */
  | { readonly kind: 'file'; readonly path: string; readonly content: string }
  /**
   * An exported variable. `restore` is what post puts back while the variable still holds this
   * step's value: the value before the step (non-secret variables only, such as a file path), ''
   * to clear it, or null to leave it as it is (a variable holding nothing secret that had no value
   * before, and that a tool refuses when empty, as Cargo refuses an empty registry index). A
   * variable cannot be unset for later steps, only set to ''.
   */
  | {
      readonly kind: 'env'
      readonly name: string
      readonly value: Value
      readonly secret: boolean
      readonly restore: string | null
    }
  /**
   * `docker login HOST --username NAME --password-stdin`, the key on standard input only.
   * `configDir` is where docker keeps its config.json (DOCKER_CONFIG, or ~/.docker): the post step
   * reads the credential back from there (or from the credential store it names) before logging out.
   */
  | {
      readonly kind: 'docker-login'
      readonly host: string
      readonly username: string
      readonly configDir: string
    }

export interface Plan {
  readonly request: RegistryRequest
  /** Human summary, e.g. "npm: @acme from https://npm.cloudsmith.io/acme/npm-private/". */
  readonly title: string
  readonly steps: readonly Step[]
  /** Lines for the log and the README-style advice (no values that hold the key). */
  readonly notes: readonly string[]
  /** With `refresh: true`: what the refresh helper is set up for. */
  readonly helpers?: readonly HelperUse[]
}

/** What a format says about itself, and how it plans. One module per format under src/registries/. */
export interface FormatModule {
  readonly format: Format
  /** Whether a line names a repository: npm, python and cargo do; docker does not. */
  readonly repository: 'required' | 'none'
  /** The `key=value` options it accepts, with what each takes (for error messages and README). */
  readonly options: Readonly<Record<string, string>>
  /**
   * Problems with the line's option values beyond the common checks (a malformed scope or name),
   * each a sentence naming the option and what it accepts.
   */
  validate(request: RegistryRequest): readonly string[]
  /** The hosts this line configures, for the "format given twice for the same host" check. */
  hosts(request: RegistryRequest): readonly string[]
  /** Programs that must be on PATH (e.g. ['docker']). */
  readonly programs: readonly string[]
  /**
   * Set when a job can hold only one line of this format (its variables have room for one
   * repository, as python's PIP_INDEX_URL): what to do instead, for the message that refuses a
   * second line.
   */
  readonly onlyOne?: string
  /**
   * The plan, or the problems that stop it (e.g. an existing user config that already holds an
   * _authToken for the same registry path), each naming the line and the clash.
   */
  plan(request: RegistryRequest, context: PlanContext): Plan | PlanProblems
  /**
   * For a format whose lines share one configuration (npm: one user config file for every npm
   * line), all of its lines at once, in order: one plan per line (the first holds the shared
   * steps), or the problems, including those between lines (a scope given twice). When a module
   * has it, it is called instead of plan().
   */
  planAll?(
    requests: readonly RegistryRequest[],
    context: PlanContext
  ): readonly Plan[] | { readonly problems: readonly string[] }
}
