/**
 * terraform: `terraform REPOSITORY [host=HOST]`. Terraform (>= 1.2) and OpenTofu read a host's
 * token from `TF_TOKEN_<host>`; for Cloudsmith's module registry the token is
 * `ORG/REPO/<key>` (Cloudsmith's documented form, `WORKSPACE/REPOSITORY/API-KEY`), so
 * `TF_TOKEN_terraform_cloudsmith_io=acme/modules/<key>`, masked whole. No file is written
 * (setup-terraform writes the token into .terraformrc).
 *
 * The host is encoded as Terraform decodes it: `.` as `_`, `-` as `__`. A variable cannot name a
 * port, so a host with one is refused. One token per host: a second line for the same host is
 * refused by the common host check.
 */
import { envFormat, secretVariable } from './env-format.js'
import { KEY, type RegistryRequest } from './plan.js'

export const TERRAFORM_HOST = 'terraform.cloudsmith.io'

/** The host, lower case, without a default `:443` (Terraform's own form of it). */
export function terraformHost(request: Pick<RegistryRequest, 'options'>): string {
  return (request.options.get('host') ?? TERRAFORM_HOST).toLowerCase().replace(/:443$/, '')
}

/** `terraform.cloudsmith.io` → `TF_TOKEN_terraform_cloudsmith_io`; `-` as `__`. */
export function terraformVariable(host: string): string {
  return `TF_TOKEN_${host.toLowerCase().replaceAll('-', '__').replaceAll('.', '_')}`
}

export const terraform = envFormat({
  format: 'terraform',
  options: {
    host: `the module registry host (default ${TERRAFORM_HOST}; another host is an organization's custom domain), without a port`
  },
  hosts: (request) => [terraformHost(request)],
  validate(request) {
    const host = request.options.get('host')
    return host !== undefined && terraformHost(request).includes(':')
      ? [
          `host=${host} has a port, which Terraform's TF_TOKEN_ variables cannot name; serve the registry on port 443.`
        ]
      : []
  },
  variables(request) {
    const host = terraformHost(request)
    const variable = terraformVariable(host)
    const prefix = `${request.owner}/${request.repository ?? ''}/`
    return {
      title: `terraform: token for ${host} (repository ${prefix.slice(0, -1)})`,
      steps: [secretVariable(variable, [prefix, KEY])],
      notes: [
        `Terraform 1.2 or later (and OpenTofu) sends ${variable} as the bearer token for modules and providers from ${host}; older versions ignore it.`
      ]
    }
  }
})
