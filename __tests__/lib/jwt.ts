/** JWTs for tests, signed with a throwaway HMAC key (nobody verifies them but the fakes). */
import { SignJWT, type JWTPayload } from 'jose'

const key = new TextEncoder().encode('test-only-key-test-only-key-0123')

export async function jwt(claims: JWTPayload, expiresInSeconds = 300): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ iat: now, exp: now + expiresInSeconds, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(key)
}

export const githubClaims: JWTPayload = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'https://github.com/acme',
  sub: 'repo:acme/app:ref:refs/heads/main',
  repository: 'acme/app',
  repository_owner: 'acme',
  repository_owner_id: '4242',
  repository_id: '777001',
  ref: 'refs/heads/main',
  workflow_ref: 'acme/app/.github/workflows/release.yml@refs/heads/main',
  job_workflow_ref: 'acme/app/.github/workflows/release.yml@refs/heads/main',
  event_name: 'push',
  runner_environment: 'github-hosted'
}
