import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { appendAudit } from '../storage/auditLog.ts'
import type { ServerConfig } from '../config.ts'
import { ApiError } from '../errors.ts'
import type { SessionGuard } from '../auth/guard.ts'
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts'
import { clearFailures, lockedFor, loginKey, recordFailure } from '../auth/rateLimit.ts'
import { createSession, deleteSession, deleteUserSessions, SESSION_COOKIE } from '../auth/sessions.ts'
import { findLogin, loadActor, normaliseEmail } from '../auth/users.ts'
import type { Storage } from '../storage/storage.ts'

const LoginSchema = v.object({
  email: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(254)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
})

/** /api/auth: sign in with e-mail and password (rate-limited, audited), sign out here or on all devices, and who am I. */
export function registerAuthRoutes(app: FastifyInstance, storage: Storage, config: ServerConfig, guard: SessionGuard): void {
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/' }

  app.post('/api/auth/login', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const parsed = v.safeParse(LoginSchema, request.body)
    if (!parsed.success) throw new ApiError(400, 'invalid_body', v.summarize(parsed.issues))
    const { email, password } = parsed.output
    const key = loginKey(request.ip, email)
    const wait = await lockedFor(storage.db, key)
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000))
      throw new ApiError(429, 'too_many_attempts', { retryAfterSeconds: Math.ceil(wait / 1000) })
    }
    const login = await findLogin(storage.db, email)
    const matches = await verifyPassword(password, login?.passwordHash ?? DUMMY_HASH)
    const actor = login && matches ? await loadActor(storage.db, login.id) : null
    if (!actor) {
      await recordFailure(storage.db, key)
      request.log.warn({ email }, 'sign-in failed')
      await appendAudit(storage.db, { teamId: null, actorId: login?.id ?? null, action: 'sign_in_failed', subject: normaliseEmail(email), ip: request.ip })
      const locked = await lockedFor(storage.db, key)
      if (locked > 0) {
        reply.header('retry-after', Math.ceil(locked / 1000))
        throw new ApiError(429, 'too_many_attempts', { retryAfterSeconds: Math.ceil(locked / 1000) })
      }
      throw new ApiError(401, 'invalid_credentials')
    }
    await clearFailures(storage.db, key)
    const token = await createSession(storage.db, actor.id, config.sessionTtlMs)
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.sessionTtlMs / 1000) })
    request.log.info({ userId: actor.id }, 'signed in')
    await appendAudit(storage.db, { teamId: null, actorId: actor.id, action: 'sign_in', details: { method: 'password' }, ip: request.ip })
    return { user: actor }
  })

  app.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) {
      guard.forget(token)
      await deleteSession(storage.db, token)
    }
    reply.clearCookie(SESSION_COOKIE, cookieOptions)
    return reply.status(204).send()
  })

  // Ends every session of the user, this device's too: for a lost phone or a shared PC left signed in.
  app.post('/api/auth/logout-all', async (request, reply) => {
    const actor = await guard.require(request)
    const ended = await storage.db.transaction().execute(async (trx) => {
      const count = await deleteUserSessions(trx, actor.id)
      await appendAudit(trx, { teamId: null, actorId: actor.id, action: 'sign_out_all', details: { sessions: count }, ip: request.ip })
      return count
    })
    guard.forgetUser(actor.id)
    reply.clearCookie(SESSION_COOKIE, cookieOptions)
    return { ended }
  })

  app.get('/api/auth/me', async (request) => {
    const actor = await guard.require(request)
    return { user: actor }
  })
}
