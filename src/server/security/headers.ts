import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from '../config.ts'
import { isLoopbackHost } from '../../domain/publicAddress.ts'

/** HSTS for a year; sent only on responses that came over HTTPS (a browser ignores it on http). */
export const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Browser features the app may use: the camera for the QR scanner, nothing else. Only names
 * Chromium knows are listed, since an unknown one prints a console error on every page.
 */
const PERMISSIONS = [
  'camera=(self)', 'microphone=()', 'geolocation=()', 'display-capture=()', 'payment=()', 'usb=()', 'serial=()',
  'hid=()', 'midi=()', 'accelerometer=()', 'gyroscope=()', 'magnetometer=()',
  'idle-detection=()', 'screen-wake-lock=()', 'xr-spatial-tracking=()', 'publickey-credentials-get=()',
].join(', ')

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * The Content-Security-Policy the built app runs under (tests/e2e/csp.test.ts proves it): only
 * our own scripts and styles, no inline code and no eval. 'wasm-unsafe-eval' lets the QR
 * decoder compile its WebAssembly (served from /assets); it does not allow JavaScript eval.
 * Chromium checks form-action on every redirect a form submission follows, so a sign-in form
 * that posts or gets /api/auth/oidc/start must be allowed to end at the identity provider.
 */
export function contentSecurityPolicy(config: Pick<ServerConfig, 'oidc'>): string {
  const identityProvider = config.oidc ? originOf(config.oidc.issuer) : null
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self' 'wasm-unsafe-eval'",
    'style-src': "'self'",
    'img-src': "'self' data: blob:",
    'font-src': "'self'",
    'connect-src': "'self'",
    'media-src': "'self' blob:",
    'worker-src': "'self'",
    'manifest-src': "'self'",
    'object-src': "'none'",
    'frame-src': "'none'",
    'frame-ancestors': "'none'",
    'base-uri': "'self'",
    'form-action': identityProvider ? `'self' ${identityProvider}` : "'self'",
  }
  return Object.entries(directives).map(([name, value]) => `${name} ${value}`).join('; ')
}

/** The headers every response carries, whatever its route or status. */
export function securityHeaders(config: Pick<ServerConfig, 'oidc'>): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy(config),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'permissions-policy': PERMISSIONS,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  }
}

/**
 * Adds the security headers to every response, HSTS only when the request came over HTTPS
 * (`request.protocol` follows X-Forwarded-Proto when TRUST_PROXY is on) to a name other than
 * localhost: a browser keeps HSTS per host, not port, so HSTS from `https://localhost:8443` would
 * turn every later `http://localhost:…` (the dev server, another app) into a failing https for a year. They are set on the raw
 * response at the start, so error answers, 404s and hijacked replies (the SSE stream) carry
 * them too; a route may still override one with `reply.header`.
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Pick<ServerConfig, 'oidc'>): void {
  const headers = Object.entries(securityHeaders(config))
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value)
    if (request.protocol === 'https' && !isLoopbackHost(request.hostname)) reply.raw.setHeader('strict-transport-security', HSTS)
  })
}
