/**
 * Where docker looks for a host's credential (github.com/docker/cli, credentials): the spellings
 * of a registry address it takes for the host, the ones `docker logout` erases, and the store it
 * asks for each (a credential helper, or config.json itself). Pure.
 */
import type { DockerConfig } from './docker-config.js'

/**
 * docker's ConvertToHostname: an address with `://` is reduced to its host (and port), anything
 * else to what comes before the first `/`.
 */
export function convertToHostname(address: string): string {
  if (address.includes('://')) {
    const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(address)?.[1]
    if (authority !== undefined) {
      const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
      const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort)
      const [host, port] = bracketed
        ? [bracketed[1] ?? '', bracketed[2] ?? '']
        : hostPort.includes(':')
          ? [
              hostPort.slice(0, hostPort.lastIndexOf(':')),
              hostPort.slice(hostPort.lastIndexOf(':') + 1)
            ]
          : [hostPort, '']
      if (host !== '') {
        if (port === '') return host
        return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
      }
    }
  }
  return address.split('/')[0] ?? ''
}

/** The addresses `docker logout HOST` erases, each from its own store: HOST, http://HOST, https://HOST. */
export function logoutAddresses(host: string): readonly string[] {
  return [host, `http://${host}`, `https://${host}`]
}

/**
 * The credential store docker uses for an address: a credHelpers entry for it (even an empty one,
 * which means config.json), else credsStore, else, for a config that names no store and holds no
 * login, the platform's default store when its program is on PATH (`defaultStore`). '' is
 * config.json itself.
 */
export function storeFor(config: DockerConfig, address: string, defaultStore: string): string {
  const helper = config.credHelpers?.get(address)
  if (helper !== undefined) return helper
  if (config.credsStore !== '') return config.credsStore
  const containsAuth = (config.credHelpers?.size ?? 0) > 0 || config.auths.size > 0
  return containsAuth ? '' : defaultStore
}

/**
 * docker's platform default store (credentials.DetectDefaultStore), given which programs are on
 * PATH: osxkeychain on macOS, wincred on Windows, pass (when `pass` is on PATH) or secretservice
 * on Linux; '' when its docker-credential- program is missing.
 */
export function defaultStore(platform: NodeJS.Platform, onPath: (name: string) => boolean): string {
  const store =
    platform === 'darwin'
      ? 'osxkeychain'
      : platform === 'win32'
        ? 'wincred'
        : platform === 'linux'
          ? onPath('pass')
            ? 'pass'
            : 'secretservice'
          : ''
  return store !== '' && onPath(`docker-credential-${store}`) ? store : ''
}
