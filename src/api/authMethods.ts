/** How this server lets people sign in. */
export interface AuthMethods {
  readonly password: boolean
  readonly oidc: boolean
}

/** Asks the server which sign-in methods it offers; password only when it cannot be reached. */
export async function fetchAuthMethods(): Promise<AuthMethods> {
  try {
    const response = await fetch('/api/auth/methods', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    if (!response.ok) return { password: true, oidc: false }
    const body = (await response.json()) as Partial<AuthMethods>
    return { password: body.password !== false, oidc: body.oidc === true }
  } catch {
    return { password: true, oidc: false }
  }
}

/** Where the OpenID Connect sign-in starts; it comes back to the sign-in page to finish. */
export function oidcStartUrl(): string {
  return `/api/auth/oidc/start?returnTo=${encodeURIComponent('/log-ind?oidc=1')}`
}

/** A path inside the app to go to after sign-in (anything else becomes Home, so no open redirect). */
export function safeAppPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/'
}
