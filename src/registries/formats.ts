/**
 * The formats the `registries` input knows: this table, one module each (CONTRIBUTING.md, "Adding
 * a format"), and the `registries` input's reader bound to it.
 */
import { slugProblem, type ProgramLookup, type RegistriesParser } from '../step-inputs.js'
import { cargo } from './cargo.js'
import { docker } from './docker.js'
import { go } from './go.js'
import { gradle } from './gradle.js'
import { maven } from './maven.js'
import { npm } from './npm.js'
import { nuget } from './nuget.js'
import type { FormatModule } from './plan.js'
import { python } from './python.js'
import { parseRegistries } from './request.js'
import { ruby } from './ruby.js'
import { terraform } from './terraform.js'

export const FORMATS: ReadonlyMap<string, FormatModule> = new Map(
  [docker, npm, python, cargo, maven, gradle, nuget, go, ruby, terraform].map((format) => [
    format.format,
    format
  ])
)

/** Reads `registries` lines with this table; `programs` says where a program is on PATH. */
export function registriesParser(programs: ProgramLookup): RegistriesParser {
  return (text, org) =>
    parseRegistries(text, {
      org,
      formats: FORMATS,
      slugProblem,
      findProgram: (name) => programs.findProgram(name)
    })
}
