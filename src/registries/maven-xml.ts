/**
 * The little XML a Maven settings file needs: escaping text we write, and reading a file's
 * elements with where each one starts and ends (to list its servers' ids and to insert servers
 * into a copy of it). Comments, CDATA, processing instructions and a DOCTYPE without an internal
 * subset are understood; anything else malformed is a problem, as it is for Maven. Pure.
 *
 * Hand-written on purpose: the well-kept streaming parser (saxes) adds about 190 KiB to
 * node_modules and 74 KiB of JavaScript to the bundle for what these 100 lines do.
 */

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c
  )
}

export interface XmlElement {
  /** The element's names from the root down to it, as written (Maven reads no namespaces). */
  readonly path: readonly string[]
  /** Offset just after the `>` of its start tag. */
  readonly openEnd: number
  /** Offset of its start tag's `<`. */
  readonly start: number
  /** Offset just after its end (the `>` of its end tag, or of a self-closing start tag). */
  readonly end: number
  readonly selfClosing: boolean
  /** Its own text and CDATA (not its children's), entities decoded. */
  readonly text: string
}

const START_TAG = /<([A-Za-z_][^\s/>]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y
const END_TAG = /<\/([A-Za-z_][^\s/>]*)\s*>/y
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/g
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Every element of a document in document order, or what makes it unreadable. */
export function scanXml(text: string): readonly XmlElement[] | { readonly problem: string } {
  const elements: XmlElement[] = []
  const open: Array<{ name: string; index: number; text: string }> = []
  let roots = 0
  let at = 0
  const fail = (what: string): { problem: string } => {
    const line = text.slice(0, at).split('\n').length
    return { problem: `${what} (line ${line})` }
  }
  while (at < text.length) {
    const lt = text.indexOf('<', at)
    const chars = text.slice(at, lt < 0 ? text.length : lt)
    const decoded = decodeEntities(chars)
    if (decoded === undefined) return fail('an unknown entity or a bare &')
    const top = open.at(-1)
    if (top) top.text += decoded
    else if (chars.trim() !== '') return fail('text outside the root element')
    if (lt < 0) break
    at = lt
    const skip = (opening: string, closing: string): number | undefined => {
      if (!text.startsWith(opening, at)) return undefined
      const close = text.indexOf(closing, at + opening.length)
      return close < 0 ? -1 : close + closing.length
    }
    const cdata = skip('<![CDATA[', ']]>')
    if (cdata !== undefined) {
      if (cdata < 0 || !top) return fail('an unclosed or misplaced CDATA section')
      top.text += text.slice(at + '<![CDATA['.length, cdata - ']]>'.length)
      at = cdata
      continue
    }
    const other = skip('<!--', '-->') ?? skip('<?', '?>')
    if (other !== undefined) {
      if (other < 0) return fail('an unclosed comment or processing instruction')
      at = other
      continue
    }
    if (text.startsWith('<!', at)) {
      const gt = text.indexOf('>', at)
      if (open.length > 0 || roots > 0 || gt < 0 || text.slice(at, gt).includes('['))
        return fail('a DOCTYPE with an internal subset, or in the wrong place')
      at = gt + 1
      continue
    }
    END_TAG.lastIndex = at
    const end = END_TAG.exec(text)
    if (end) {
      const closing = open.pop()
      const started = closing && elements[closing.index]
      if (closing?.name !== end[1] || !started)
        return fail(`an end tag </${end[1]}> that closes nothing open`)
      elements[closing.index] = { ...started, end: END_TAG.lastIndex, text: closing.text }
      at = END_TAG.lastIndex
      continue
    }
    START_TAG.lastIndex = at
    const start = START_TAG.exec(text)
    const name = start?.[1]
    if (!start || name === undefined) return fail('a malformed tag')
    if (open.length === 0 && roots++ > 0) return fail('a second root element')
    const selfClosing = start[3] === '/'
    const done = element(open, name, at, START_TAG.lastIndex, START_TAG.lastIndex, selfClosing)
    elements.push({ ...done, text: '' })
    if (!selfClosing) open.push({ name, index: elements.length - 1, text: '' })
    at = START_TAG.lastIndex
  }
  if (open.length > 0) return fail(`<${open.at(-1)?.name}> is never closed`)
  if (roots === 0) return fail('no root element')
  return elements
}

function element(
  ancestors: ReadonlyArray<{ name: string }>,
  name: string,
  start: number,
  openEnd: number,
  end: number,
  selfClosing: boolean
): XmlElement {
  const path = [...ancestors.map((a) => a.name), name]
  return { path, start, openEnd, end, selfClosing, text: '' }
}

function decodeEntities(chars: string): string | undefined {
  let bad = chars.replace(ENTITY, '').includes('&')
  const decoded = chars.replace(ENTITY, (_, named?: string, dec?: string, hex?: string) => {
    if (named) return NAMED[named] ?? ''
    const code = Number.parseInt(dec ?? hex ?? '', dec ? 10 : 16)
    if (code > 0x10ffff) bad = true
    return bad ? '' : String.fromCodePoint(code)
  })
  return bad ? undefined : decoded
}
