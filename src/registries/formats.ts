/**
 * The formats the `registries` input knows, one module each. To add one: write
 * src/registries/<format>.ts exporting a FormatModule, import it here and add it to the list.
 */
import { cargo } from './cargo.js'
import { docker } from './docker.js'
import { go } from './go.js'
import { gradle } from './gradle.js'
import { maven } from './maven.js'
import { npm } from './npm.js'
import { nuget } from './nuget.js'
import type { FormatModule } from './plan.js'
import { python } from './python.js'
import { ruby } from './ruby.js'
import { terraform } from './terraform.js'

export const FORMATS: ReadonlyMap<string, FormatModule> = new Map(
  [docker, npm, python, cargo, maven, gradle, nuget, go, ruby, terraform].map((format) => [
    format.format,
    format
  ])
)
