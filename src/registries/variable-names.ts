/**
 * Environment variable names as the step reads and writes them: plain ASCII only. Unicode case
 * rules map look-alikes onto ASCII ('ſ'.toUpperCase() is 'S', 'K' (Kelvin) lower-cases to 'k'),
 * so a name compared with toUpperCase would take NPM_CONFIG_UſERCONFIG for NPM_CONFIG_USERCONFIG
 * and then export under the look-alike.
 */

/**
 * A variable name the step may write: ASCII letters, digits and '_', and '-' after the first
 * character (NuGet's NuGetPackageSourceCredentials_NAME takes a package source name as written,
 * and those carry '-'; a process reads such a variable, only shell syntax cannot name it).
 */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** `name` upper-cased in ASCII only: a-z become A-Z, every other character stays as it is. */
export function asciiUpperCase(name: string): string {
  return name.replace(/[a-z]+/g, (letters) => letters.toUpperCase())
}
