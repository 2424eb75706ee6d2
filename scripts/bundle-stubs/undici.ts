/**
 * Stands in for undici in dist/ only (see scripts/bundle.mjs and bench/README.md).
 * @actions/http-client imports ProxyAgent solely for getAgentDispatcher(), which neither this
 * action nor core.getIDToken calls: proxies go through http-client's `tunnel` agent. Reaching
 * this class would mean a dependency changed; it fails loudly rather than go without a proxy.
 */
export class ProxyAgent {
  constructor() {
    throw new Error(
      'undici is not bundled in this action (scripts/bundle-stubs/undici.ts): ' +
        'something called HttpClient.getAgentDispatcher()'
    )
  }
}
