/**
 * ruby: `ruby REPOSITORY [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]`.
 * Bundler gets the credential for the download host from its per-host variable,
 * `BUNDLE_DL__CLOUDSMITH__IO=token:<key>`, used for every Gemfile source on that host (such as
 * `https://dl.cloudsmith.io/basic/ORG/REPO/ruby/`); `gem push` gets the key from GEM_HOST_API_KEY
 * and its default host from RUBYGEMS_HOST (`https://ruby.cloudsmith.io/ORG/REPO`), so a plain
 * `gem push x.gem` goes to the repository and not, with this key, to rubygems.org. No file is
 * written.
 *
 * Bundler names a host's variable by its own rule (Bundler::Settings.key_for): `.` as `__`, `-` as
 * `___`, upper case, after `BUNDLE_`; it looks the credential up by the host alone (URI#host, no
 * port). Custom domains follow domains.ts: `domain=` describes `host=`, `upload-domain=`
 * describes `upload-host=`.
 */
import { cloudsmithHostProblem, domainEndpoint, domainOptionText } from './domains.js'
import { envFormat, plainVariable, secretVariable } from './env-format.js'
import { KEY, type RegistryRequest } from './plan.js'

export const RUBY_DOWNLOAD_HOST = 'dl.cloudsmith.io'
export const RUBY_UPLOAD_HOST = 'ruby.cloudsmith.io'

/** Bundler's variable for a host's credentials: `dl.cloudsmith.io` → `BUNDLE_DL__CLOUDSMITH__IO`. */
export function bundlerVariable(host: string): string {
  const name = host.replace(/:\d+$/, '')
  return `BUNDLE_${name.replaceAll('.', '__').replaceAll('-', '___').toUpperCase()}`
}

/** The Gemfile source and the push host of a line (no key in either). */
export function rubyEndpoints(request: Pick<RegistryRequest, 'owner' | 'repository' | 'options'>): {
  readonly downloadHost: string
  readonly source: string
  readonly pushHost: string
} {
  const download = domainEndpoint(request, 'host', RUBY_DOWNLOAD_HOST)
  const upload = domainEndpoint(request, 'upload-host', RUBY_UPLOAD_HOST)
  return {
    downloadHost: download.host,
    source: `https://${download.host}/basic${download.path}ruby/`,
    // gem push appends /api/v1/gems to it: no trailing slash
    pushHost: `https://${upload.host}${upload.path.slice(0, -1)}`
  }
}

export const ruby = envFormat({
  format: 'ruby',
  options: {
    host: `the host of the Gemfile source Bundler downloads from (default ${RUBY_DOWNLOAD_HOST}; another host is an organization's custom download domain)`,
    domain: domainOptionText('domain'),
    'upload-host': `the host gem push uploads to (default ${RUBY_UPLOAD_HOST}; another host is an organization's custom Ruby domain)`,
    'upload-domain': domainOptionText('upload-domain')
  },
  onlyOne:
    "Bundler's credential is per host and gem push reads one GEM_HOST_API_KEY: one ruby line serves every repository on the download host; write each one as a source in the Gemfile.",
  // every host the key goes to, for the job summary
  hosts(request) {
    const { downloadHost, pushHost } = rubyEndpoints(request)
    const upload = new URL(pushHost).host
    return downloadHost.toLowerCase() === upload.toLowerCase()
      ? [downloadHost]
      : [downloadHost, upload]
  },
  validate: (request) => [
    ...cloudsmithHostProblem(request, 'host', RUBY_DOWNLOAD_HOST),
    ...cloudsmithHostProblem(request, 'upload-host', RUBY_UPLOAD_HOST)
  ],
  variables(request, context) {
    const { downloadHost, source, pushHost } = rubyEndpoints(request)
    const bundler = bundlerVariable(downloadHost)
    return {
      title: `ruby: Bundler from ${source} as token, gem push to ${pushHost}`,
      steps: [
        secretVariable(bundler, ['token:', KEY]),
        secretVariable('GEM_HOST_API_KEY', [KEY]),
        plainVariable('RUBYGEMS_HOST', pushHost, context.env)
      ],
      notes: [
        `Bundler sends ${bundler} to every Gemfile source on ${downloadHost.replace(/:\d+$/, '')}: source "${source}" do … end.`,
        `gem push PACKAGE.gem uploads to ${pushHost} (RUBYGEMS_HOST) with GEM_HOST_API_KEY; a gem push --host elsewhere would send the key there too.`
      ]
    }
  }
})
