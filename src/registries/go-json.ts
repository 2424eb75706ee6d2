/**
 * JSON read the way Go's encoding/json Decoder reads it, for files a Go program (docker) reads:
 * the first value of the text only (what follows it is never looked at), white space being only
 * space, tab, CR and LF (a UTF-8 byte order mark is an error), and every member of an object kept
 * in order with its duplicates, so the caller can apply Go's rules for them. Pure.
 */

export type GoValue =
  | { readonly kind: 'object'; readonly members: ReadonlyArray<readonly [string, GoValue]> }
  | { readonly kind: 'array'; readonly items: readonly GoValue[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number' | 'bool' | 'null' }

/** The first JSON value of `text`; undefined when there is none (Go's io.EOF); throws a SyntaxError. */
export function parseGoJson(text: string): GoValue | undefined {
  const reader = new Reader(text)
  reader.space()
  if (reader.at >= text.length) return undefined
  return reader.value(0)
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const LITERALS: Readonly<Record<string, GoValue>> = {
  true: { kind: 'bool' },
  false: { kind: 'bool' },
  null: { kind: 'null' }
}
/** Go refuses nesting deeper than 10000; this reader, recursive, stops sooner (a refusal). */
const MAX_DEPTH = 1000

class Reader {
  at = 0
  constructor(private readonly text: string) {}

  space(): void {
    while (' \t\r\n'.includes(this.text[this.at] ?? 'x')) this.at++
  }

  fail(what: string): never {
    throw new SyntaxError(`${what} at character ${this.at + 1}`)
  }

  /** The separator or the closing character after a member or an item, read. */
  next(separator: string, close: string): string {
    this.space()
    const char = this.text[this.at] ?? ''
    if (char !== separator && char !== close) this.fail(`expected '${separator}' or '${close}'`)
    this.at++
    return char
  }

  value(depth: number): GoValue {
    if (depth > MAX_DEPTH) this.fail('nesting too deep')
    this.space()
    const char = this.text[this.at]
    if (char === '{') return this.object(depth)
    if (char === '[') return this.array(depth)
    if (char === '"') return { kind: 'string', value: this.string() }
    for (const [word, value] of Object.entries(LITERALS)) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length
        return value
      }
    }
    NUMBER.lastIndex = this.at
    if (NUMBER.exec(this.text) !== null) {
      this.at = NUMBER.lastIndex
      return { kind: 'number' }
    }
    return this.fail(char === undefined ? 'unexpected end' : 'invalid character')
  }

  object(depth: number): GoValue {
    this.at++
    const members: Array<readonly [string, GoValue]> = []
    this.space()
    if (this.text[this.at] === '}') {
      this.at++
      return { kind: 'object', members }
    }
    for (;;) {
      this.space()
      if (this.text[this.at] !== '"') this.fail('expected a member name')
      const name = this.string()
      this.space()
      if (this.text[this.at] !== ':') this.fail("expected ':'")
      this.at++
      members.push([name, this.value(depth + 1)])
      if (this.next(',', '}') === '}') return { kind: 'object', members }
    }
  }

  array(depth: number): GoValue {
    this.at++
    const items: GoValue[] = []
    this.space()
    if (this.text[this.at] === ']') {
      this.at++
      return { kind: 'array', items }
    }
    for (;;) {
      items.push(this.value(depth + 1))
      if (this.next(',', ']') === ']') return { kind: 'array', items }
    }
  }

  /** A string literal; Go puts U+FFFD for a lone surrogate escape. */
  string(): string {
    this.at++
    let out = ''
    for (;;) {
      const char = this.text[this.at]
      if (char === undefined) this.fail('unterminated string')
      if (char === '"') {
        this.at++
        return out
      }
      if (char < ' ') this.fail('control character in string')
      if (char !== '\\') {
        out += char
        this.at++
        continue
      }
      const escape = this.text[this.at + 1] ?? ''
      const simple = ESCAPES[escape]
      if (simple !== undefined) {
        out += simple
        this.at += 2
        continue
      }
      if (escape !== 'u') this.fail('invalid escape')
      const unit = this.hex(this.at + 2)
      this.at += 6
      if (unit >= 0xd800 && unit < 0xdc00 && this.text.startsWith('\\u', this.at)) {
        const low = this.hex(this.at + 2)
        if (low >= 0xdc00 && low < 0xe000) {
          out += String.fromCharCode(unit, low)
          this.at += 6
          continue
        }
      }
      out += unit >= 0xd800 && unit < 0xe000 ? '\ufffd' : String.fromCharCode(unit)
    }
  }

  hex(from: number): number {
    const digits = this.text.slice(from, from + 4)
    if (!/^[0-9A-Fa-f]{4}$/.test(digits)) this.fail('invalid \\u escape')
    return parseInt(digits, 16)
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
}

/**
 * Go's rule for matching an object member to a struct field: the exact name, else the name
 * folded (ASCII case, and the non-ASCII letters Go folds to ASCII ones: ſ, K, İ, ı).
 */
export function goFold(name: string): string {
  return [...name]
    .map((char) => (char < '\u0080' ? char.toUpperCase() : (GO_FOLDS[char] ?? char)))
    .join('')
}

const GO_FOLDS: Readonly<Record<string, string>> = {
  '\u017f': 'S',
  '\u212a': 'K',
  '\u0130': 'I',
  '\u0131': 'I'
}
