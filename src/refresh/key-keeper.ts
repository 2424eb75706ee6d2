/**
 * The current key for a helper call: the cached one while it is good, else one new exchange for
 * every caller at once. The first caller to find the key near expiry (or missing) takes the lock
 * and exchanges; the others wait for the cache to change, up to a bound. A lock whose holder
 * died, or that is older than any exchange can take, is broken.
 */
import type { CloudsmithToken } from '../cloudsmith-response.js'
import type { Clock } from '../retry.js'
import { cacheEntry, isFresh, parseCache, serialiseCache, type KeyCache } from './key-cache.js'
import type { KeyFiles, LockHolder } from './key-files.js'

export interface KeeperDeps {
  readonly files: KeyFiles
  readonly clock: Clock
  /** One exchange (ID token and all), under the main step's retry policy and time limits. */
  readonly mint: () => Promise<CloudsmithToken>
  /** Whether a process with this id is running on this machine. */
  readonly isAlive: (pid: number) => boolean
}

export interface KeeperLimits {
  /** How long a caller waits for another's exchange before it gives up. */
  readonly waitMs: number
  /** A lock held longer than this is stale: no exchange takes that long. */
  readonly staleMs: number
  /** How often a waiting caller looks again. */
  readonly pollMs: number
}

/** Another caller held the lock for the whole wait and no new key came. */
export class LockWaitError extends Error {
  override readonly name = 'LockWaitError'
}

export interface CurrentKey {
  readonly cache: KeyCache
  /** Whether this call exchanged for it. */
  readonly minted: boolean
}

export async function currentKey(deps: KeeperDeps, limits: KeeperLimits): Promise<CurrentKey> {
  const { files, clock } = deps
  const cached = parseCache(files.readCache())
  if (cached && isFresh(cached, clock.now())) return { cache: cached, minted: false }

  const giveUpAtMs = clock.now() + limits.waitMs
  while (!files.tryLock(clock.now())) {
    const holder = files.lockHolder()
    if (holder !== undefined && isStale(holder, deps, limits)) {
      files.breakLock(holder)
      continue
    }
    if (clock.now() >= giveUpAtMs) {
      throw new LockWaitError(
        `another call of the helper${holder?.pid === undefined ? '' : ` (process ${holder.pid})`} has been getting a new key for ${Math.round(limits.waitMs / 1000)}s without result`
      )
    }
    await clock.sleep(limits.pollMs)
    const changed = parseCache(files.readCache())
    if (changed && isFresh(changed, clock.now())) return { cache: changed, minted: false }
  }
  try {
    // another caller may have renewed it between our first look and the lock
    const latest = parseCache(files.readCache())
    if (latest && isFresh(latest, clock.now())) return { cache: latest, minted: false }
    const askedAtMs = clock.now()
    const token = await deps.mint()
    const entry = cacheEntry(token, askedAtMs, ((latest ?? cached)?.minted ?? 0) + 1)
    files.writeCache(serialiseCache(entry))
    return { cache: entry, minted: true }
  } finally {
    files.unlock()
  }
}

function isStale(holder: LockHolder, deps: KeeperDeps, limits: KeeperLimits): boolean {
  if (deps.clock.now() - holder.sinceMs > limits.staleMs) return true
  return holder.pid !== undefined && !deps.isAlive(holder.pid)
}
