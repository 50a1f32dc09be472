import type { IncomingHttpHeaders } from 'node:http'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** True for methods that change state and so need the same-origin check. */
export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}

/**
 * Whether a request comes from our own pages. A browser always sends Origin on a state-changing
 * fetch, and modern ones Sec-Fetch-Site; a request with neither is not from a browser (scripts,
 * tests), where cross-site forgery does not arise.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, ownOrigin: string, allowed: readonly string[]): boolean {
  const origin = headers.origin
  if (origin !== undefined) return origin === ownOrigin || allowed.includes(origin)
  const site = headers['sec-fetch-site']
  if (site !== undefined) return site === 'same-origin' || site === 'none'
  return true
}
