/**
 * Name and version sent as the User-Agent. The version lives in package.json alone: the bundle
 * step (scripts/bundle.mjs) writes it over this placeholder, which only unbundled code (the unit
 * tests) ever sends.
 */
const ACTION_NAME = 'cloudsmith-oidc-action'
export const ACTION_VERSION: string = '0.0.0-unbundled'
export const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`
