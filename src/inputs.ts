/**
 * The step's inputs with the `registries` lines read by the format table: what tests and tools
 * call when the registries code may always be loaded. The main step calls readInputs
 * (src/step-inputs.ts) and loads the registries code only when the input is set.
 */
import { registriesParser } from './registries/formats.js'
import { readInputs, type Inputs, type ProgramLookup } from './step-inputs.js'

export * from './step-inputs.js'

export function parseInputs(
  read: (name: string) => string,
  programs: ProgramLookup = { findProgram: () => undefined }
): Inputs {
  return readInputs(read, registriesParser(programs))
}
