import type { FastifyInstance, FastifyRequest } from 'fastify'
import { appendAudit } from '../storage/auditLog.ts'
import type { ServerConfig } from '../config.ts'
import { OidcSignIn, OidcSignInError, roleFromClaims } from '../auth/oidc.ts'
import { createSession, SESSION_COOKIE } from '../auth/sessions.ts'
import { normaliseEmail } from '../auth/users.ts'
import type { Storage } from '../storage/storage.ts'
import { findEnabledAccountByEmail, setAccountRole } from '../storage/users.ts'

/** Browser path of the app's sign-in page; failures come back there with `?fejl=<code>`. */
export const LOGIN_PATH = '/log-ind'
const STATE_COOKIE = 'sb_oidc'
const CALLBACK_PATH = '/api/auth/oidc/callback'

function baseUrl(request: FastifyRequest, config: ServerConfig): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`
}

/**
 * GET /api/auth/methods, and when OIDC is configured GET /api/auth/oidc/start (redirects to the
 * identity provider) and GET /api/auth/oidc/callback (signs in the account named by the user
 * claim, sets its role from the role claim, and redirects back into the app).
 */
export function registerOidcRoutes(app: FastifyInstance, storage: Storage, config: ServerConfig): void {
  app.get('/api/auth/methods', async () => ({ password: true, oidc: config.oidc !== null }))
  if (!config.oidc) return
  const oidc = config.oidc
  const signIn = new OidcSignIn(oidc)
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/api/auth/oidc' }

  app.get('/api/auth/oidc/start', async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: string }
    const { url, state } = await signIn.start(storage.db, `${baseUrl(request, config)}${CALLBACK_PATH}`, returnTo ?? '/')
    reply.setCookie(STATE_COOKIE, state, { ...cookie, maxAge: 600 })
    return reply.redirect(url, 302)
  })

  app.get(CALLBACK_PATH, async (request, reply) => {
    const fail = (code: string) => reply.clearCookie(STATE_COOKIE, cookie).redirect(`${LOGIN_PATH}?fejl=${code}`, 302)
    let result: Awaited<ReturnType<OidcSignIn['finish']>>
    try {
      const callbackUrl = new URL(request.url, baseUrl(request, config))
      result = await signIn.finish(storage.db, callbackUrl, request.cookies[STATE_COOKIE])
    } catch (error) {
      request.log.warn({ err: error }, 'OIDC sign-in failed')
      await appendAudit(storage.db, { teamId: null, actorId: null, action: 'sign_in_failed', details: { method: 'oidc', error: error instanceof OidcSignInError ? 'expired' : 'provider' }, ip: request.ip })
      return fail(error instanceof OidcSignInError ? 'oidc-udloebet' : 'oidc')
    }
    const name = result.claims[oidc.userClaim]
    const user = typeof name === 'string'
      ? await findEnabledAccountByEmail(storage.db, normaliseEmail(name))
      : undefined
    if (!user) {
      request.log.warn({ claim: oidc.userClaim, value: name }, 'OIDC sign-in for an unknown account')
      await appendAudit(storage.db, { teamId: null, actorId: null, action: 'sign_in_failed', subject: typeof name === 'string' ? normaliseEmail(name) : null, details: { method: 'oidc', error: 'unknown_account' }, ip: request.ip })
      return fail('ukendt-bruger')
    }
    const role = roleFromClaims(result.claims, oidc.roleClaim, oidc.roleMap)
    if (role && role !== user.role) {
      await setAccountRole(storage.db, user.id, role)
      request.log.info({ userId: user.id, from: user.role, to: role }, 'role set from OIDC claim')
      await appendAudit(storage.db, { teamId: null, actorId: user.id, action: 'role_changed', subject: user.id, details: { from: user.role, to: role, source: 'oidc' }, ip: request.ip })
    }
    const token = await createSession(storage.db, user.id, config.sessionTtlMs)
    reply.clearCookie(STATE_COOKIE, cookie)
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/', maxAge: Math.floor(config.sessionTtlMs / 1000) })
    request.log.info({ userId: user.id }, 'signed in with OIDC')
    await appendAudit(storage.db, { teamId: null, actorId: user.id, action: 'sign_in', details: { method: 'oidc' }, ip: request.ip })
    return reply.redirect(result.returnTo, 302)
  })
}
