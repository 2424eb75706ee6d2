/**
 * What each tool asks the helper and what it reads back. Pure.
 * - docker (credHelpers): `get` with the host on standard input, `{"Username","Secret"}` out;
 *   `store`, `erase` and `list` change nothing (the key is not docker's to keep).
 * - cargo (`cargo:token-from-stdout`): the whole Authorization value, as the cargo line sends it
 *   today: `Token <key>` (src/registries/cargo.ts).
 * - pnpm (`tokenHelper`): the key.
 */
import { CARGO_AUTH_SCHEME } from '../registries/cargo.js'
import { DOCKER_USERNAME } from '../registries/docker.js'
import type { Protocol } from './settings.js'

export type Request =
  /** Needs the current key; `answer` makes the output from it. */
  | { readonly kind: 'key'; readonly answer: (key: string) => string }
  /** Answered without a key. */
  | { readonly kind: 'done'; readonly stdout: string }
  | { readonly kind: 'unknown'; readonly why: string }

export function readRequest(protocol: Protocol, args: readonly string[]): Request {
  switch (protocol) {
    case 'cargo':
      return { kind: 'key', answer: (key) => `${CARGO_AUTH_SCHEME} ${key}\n` }
    case 'pnpm':
      return { kind: 'key', answer: (key) => `${key}\n` }
    case 'docker':
      return dockerRequest(args[0])
  }
}

function dockerRequest(action: string | undefined): Request {
  switch (action) {
    case 'get':
      return {
        kind: 'key',
        answer: (key) => `${JSON.stringify({ Username: DOCKER_USERNAME, Secret: key })}\n`
      }
    case 'store':
    case 'erase':
      return { kind: 'done', stdout: '' }
    case 'list':
      return { kind: 'done', stdout: '{}\n' }
    default:
      return {
        kind: 'unknown',
        why: `docker credential helpers take get, store, erase or list, not ${action ?? 'nothing'}`
      }
  }
}
