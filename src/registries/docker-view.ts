/**
 * What docker holds for a host, pure, with a credential helper's answers passed in (`ask`): the
 * standing logins a `docker login HOST` would replace or a `docker logout HOST` would erase (every
 * spelling docker takes for the host in config.json, and each spelling's store), and, for the
 * post step, whether docker's credential for the host is exactly the one this step gave it.
 */
import { fingerprint } from '../fingerprint.js'
import { type DockerConfig, holdsCredential } from './docker-config.js'
import { convertToHostname, logoutAddresses, storeFor } from './docker-stores.js'
import type { HelperRead } from './plan.js'

/** Asks a credential helper (a store's name) what it holds for an address. */
export type AskHelper = (store: string, address: string) => HelperRead

/** Where a login stands: config.json under an address, or a store's answer for one. */
export type Standing =
  | { readonly kind: 'config'; readonly address: string }
  | { readonly kind: 'dropped'; readonly address: string }
  /** DOCKER_AUTH_CONFIG's login for the address, which docker asks first. */
  | { readonly kind: 'variable'; readonly address: string }
  | { readonly kind: 'store'; readonly store: string; readonly address: string }
  | {
      readonly kind: 'unknown'
      readonly store: string
      readonly address: string
      readonly why: string
    }

/**
 * Every login that stands for `host`: a config.json entry holding a credential under any address
 * docker reads as the host (as written, duplicates included), an entry docker's own reading would
 * lose when it writes the file back, and each logout address whose store holds (or may hold) one.
 */
export function standingLogins(
  config: DockerConfig,
  host: string,
  defaultStore: string,
  ask: AskHelper
): Standing[] {
  const found: Standing[] = []
  const addresses = logoutAddresses(host)
  const seen = new Set<string>()
  for (const { address, holds } of config.written) {
    if (!holds || seen.has(address)) continue
    if (addresses.includes(address) || convertToHostname(address) === host) {
      seen.add(address)
      found.push({ kind: 'config', address })
    }
  }
  for (const address of droppedOnWrite(config)) {
    if (!seen.has(address)) found.push({ kind: 'dropped', address })
  }
  const silent = new Set<string>()
  for (const address of addresses) {
    const store = storeFor(config, address, defaultStore)
    // a store that did not answer once is not asked again
    if (store === '' || silent.has(store)) continue
    const read = ask(store, address)
    if (read.kind === 'found') found.push({ kind: 'store', store, address })
    if (read.kind === 'unknown') {
      silent.add(store)
      found.push({ kind: 'unknown', store, address, why: read.why })
    }
  }
  return found
}

/** Addresses written with a credential more often than docker's reading keeps one. */
function droppedOnWrite(config: DockerConfig): string[] {
  const written = new Map<string, number>()
  for (const { address, holds } of config.written) {
    if (holds) written.set(address, (written.get(address) ?? 0) + 1)
  }
  return [...written]
    .filter(([address, count]) => count > (holdsCredential(config.auths.get(address)) ? 1 : 0))
    .map(([address]) => address)
}

/** This step's login, by user name and the key's SHA-256. */
export interface OurLogin {
  readonly host: string
  readonly username: string
  readonly keySha256: string
}

/** Whose credential docker holds for the host: this step's, someone else's, none, or unknown. */
export type Holder =
  | { readonly kind: 'ours' }
  | { readonly kind: 'other' }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly why: string }
  /** Ours, but `docker logout` would also erase another spelling's login. */
  | { readonly kind: 'shared'; readonly address: string; readonly store: string }

export function dockerHolder(
  config: DockerConfig,
  login: OurLogin,
  defaultStore: string,
  ask: AskHelper
): Holder {
  const holder = hostHolder(config, login, defaultStore, ask)
  if (holder.kind !== 'ours') return holder
  for (const address of logoutAddresses(login.host).slice(1)) {
    if (holdsCredential(config.auths.get(address))) {
      return { kind: 'shared', address, store: 'config.json' }
    }
    const store = storeFor(config, address, defaultStore)
    if (store === '') continue
    const read = ask(store, address)
    if (read.kind === 'unknown') return read
    if (read.kind === 'found') return { kind: 'shared', address, store }
  }
  return holder
}

/** docker's view of the host's own address (what `docker login HOST` wrote). */
function hostHolder(
  config: DockerConfig,
  login: OurLogin,
  defaultStore: string,
  ask: AskHelper
): Holder {
  const store = storeFor(config, login.host, defaultStore)
  if (store === '') {
    const entry =
      config.auths.get(login.host) ??
      [...config.auths].find(([address]) => convertToHostname(address) === login.host)?.[1]
    if (!holdsCredential(entry)) return { kind: 'none' }
    const ours =
      entry!.username === login.username &&
      fingerprint(entry!.password) === login.keySha256 &&
      entry!.identityToken === '' &&
      entry!.registryToken === ''
    return { kind: ours ? 'ours' : 'other' }
  }
  const read = ask(store, login.host)
  if (read.kind !== 'found') return read
  return { kind: helperAnswerIsOurs(read.answer, login) ? 'ours' : 'other' }
}

/** Whether a credential helper's `get` answer (`{"Username", "Secret"}`) is this step's login. */
export function helperAnswerIsOurs(answer: string, login: Omit<OurLogin, 'host'>): boolean {
  let parsed: unknown
  try {
    parsed = JSON.parse(answer)
  } catch {
    return false
  }
  if (typeof parsed !== 'object' || parsed === null) return false
  const { Username: username, Secret: secret } = parsed as Record<string, unknown>
  return (
    username === login.username &&
    typeof secret === 'string' &&
    fingerprint(secret) === login.keySha256
  )
}
