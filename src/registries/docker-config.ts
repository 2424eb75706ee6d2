/**
 * docker's config.json read the way docker 28 reads it (github.com/docker/cli, configfile): Go's
 * encoding/json into docker's ConfigFile (member names matched exactly, else case-folded; a
 * duplicate `auths` merged into the first, the last of a duplicate address kept; a type docker
 * does not take fails the whole file), then each `auth` decoded as base64 `NAME:PASSWORD`. A file
 * docker cannot read is reported as such, never taken as empty: docker would warn, start from an
 * empty config and write that back over the user's file. Pure.
 */
import { type GoValue, goFold, parseGoJson } from './go-json.js'

/** One `auths` entry as docker sees it once loaded (an `auth` decoded into name and password). */
export interface AuthEntry {
  readonly username: string
  readonly password: string
  readonly identityToken: string
  readonly registryToken: string
}

export interface DockerConfig {
  /** `auths`, as docker holds it after loading. */
  readonly auths: ReadonlyMap<string, AuthEntry>
  readonly credsStore: string
  /** undefined: none given (or null). */
  readonly credHelpers: ReadonlyMap<string, string> | undefined
  /**
   * Every entry written under any `auths` member, duplicates included, with whether it holds
   * something that looks like a credential: what a reader that is not docker would see.
   */
  readonly written: ReadonlyArray<{ readonly address: string; readonly holds: boolean }>
}

export type ConfigRead =
  | { readonly ok: true; readonly config: DockerConfig }
  | { readonly ok: false; readonly why: string }

export const EMPTY_CONFIG: DockerConfig = {
  auths: new Map(),
  credsStore: '',
  credHelpers: undefined,
  written: []
}

/** Whether an entry holds a credential docker would use (or a user would miss). */
export function holdsCredential(entry: AuthEntry | undefined): boolean {
  return (
    entry !== undefined &&
    [entry.username, entry.password, entry.identityToken, entry.registryToken].some(
      (value) => value !== ''
    )
  )
}

/** config.json's text (undefined: there is none) read as docker reads it. */
export function readDockerConfig(text: string | undefined): ConfigRead {
  if (text === undefined) return { ok: true, config: EMPTY_CONFIG }
  let value: GoValue | undefined
  try {
    value = parseGoJson(text)
  } catch (error) {
    const bom = text.startsWith('\ufeff') ? ' (it begins with a UTF-8 byte order mark)' : ''
    return {
      ok: false,
      why: `it is not JSON as docker reads it${bom}: ${(error as Error).message}`
    }
  }
  if (value === undefined || value.kind === 'null') return { ok: true, config: EMPTY_CONFIG }
  if (value.kind !== 'object') return { ok: false, why: 'it is not a JSON object' }
  const decoded = new ConfigDecoder()
  for (const [name, member] of value.members) decoded.member(name, member)
  if (decoded.problem !== undefined) return { ok: false, why: decoded.problem }
  const auths = new Map<string, AuthEntry>()
  for (const [address, { auth, ...entry }] of decoded.auths ?? []) {
    // an auth, when there is one, gives the user name and password (docker's LoadFromReader)
    const login = auth === '' ? {} : decodeAuth(auth)
    if (login === undefined) {
      return {
        ok: false,
        why: `the auth of auths entry "${address}" is not base64 of NAME:PASSWORD`
      }
    }
    auths.set(address, { ...entry, ...login })
  }
  return {
    ok: true,
    config: {
      auths,
      credsStore: decoded.credsStore,
      credHelpers: decoded.credHelpers,
      written: decoded.written
    }
  }
}

/** docker's decodeAuth: Go's standard base64 (CR and LF ignored), `NAME:PASSWORD`, NAME not empty. */
export function decodeAuth(auth: string): { username: string; password: string } | undefined {
  const text = auth.replace(/[\r\n]/g, '')
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    return undefined
  }
  const decoded = Buffer.from(text, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return undefined
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '')
  }
}

type FieldType = 'string' | 'stringMap' | 'stringList' | 'auths' | 'proxies' | 'plugins'

/** ConfigFile's members and their Go types (docker/cli v28). */
const CONFIG_FIELDS: Readonly<Record<string, FieldType>> = {
  auths: 'auths',
  HttpHeaders: 'stringMap',
  psFormat: 'string',
  imagesFormat: 'string',
  networksFormat: 'string',
  pluginsFormat: 'string',
  volumesFormat: 'string',
  statsFormat: 'string',
  detachKeys: 'string',
  credsStore: 'string',
  credHelpers: 'stringMap',
  serviceInspectFormat: 'string',
  servicesFormat: 'string',
  tasksFormat: 'string',
  secretFormat: 'string',
  configFormat: 'string',
  nodesFormat: 'string',
  pruneFilters: 'stringList',
  proxies: 'proxies',
  currentContext: 'string',
  cliPluginsExtraDirs: 'stringList',
  plugins: 'plugins',
  aliases: 'stringMap',
  features: 'stringMap',
  experimental: 'string'
}
const AUTH_FIELDS = [
  'username',
  'password',
  'auth',
  'email',
  'serveraddress',
  'identitytoken',
  'registrytoken'
] as const
const PROXY_FIELDS = ['httpProxy', 'httpsProxy', 'noProxy', 'ftpProxy', 'allProxy']
const CREDENTIAL_FIELDS = new Set(
  ['username', 'password', 'auth', 'identitytoken', 'registrytoken'].map(goFold)
)

/** The struct field a member name sets, by Go's rule (exact, else folded), or undefined. */
function fieldOf(name: string, fields: readonly string[]): string | undefined {
  return fields.includes(name) ? name : fields.find((field) => goFold(field) === goFold(name))
}

interface RawAuth {
  readonly username: string
  readonly password: string
  readonly auth: string
  readonly identityToken: string
  readonly registryToken: string
}

class ConfigDecoder {
  problem: string | undefined
  auths: Map<string, RawAuth> | undefined = new Map()
  credsStore = ''
  credHelpers: Map<string, string> | undefined
  readonly written: Array<{ address: string; holds: boolean }> = []

  private wrong(what: string): void {
    this.problem ??= `${what} is not of the type docker takes`
  }

  member(name: string, value: GoValue): void {
    const field = fieldOf(name, Object.keys(CONFIG_FIELDS))
    if (field === undefined) return
    const type = CONFIG_FIELDS[field]
    if (field === 'auths') return this.authsMember(value)
    if (field === 'credsStore') {
      if (value.kind === 'string') this.credsStore = value.value
      else if (value.kind !== 'null') this.wrong(name)
      return
    }
    if (field === 'credHelpers') {
      if (value.kind === 'null') this.credHelpers = undefined
      else if (value.kind === 'object') {
        this.credHelpers ??= new Map()
        for (const [host, helper] of value.members) {
          if (helper.kind === 'string') this.credHelpers.set(host, helper.value)
          else if (helper.kind === 'null') this.credHelpers.set(host, '')
          else this.wrong(`credHelpers "${host}"`)
        }
      } else this.wrong(name)
      return
    }
    if (!fits(value, type!)) this.wrong(name)
  }

  private authsMember(value: GoValue): void {
    if (value.kind === 'null') {
      this.auths = undefined
      return
    }
    if (value.kind !== 'object') return this.wrong('auths')
    this.auths ??= new Map()
    for (const [address, entry] of value.members) {
      const fields: Record<string, string> = {}
      let holds = false
      if (entry.kind === 'object') {
        for (const [name, field] of entry.members) {
          const known = fieldOf(name, AUTH_FIELDS)
          if (field.kind === 'string' && known !== undefined) fields[known] = field.value
          else if (field.kind !== 'null' && known !== undefined)
            this.wrong(`auths "${address}" ${name}`)
          if (
            CREDENTIAL_FIELDS.has(goFold(name)) &&
            !(field.kind === 'string' && field.value === '') &&
            field.kind !== 'null'
          ) {
            holds = true
          }
        }
      } else if (entry.kind !== 'null') this.wrong(`auths "${address}"`)
      this.written.push({ address, holds })
      this.auths.set(address, {
        username: fields['username'] ?? '',
        password: fields['password'] ?? '',
        auth: fields['auth'] ?? '',
        identityToken: fields['identitytoken'] ?? '',
        registryToken: fields['registrytoken'] ?? ''
      })
    }
  }
}

/** Whether Go would decode `value` into a field of `type` without an error. */
function fits(value: GoValue, type: FieldType): boolean {
  if (value.kind === 'null') return true
  const strings = (members: ReadonlyArray<readonly [string, GoValue]>): boolean =>
    members.every(([, item]) => item.kind === 'string' || item.kind === 'null')
  switch (type) {
    case 'string':
      return value.kind === 'string'
    case 'stringMap':
      return value.kind === 'object' && strings(value.members)
    case 'stringList':
      return (
        value.kind === 'array' &&
        value.items.every((item) => item.kind === 'string' || item.kind === 'null')
      )
    case 'plugins':
      return (
        value.kind === 'object' &&
        value.members.every(
          ([, item]) => item.kind === 'null' || (item.kind === 'object' && strings(item.members))
        )
      )
    case 'proxies':
      return (
        value.kind === 'object' &&
        value.members.every(
          ([, item]) =>
            item.kind === 'null' ||
            (item.kind === 'object' &&
              item.members.every(
                ([name, field]) =>
                  fieldOf(name, PROXY_FIELDS) === undefined ||
                  field.kind === 'string' ||
                  field.kind === 'null'
              ))
        )
      )
    case 'auths':
      return true
  }
}
