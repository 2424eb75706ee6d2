/**
 * The formats the `registries` input knows, one module each. To add one: write
 * src/registries/<format>.ts exporting a FormatModule, import it here and add it to the list.
 */
import { cargo } from './cargo.js'
import { docker } from './docker.js'
import { gradle } from './gradle.js'
import { maven } from './maven.js'
import { npm } from './npm.js'
import type { FormatModule } from './plan.js'
import { python } from './python.js'

export const FORMATS: ReadonlyMap<string, FormatModule> = new Map(
  [docker, npm, python, cargo, maven, gradle].map((format) => [format.format, format])
)
