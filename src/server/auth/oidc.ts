import * as client from 'openid-client'
import type { Role } from '../../domain/records/person.ts'
import type { OidcConfig } from '../config.ts'
import { savePendingOidcLogin, takePendingOidcLogin } from '../storage/oidcLogins.ts'
import type { Db } from '../storage/schema.ts'

/** How long a started sign-in may take at the identity provider. */
export const OIDC_LOGIN_MAX_AGE_MS = 10 * 60 * 1000
/** Precedence when several claim values map to roles: the broadest wins. */
const ROLE_ORDER: readonly Role[] = ['admin', 'koordinator', 'superbruger', 'leder']

/** Thrown when a callback does not complete a sign-in this server started. */
export class OidcSignInError extends Error {
  override name = 'OidcSignInError'
}

/** The role the claims map to, or null when no claim value is in the map. */
export function roleFromClaims(claims: Readonly<Record<string, unknown>>, roleClaim: string, roleMap: Readonly<Record<string, Role>>): Role | null {
  const raw = claims[roleClaim]
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]
  const roles = new Set(values.map((value) => roleMap[String(value)]).filter((role): role is Role => role !== undefined))
  return ROLE_ORDER.find((role) => roles.has(role)) ?? null
}

/** A safe local path to return to after sign-in: absolute, same origin, or '/'. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 500 ? value : '/'
}

function isLocalHttp(issuer: string): boolean {
  const url = new URL(issuer)
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
}

/**
 * OpenID Connect Authorization Code flow with PKCE, run by the server: the browser only follows
 * redirects; the code, verifier and tokens never reach it. Pending sign-ins live in the database,
 * so the callback may land on any instance.
 */
export class OidcSignIn {
  #configuration: Promise<client.Configuration> | null = null

  constructor(private readonly settings: OidcConfig) {}

  private configuration(): Promise<client.Configuration> {
    this.#configuration ??= client.discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined,
      isLocalHttp(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : undefined)
    // A failed discovery (provider down) is retried on the next sign-in.
    this.#configuration.catch(() => { this.#configuration = null })
    return this.#configuration
  }

  /** Stores a new pending sign-in and returns the provider URL to send the browser to, and its state. */
  async start(db: Db, redirectUri: string, returnTo: string, now: number = Date.now()): Promise<{ url: string; state: string }> {
    const configuration = await this.configuration()
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const nonce = client.randomNonce()
    await savePendingOidcLogin(db, { state, verifier, nonce, returnTo: safeReturnPath(returnTo), createdAt: now }, now - OIDC_LOGIN_MAX_AGE_MS)
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri, scope: 'openid email profile', state, nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    })
    return { url: url.href, state }
  }

  /**
   * Completes a sign-in from the provider's callback URL: the state must be one this server
   * started, bound to this browser (`browserState` from its cookie), and at most 10 minutes old.
   * Returns the ID token claims merged with the userinfo claims.
   */
  async finish(db: Db, callbackUrl: URL, browserState: string | undefined, now: number = Date.now()): Promise<{ claims: Record<string, unknown>; returnTo: string }> {
    const state = callbackUrl.searchParams.get('state')
    if (!state || state !== browserState) throw new OidcSignInError('state does not match this browser')
    const pending = await takePendingOidcLogin(db, state)
    if (!pending || pending.createdAt < now - OIDC_LOGIN_MAX_AGE_MS) throw new OidcSignInError('unknown or expired sign-in')
    const configuration = await this.configuration()
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true,
    })
    const idClaims = tokens.claims() as Record<string, unknown> | undefined
    if (!idClaims) throw new OidcSignInError('no ID token')
    let userInfo: Record<string, unknown> = {}
    try {
      userInfo = await client.fetchUserInfo(configuration, tokens.access_token, String(idClaims.sub)) as Record<string, unknown>
    } catch {
      // Entra ID puts what we need in the ID token; userinfo is a bonus.
    }
    return { claims: { ...userInfo, ...idClaims }, returnTo: pending.returnTo }
  }
}
