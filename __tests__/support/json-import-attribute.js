/**
 * Jest transform for @actions/workflow-parser, which imports its JSON schemas without an import
 * attribute (`import Schema from "../action-v1.0.min.json"`). Plain Node refuses that
 * (ERR_IMPORT_ATTRIBUTE_MISSING) and Jest only tolerates it with a deprecation warning, so this
 * adds `with { type: "json" }` to such static imports. Nothing else in the file changes.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ownSource = readFileSync(fileURLToPath(import.meta.url), 'utf8')
const jsonImport = /(\bimport\s+[\w$]+\s+from\s+(["'])[^"'\n]+\.json\2)(\s*;)/g

export default {
  process(source) {
    return { code: source.replace(jsonImport, '$1 with { type: "json" }$3') }
  },
  getCacheKey(source, path) {
    return createHash('sha256').update(ownSource).update(path).update(source).digest('hex')
  }
}
