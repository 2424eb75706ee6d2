/**
 * The formats the `registries` input knows, one module each. To add one: write
 * src/registries/<format>.ts exporting a FormatModule, import it here and add it to the list.
 */
import { docker } from './docker.js'
import type { FormatModule } from './plan.js'

export const FORMATS: ReadonlyMap<string, FormatModule> = new Map(
  [
    docker
    // npm, python, cargo: one entry each, in this order
  ].map((format) => [format.format, format])
)
