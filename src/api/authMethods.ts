import { callApi } from './apiCall.ts'

/** How this server lets people sign in. */
export interface AuthMethods {
  readonly password: boolean
  readonly oidc: boolean
}

/** Asks the server which sign-in methods it offers; password only when it cannot be reached. */
export async function fetchAuthMethods(): Promise<AuthMethods> {
  const answer = await callApi<Partial<AuthMethods> | null>('/auth/methods')
  const body = answer.ok ? answer.value : null
  return { password: body?.password !== false, oidc: body?.oidc === true }
}

/** Where the OpenID Connect sign-in starts; it comes back to the sign-in page to finish. */
export function oidcStartUrl(): string {
  return `/api/auth/oidc/start?returnTo=${encodeURIComponent('/log-ind?oidc=1')}`
}

/** A path inside the app to go to after sign-in (anything else becomes Home, so no open redirect). */
export function safeAppPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/'
}
