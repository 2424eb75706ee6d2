/**
 * docker's config.json with this step's credential helper for a host, and without it again.
 * Pure: text in, text out. Everything else in the file (other hosts' logins and helpers, a
 * credsStore, proxies, plugins) is kept as it was; the caller refuses a host docker already
 * holds a login or a helper for (src/registries/docker.ts) before it gets here.
 */

/** The config with `credHelpers[host]` = `helper` (a new config when there was none). */
export function withCredHelper(
  configText: string | undefined,
  host: string,
  helper: string
): string {
  const config = parseObject(configText)
  if (config === undefined) {
    throw new Error('it is not a JSON object, and the action edits only a config docker could read')
  }
  const helpers = isRecord(config['credHelpers']) ? config['credHelpers'] : {}
  return `${JSON.stringify({ ...config, credHelpers: { ...helpers, [host]: helper } }, null, '\t')}\n`
}

/**
 * The config without `credHelpers[host]`, when it still names `helper`; undefined when it does
 * not (gone, or a later step put another there): then there is nothing of this step's to remove.
 * An emptied `credHelpers` is dropped.
 */
export function withoutCredHelper(
  configText: string | undefined,
  host: string,
  helper: string
): string | undefined {
  const config = parseObject(configText)
  const helpers = config?.['credHelpers']
  if (config === undefined || !isRecord(helpers) || helpers[host] !== helper) return undefined
  const others = Object.fromEntries(Object.entries(helpers).filter(([name]) => name !== host))
  const next: Record<string, unknown> = { ...config, credHelpers: others }
  if (Object.keys(others).length === 0) delete next['credHelpers']
  return `${JSON.stringify(next, null, '\t')}\n`
}

/** The helper the config names for `host` (credHelpers), if any. */
export function credHelperFor(configText: string | undefined, host: string): string | undefined {
  const helpers = parseObject(configText)?.['credHelpers']
  return isRecord(helpers) && typeof helpers[host] === 'string' ? helpers[host] : undefined
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
