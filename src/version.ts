/** Name and version sent as the User-Agent; a test keeps the version equal to package.json's. */
const ACTION_NAME = 'cloudsmith-oidc-action'
export const ACTION_VERSION = '1.0.0'
export const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`
