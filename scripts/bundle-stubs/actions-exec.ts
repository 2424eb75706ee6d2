/**
 * Stands in for @actions/exec (and with it @actions/io) in dist/ only (see scripts/bundle.mjs).
 * @actions/core reaches it only through its `platform` export (OS name and version, by running
 * programs), which this action never uses.
 */
export function getExecOutput(): never {
  throw new Error(
    '@actions/exec is not bundled in this action (scripts/bundle-stubs/actions-exec.ts): ' +
      "something used @actions/core's platform export"
  )
}
