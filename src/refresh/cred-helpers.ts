/**
 * docker's config.json with this step's credential helper for a host, and without it again.
 * Pure: text in, text out. Everything else in the file (other hosts' logins and helpers, a
 * credsStore, proxies, plugins) is kept as it was; the docker line refuses a host docker already
 * holds a login or a helper for before it gets here.
 *
 * docker uses its platform's default store (wincred, osxkeychain, pass, secretservice) only while
 * the config names no store and holds no login or helper entry. The first credHelpers entry would
 * end that for every other registry, so the store in use is then named (`credsStore`) beside it,
 * and taken out again with it.
 */

export interface HelperEntry {
  readonly host: string
  readonly helper: string
  /** The default store named beside the entry, when docker was using it unnamed. */
  readonly pinnedStore?: string
}

/** The config with `credHelpers[host]` = `helper` (a new config when there was none). */
export function withCredHelper(configText: string | undefined, entry: HelperEntry): string {
  const config = parseObject(configText)
  if (config === undefined) {
    throw new Error('it is not a JSON object, and the action edits only a config docker could read')
  }
  const helpers = isRecord(config['credHelpers']) ? config['credHelpers'] : {}
  const next: Record<string, unknown> = {
    ...config,
    credHelpers: { ...helpers, [entry.host]: entry.helper }
  }
  if (entry.pinnedStore !== undefined && !config['credsStore']) {
    next['credsStore'] = entry.pinnedStore
  }
  return `${JSON.stringify(next, null, '\t')}\n`
}

/**
 * The config without `credHelpers[host]`, when it still names this step's helper; undefined when
 * it does not (gone, or a later step put another there): then there is nothing of this step's to
 * remove. An emptied `credHelpers` is dropped, and a store this step named, while it is unchanged.
 */
export function withoutCredHelper(
  configText: string | undefined,
  entry: HelperEntry
): string | undefined {
  const config = parseObject(configText)
  const helpers = config?.['credHelpers']
  if (config === undefined || !isRecord(helpers) || helpers[entry.host] !== entry.helper) {
    return undefined
  }
  const others = Object.fromEntries(Object.entries(helpers).filter(([host]) => host !== entry.host))
  const next: Record<string, unknown> = { ...config, credHelpers: others }
  if (Object.keys(others).length === 0) delete next['credHelpers']
  if (entry.pinnedStore !== undefined && next['credsStore'] === entry.pinnedStore) {
    delete next['credsStore']
  }
  return `${JSON.stringify(next, null, '\t')}\n`
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === '') return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return isRecord(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
