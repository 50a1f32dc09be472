import type { FastifyRequest } from 'fastify'
import { expect, it } from 'vitest'
import { SessionGuard } from '../../src/server/auth/guard.ts'
import { createSession, EXPIRED_SESSION_KEPT_MS, purgeExpiredSessions, resolveSessions } from '../../src/server/auth/sessions.ts'
import { ApiError } from '../../src/server/errors.ts'
import { describeBackends } from './support/backends.ts'
import { useServer, type SignedIn } from './support/harness.ts'

describeBackends('sessions: expiry, reasons and sign-out on all devices', (kind) => {
  const server = useServer(kind)

  const me = (cookie: string) => server().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
  const logoutAll = (who: SignedIn, headers: Record<string, string> = {}) =>
    server().app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { cookie: who.cookie, ...headers } })

  /** Signs the same account in again: a second device with its own cookie. */
  async function secondDevice(who: SignedIn): Promise<string> {
    const response = await server().login(who.actor.email, `pw-${who.actor.email}`)
    expect(response.statusCode).toBe(200)
    return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  }

  it('an expired session answers 401 with reason session_expired; an unknown one with unauthorised', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    await server().app.storage.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).execute()
    const expired = await me(sb.cookie)
    expect(expired.statusCode).toBe(401)
    expect(expired.json()).toMatchObject({ error: 'unauthenticated', details: { reason: 'session_expired' } })
    const forged = await me('sb_session=not-a-real-token')
    expect(forged.statusCode).toBe(401)
    expect(forged.json().details).toEqual({ reason: 'unauthorised' })
    const none = await server().app.inject({ method: 'GET', url: '/api/sync/pull' })
    expect(none.json().details).toEqual({ reason: 'unauthorised' })
  })

  it('the guard never trusts its cache past the end of a session', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const storage = server().app.storage
    const guard = new SessionGuard(storage, 2000)
    const start = Date.now()
    const token = await createSession(storage.db, sb.actor.id, 2000, start)
    const request = { cookies: { sb_session: token } } as unknown as FastifyRequest
    expect((await guard.require(request, start)).id).toBe(sb.actor.id)
    // Within the 5 s cache window, but after the session's end.
    const error = await guard.require(request, start + 2001).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401, details: { reason: 'session_expired' } })
  })

  it('sessions asked for together are each answered for themselves, in order', async () => {
    const storage = server().app.storage
    const [teamA, teamB] = [await server().team(), await server().team()]
    const two = await server().user('superbruger', [teamA, teamB])
    const leader = await server().user('leder', [teamA])
    const gone = await server().user('superbruger', [teamB])
    const now = Date.now()
    const tokens = {
      two: await createSession(storage.db, two.actor.id, 60_000, now),
      leader: await createSession(storage.db, leader.actor.id, 60_000, now),
      expired: await createSession(storage.db, leader.actor.id, 1000, now - 5000),
      old: await createSession(storage.db, two.actor.id, 60_000, now - 50_000),
      disabled: await createSession(storage.db, gone.actor.id, 60_000, now),
    }
    await storage.db.updateTable('users').set({ disabled_at: now }).where('id', '=', gone.actor.id).execute()
    const queries = [tokens.leader, 'no-such-token', tokens.two, tokens.expired, tokens.disabled, tokens.two, tokens.old].map((token) => ({ token, now }))
    const found = await resolveSessions(storage.db, queries, 60_000)
    expect(found.map((f) => ('actor' in f ? f.actor.id : f.reason))).toEqual([
      leader.actor.id, 'unauthorised', two.actor.id, 'session_expired', 'unauthorised', two.actor.id, two.actor.id,
    ])
    expect(found[2]).toMatchObject({ actor: { role: 'superbruger', teams: [teamA, teamB].sort() } })
    expect(found[0]).toMatchObject({ actor: { role: 'leder', teams: [teamA] } })
    // A session past half its lifetime is extended; a fresh one is left as it was.
    expect(found[6]).toMatchObject({ expiresAt: now + 60_000 })
    expect(found[2]).toMatchObject({ expiresAt: now + 60_000 })
    const oldRow = await storage.db.selectFrom('sessions').select('expires_at').where('user_id', '=', two.actor.id).orderBy('created_at').executeTakeFirstOrThrow()
    expect(Number(oldRow.expires_at)).toBe(now + 60_000)
  })

  it('the guard answers requests that arrive together, each with the user of its own cookie', async () => {
    const team = await server().team()
    const users = await Promise.all([0, 1, 2, 3, 4].map(() => server().user('superbruger', [team])))
    const guard = new SessionGuard(server().app.storage, 60_000)
    const requests = users.map((u) => ({ cookies: { sb_session: u.cookie.split('=')[1]!.split(';')[0] } }) as unknown as FastifyRequest)
    const actors = await Promise.all([...requests, { cookies: { sb_session: 'forged' } } as unknown as FastifyRequest].map((r) => guard.require(r).catch((e: unknown) => e)))
    expect(actors.slice(0, 5).map((a) => (a as { id: string }).id)).toEqual(users.map((u) => u.actor.id))
    expect(actors[5]).toMatchObject({ status: 401, details: { reason: 'unauthorised' } })
  })

  it('housekeeping keeps recently expired sessions (to say "expired") and removes old ones', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const db = server().app.storage.db
    const now = Date.now()
    await createSession(db, sb.actor.id, 1000, now - EXPIRED_SESSION_KEPT_MS - 5000)
    await createSession(db, sb.actor.id, 1000, now - 5000)
    expect(await purgeExpiredSessions(db, now)).toBe(1)
    const left = await db.selectFrom('sessions').select('expires_at').where('user_id', '=', sb.actor.id).execute()
    expect(left).toHaveLength(2)
  })

  it('log out on all devices ends every session of the user at once, only theirs, and is audited', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const other = await server().user('superbruger', [team])
    const phone = await secondDevice(sb)
    expect((await me(phone)).statusCode).toBe(200) // now cached by the guard
    const response = await logoutAll(sb)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ended: 2 })
    expect(response.cookies.find((c) => c.name === 'sb_session')?.value).toBe('')
    for (const cookie of [sb.cookie, phone]) {
      const after = await me(cookie)
      expect(after.statusCode).toBe(401)
      expect(after.json().details).toEqual({ reason: 'unauthorised' })
    }
    expect((await me(other.cookie)).statusCode).toBe(200)
    const audit = await server().app.storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'sign_out_all').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: sb.actor.id, ip: '127.0.0.1' })
    expect(JSON.parse(audit[0]!.details)).toEqual({ sessions: 2 })
  })

  it('log out on all devices needs a session and the same origin', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const anonymous = await server().app.inject({ method: 'POST', url: '/api/auth/logout-all' })
    expect(anonymous.statusCode).toBe(401)
    const forged = await logoutAll(sb, { origin: 'https://evil.example' })
    expect(forged.statusCode).toBe(403)
    expect((await me(sb.cookie)).statusCode).toBe(200)
  })

  it('a locked-out sign-in says how long to wait', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    let response = await server().login(sb.actor.email, 'forkert')
    for (let i = 0; i < 4; i++) response = await server().login(sb.actor.email, 'forkert')
    expect(response.statusCode).toBe(429)
    const seconds = response.json().details.retryAfterSeconds as number
    expect(seconds).toBeGreaterThan(14 * 60)
    expect(seconds).toBeLessThanOrEqual(15 * 60)
    expect(response.headers['retry-after']).toBe(String(seconds))
  })
})
