/**
 * python: `python REPOSITORY [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]`. Points pip and uv at the repository's
 * simple index and twine and uv publish at its upload endpoint, through environment variables
 * only (nothing on disk):
 *
 * - PIP_INDEX_URL, UV_DEFAULT_INDEX: `https://token:KEY@dl.cloudsmith.io/basic/ORG/REPO/python/simple/`
 * - TWINE_REPOSITORY_URL, UV_PUBLISH_URL: `https://python.cloudsmith.io/ORG/REPO/`
 * - TWINE_USERNAME, UV_PUBLISH_USERNAME: `token`; TWINE_PASSWORD, UV_PUBLISH_PASSWORD: the key
 *
 * The index replaces PyPI rather than adding to it: a second index beside PyPI lets anyone who
 * publishes a package of the same name on PyPI win (dependency confusion). The repository gets
 * public packages through a PyPI upstream instead.
 *
 * Custom domains follow the one rule of domains.ts, each host on its own (`domain=` describes
 * `host=`, `upload-domain=` describes `upload-host=`): the index is `basic/`, the repository's
 * path (`ORG/REPO/`, `REPO/` or nothing) and `python/simple/`; the upload URL is the path alone.
 * An organization-wide download domain: `https://HOST/basic/REPO/python/simple/`; a
 * per-repository one: `https://HOST/basic/python/simple/`.
 */
import { KEY, type FormatModule, type Plan, type Step, type Value } from './plan.js'
import type { RegistryRequest } from './plan.js'
import { cloudsmithHostProblem, domainEndpoint, domainOptionText } from './domains.js'

/** Cloudsmith's download host: it serves every repository's Python simple index. */
export const PYTHON_DOWNLOAD_HOST = 'dl.cloudsmith.io'
/** Cloudsmith's native Python host: it takes uploads (the legacy PyPI upload API). */
export const PYTHON_UPLOAD_HOST = 'python.cloudsmith.io'
/** The username Cloudsmith's package endpoints take with an API key. */
export const PYTHON_USERNAME = 'token'

/** The variables the plan exports, in order; the post step clears each one that still holds ours. */
export const PYTHON_VARIABLES = {
  pipIndex: 'PIP_INDEX_URL',
  uvIndex: 'UV_DEFAULT_INDEX',
  twineUrl: 'TWINE_REPOSITORY_URL',
  twineUsername: 'TWINE_USERNAME',
  twinePassword: 'TWINE_PASSWORD',
  uvPublishUrl: 'UV_PUBLISH_URL',
  uvPublishUsername: 'UV_PUBLISH_USERNAME',
  uvPublishPassword: 'UV_PUBLISH_PASSWORD'
} as const

/**
 * Variables that, when already set, change what the exported ones do: each with what it does.
 * They are left alone; the plan's notes name the ones that are set.
 */
const INTERFERING: ReadonlyArray<readonly [string, string]> = [
  [
    'PIP_EXTRA_INDEX_URL',
    'pip also searches that index, so a package of the same name there can win over the repository (dependency confusion); unset it and give the repository an upstream instead'
  ],
  ['PIP_NO_INDEX', 'pip ignores every index, this one too'],
  ['UV_INDEX', 'uv searches that index before this one'],
  ['UV_EXTRA_INDEX_URL', 'uv searches that index before this one'],
  [
    'UV_INDEX_URL',
    "it is uv's older name for the default index; unset it so uv reads UV_DEFAULT_INDEX"
  ],
  [
    'TWINE_REPOSITORY',
    'twine uploads to TWINE_REPOSITORY_URL, which this step sets, not to that name'
  ],
  [
    'UV_PUBLISH_TOKEN',
    'it competes with UV_PUBLISH_USERNAME and UV_PUBLISH_PASSWORD in uv publish; unset it'
  ]
]

interface PythonEndpoints {
  readonly downloadHost: string
  readonly uploadHost: string
  /** The simple index, as text before and after the key. */
  readonly indexAfterKey: string
  readonly uploadUrl: string
}

/** The index and upload URLs of a line, without the key (Cloudsmith's form for each host). */
export function pythonEndpoints(
  request: Pick<RegistryRequest, 'owner' | 'repository' | 'options'>
): PythonEndpoints {
  const download = domainEndpoint(request, 'host', PYTHON_DOWNLOAD_HOST)
  const upload = domainEndpoint(request, 'upload-host', PYTHON_UPLOAD_HOST)
  return {
    downloadHost: download.host,
    uploadHost: upload.host,
    // basic/ asks for HTTP Basic authentication; it comes before the repository's path
    indexAfterKey: `@${download.host}/basic${download.path}python/simple/`,
    uploadUrl: `https://${upload.host}${upload.path}`
  }
}

/** The index URL as the user may see it: the key replaced by `***`. */
export function shownIndexUrl(endpoints: PythonEndpoints): string {
  return `https://${PYTHON_USERNAME}:***${endpoints.indexAfterKey}`
}

export const python: FormatModule = {
  format: 'python',
  repository: 'required',
  options: {
    host: `the host of the simple index pip and uv read (default ${PYTHON_DOWNLOAD_HOST}; another host is an organization's custom download domain)`,
    domain: domainOptionText('domain'),
    'upload-host': `the host twine and uv publish upload to (default ${PYTHON_UPLOAD_HOST}; another host is an organization's custom Python domain)`,
    'upload-domain': domainOptionText('upload-domain')
  },
  programs: [],
  onlyOne:
    'pip and uv read one index and twine uploads to one repository. Fix: keep one python line; to upload to another repository too, give that twine step --repository-url https://python.cloudsmith.io/OWNER/REPO/ (TWINE_USERNAME and TWINE_PASSWORD still apply).',
  hosts(request) {
    const { downloadHost, uploadHost } = pythonEndpoints(request)
    return downloadHost.toLowerCase() === uploadHost.toLowerCase()
      ? [downloadHost]
      : [downloadHost, uploadHost]
  },
  validate(request) {
    return [
      ...cloudsmithHostProblem(request, 'host', PYTHON_DOWNLOAD_HOST),
      ...cloudsmithHostProblem(request, 'upload-host', PYTHON_UPLOAD_HOST)
    ]
  },
  plan(request, context): Plan {
    const endpoints = pythonEndpoints(request)
    const index: Value = [`https://${PYTHON_USERNAME}:`, KEY, endpoints.indexAfterKey]
    const env = (name: string, value: Value, secret: boolean): Step => ({
      kind: 'env',
      name,
      value,
      secret,
      // A secret is never kept to be put back (it would have to be stored): post clears it. A
      // plain value goes back to what it was before the step, unless it carries a credential
      // itself (an upload URL with user:password@ in it): that is cleared too, never stored.
      restore: secret || hasUserinfo(context.env[name] ?? '') ? '' : (context.env[name] ?? '')
    })
    const v = PYTHON_VARIABLES
    const steps: Step[] = [
      env(v.pipIndex, index, true),
      env(v.uvIndex, index, true),
      env(v.twineUrl, [endpoints.uploadUrl], false),
      env(v.twineUsername, [PYTHON_USERNAME], false),
      env(v.twinePassword, [KEY], true),
      env(v.uvPublishUrl, [endpoints.uploadUrl], false),
      env(v.uvPublishUsername, [PYTHON_USERNAME], false),
      env(v.uvPublishPassword, [KEY], true)
    ]
    const notes = [
      `pip and uv install from ${shownIndexUrl(endpoints)} instead of PyPI; give the repository a PyPI upstream so public packages resolve through it (an extra index beside PyPI would invite dependency confusion).`,
      `twine upload and uv publish upload to ${endpoints.uploadUrl} as ${PYTHON_USERNAME}.`
    ]
    for (const [name, effect] of INTERFERING) {
      if (context.env[name]) notes.push(`${name} is set in this job: ${effect}.`)
    }
    for (const name of [v.pipIndex, v.uvIndex, v.twineUrl]) {
      if (context.env[name]) notes.push(`${name} was already set; this step replaces it.`)
    }
    return {
      request,
      title: `python: pip and uv from ${PYTHON_USERNAME}@${endpoints.downloadHost}, twine and uv publish to ${endpoints.uploadUrl}`,
      steps,
      notes
    }
  }
}

/** Whether a URL carries a user name or password (`https://user:secret@host/`). */
export function hasUserinfo(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(value.trim())
}
