import { describe, expect, test } from '@jest/globals'
import { errorText, readTokenAnswer, TokenAnswerError } from '../src/cloudsmith-response.js'
import { excerpt, redact } from '../src/redact.js'
import { jwt } from './lib/jwt.js'

const now = Date.now()

function failureOf(status: number, body: string, masked: string[] = []): TokenAnswerError {
  try {
    readTokenAnswer(status, body, now, (s) => masked.push(s), ['ID-TOKEN'])
  } catch (error) {
    if (error instanceof TokenAnswerError) return error
    throw error
  }
  throw new Error('expected a TokenAnswerError')
}

describe('readTokenAnswer', () => {
  test('reads token and expiry, masking the token first', async () => {
    const token = await jwt({ sub: 'svc' }, 7200)
    const masked: string[] = []
    const key = readTokenAnswer(201, JSON.stringify({ token }), now, (s) => masked.push(s), [])
    expect(key.token).toBe(token)
    expect(Math.abs(key.expiresAt.getTime() - (now + 7_200_000))).toBeLessThan(2000)
    expect(masked).toEqual([token])
  })

  test('not JSON', () => {
    const error = failureOf(201, '<html>hello</html>')
    expect(error.message).toBe(
      'Cloudsmith answered 201 but the body is not JSON. Body: <html>hello</html>'
    )
  })

  test.each([
    ['{}'],
    ['{"token": ""}'],
    ['{"token": 42}'],
    ['{"token": null}'],
    ['[]'],
    ['"token"']
  ])('no usable token in %s', (body) => {
    expect(failureOf(200, body).problem).toBe('the JSON has no non-empty string "token"')
  })

  test('a credential-like token that is not a JWT is masked and not shown', () => {
    const masked: string[] = []
    const key = '3f9a1c7e5b2d4f60a8c1e3b5d7f9a1c3e5b7d9f1'
    const error = failureOf(201, JSON.stringify({ token: key }), masked)
    expect(masked).toEqual([key])
    expect(error.problem).toBe('its "token" is not a JWT')
    expect(error.message).not.toContain(key)
    expect(error.said).toBe('a JSON object with keys token')
  })

  test.each([
    'e',
    'Cloudsmith',
    's3cr3t-api-key',
    'a.b.c',
    'a.e30.',
    'words that are not a key at all'
  ])('a token %j that is not credential-like is not masked, nor shown', (token) => {
    const masked: string[] = []
    const error = failureOf(201, JSON.stringify({ token }), masked)
    expect(masked).toEqual([])
    expect(error.problem).toMatch(/is not a JWT|has no usable numeric "exp" claim/)
    expect(error.said).toBe('a JSON object with keys token')
  })

  test('a readable JWT is masked before its claims are checked', async () => {
    const token = await jwt({}, -60)
    const masked: string[] = []
    expect(failureOf(201, JSON.stringify({ token }), masked).problem).toMatch(/expired already/)
    expect(masked).toEqual([token])
  })

  test('a JSON-escaped token is masked as decoded and its body never quoted', async () => {
    const token = await jwt({}, -60)
    const body = `{"token": "\\u0065${token.slice(1)}"}`
    const masked: string[] = []
    const error = failureOf(201, body, masked)
    expect(masked).toEqual([token])
    expect(error.said).toBe('a JSON object with keys token')
    expect(error.message).not.toContain(token.slice(1, 40))
  })

  test('an exp too large for a date is refused before anything uses the token', async () => {
    const token = await jwt({ exp: 1e13 })
    expect(failureOf(201, JSON.stringify({ token })).problem).toBe(
      'its token has no usable numeric "exp" claim'
    )
  })

  test('a token with trailing whitespace is not a JWT', async () => {
    const token = await jwt({}, 3600)
    expect(failureOf(201, JSON.stringify({ token: `${token}\n` })).problem).toBe(
      'its "token" is not a JWT'
    )
  })

  test('a JWT without exp', async () => {
    const token = await jwt({ exp: undefined })
    expect(failureOf(201, JSON.stringify({ token })).problem).toBe(
      'its token has no usable numeric "exp" claim'
    )
  })

  test('an expired JWT', async () => {
    const token = await jwt({}, -60)
    const error = failureOf(201, JSON.stringify({ token }))
    expect(error.problem).toMatch(
      /^its token expired already \(exp .*Z\); check this machine's clock$/
    )
    expect(error.message).not.toContain(token)
  })
})

describe('errorText', () => {
  test('detail, then error, then the raw body', () => {
    expect(errorText('{"detail": "Invalid token.", "error": "x"}', [])).toBe('Invalid token.')
    expect(errorText('{"error": "bad"}', [])).toBe('bad')
    expect(errorText('<h1>502 Bad Gateway</h1>', [])).toBe('<h1>502 Bad Gateway</h1>')
    expect(errorText('', [])).toBe('(empty body)')
  })
  test('other JSON: only its shape, never its values', () => {
    expect(errorText('{"token": "opaque-SECRET-key-123", "x": 1}', [])).toBe(
      'a JSON object with keys token, x'
    )
    expect(errorText('[1, 2]', [])).toBe('a JSON array of 2 item(s)')
    expect(errorText('"SECRET"', [])).toBe('a JSON string')
    expect(errorText('null', [])).toBe('a JSON null')
  })
  test('never shows a secret or anything shaped like a JWT', () => {
    const said = errorText(
      '{"detail": "bad token eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl for ID-TOKEN"}',
      ['ID-TOKEN']
    )
    expect(said).toBe('bad token *** for ***')
  })
})

describe('excerpt and redact', () => {
  test('bounded to one line', () => {
    const long = `a\n\nb ${'x'.repeat(400)}`
    const out = excerpt(long)
    expect(out.startsWith('a b xxx')).toBe(true)
    expect(out).toMatch(/… \(404 characters\)$/)
    expect(out.length).toBeLessThan(330)
  })
  test('redact removes a JWT cut short, as in a truncated body', () => {
    expect(redact('{"token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Ij')).toBe('{"token": "***')
    expect(redact('x eyJhbGciOiJIUzI1NiJ9 y')).toBe('x *** y')
  })
  test('a 201 cut off inside its token is not quoted', () => {
    const error = failureOf(201, '{"token": "opaque-key-without-jwt-shape')
    expect(error.said).toBe('not shown: it may hold a key (39 characters)')
  })
  test('redact removes every occurrence', () => {
    expect(redact('k=abcdef; again abcdef', ['abcdef'])).toBe('k=***; again ***')
  })
})
