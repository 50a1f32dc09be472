import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'

// Hostile input for tests/server/hostile.test.ts: values, bodies and query strings that a
// careless or malicious client might send.

export const SCRIPTS = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '<svg onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}', '${alert(1)}', "'; drop table records; --", '<!--', ']]>',
]
const WEIRD = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then', '', ' ', '\u0000', '%00', '../../etc/passwd',
  'NaN', 'Infinity', '-1', '1.5', '1e309', '0x10', '-0', ' 1', '9'.repeat(30), '\u202e', '\ud800', 'null', 'undefined']
export const HUGE = 'x'.repeat(60_000)

/** encodeURIComponent that survives lone surrogates (a URL cannot carry them; they become U+FFFD). */
export function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))
}

/** Short, binary, script-like, prototype-named, huge and just-too-long strings. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...SCRIPTS, ...WEIRD),
  fc.constant(HUGE), fc.constant('y'.repeat(501)),
)
const hostileKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'then', 'id', 'teamId'))
/** Any JSON value, nested a little, with hostile strings and keys. */
export const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-1, 1.5, 2 ** 53 + 2, 1e308, -0),
    fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 })),
}))

const MALFORMED_JSON = ['{', '{"a":', '[1,2', 'nul', '"', '{"a":1}}', '\u0000', '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}', '{"a":1e999999}', '['.repeat(5000), '{"clientId":"x"' + ',"a":1'.repeat(5000),
  // Valid but deep: nothing may walk it recursively.
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`, `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`]
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
  'application/json; charset=utf-16', 'text/html', 'application/octet-stream', 'image/svg+xml']

/** A body as sent: the raw payload and its content type (either may be missing). */
export interface RawBody { payload?: string; contentType?: string }

/** No body, hostile JSON, malformed or deep JSON, a wrong content type, or a big body. */
export function hostileBody(shaped: fc.Arbitrary<unknown> = hostileValue): fc.Arbitrary<RawBody> {
  return fc.oneof(
    fc.constant({}),
    shaped.map((value) => ({ payload: JSON.stringify(value) ?? 'null', contentType: 'application/json' })),
    fc.constantFrom(...MALFORMED_JSON).map((payload) => ({ payload, contentType: 'application/json' })),
    fc.tuple(shaped, fc.constantFrom(...CONTENT_TYPES)).map(([value, contentType]) => ({ payload: JSON.stringify(value) ?? 'x', contentType })),
    fc.constant({ payload: JSON.stringify({ filler: 'z'.repeat(40_000) }), contentType: 'application/json' }),
  )
}

const QUERY_KEYS = ['cursor', 'limit', 'q', 'teamId', 'before', 'format', 'returnTo', 'state', 'code', 'error', 'id', '__proto__',
  'constructor', 'cursor[]', 'a[b]', '']
export const QUERY_VALUES = ['-1', 'NaN', '1.5', '1e3', 'Infinity', '0x10', '-0', ' 1', '9'.repeat(30), '', '0', '1000', '1001',
  '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'json', 'csv', 'xml', ...SCRIPTS]
const RAW_QUERIES = ['%', '%zz', '&&&', '=', 'a=%00', 'cursor=1&cursor=2', '__proto__[x]=1', 'constructor[prototype][x]=1',
  `q=${'q'.repeat(20_000)}`, 'limit=1&limit=1', '%E0%A4%A', 'a=1&'.repeat(3000), 'cursor=0&cursor[]=1&cursor[x]=2']

/** A query string: hostile keys and values, repeated keys, broken percent-encoding, huge. */
export const hostileQuery = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 })),
    fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 20 }), fc.integer().map(String))), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')),
  fc.constantFrom(...RAW_QUERIES),
)

/** The routes of a server as method and URL, from Fastify's route tree (HEAD is GET's twin). */
export function listRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line)
    if (!match) continue
    stack.length = match[1]!.length / 4
    stack.push(match[2]!)
    for (const method of (match[3] ?? '').split(', ')) {
      if (method && method !== 'HEAD' && method !== '-') routes.push({ method, url: stack.join('') })
    }
  }
  return routes
}
