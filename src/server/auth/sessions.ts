import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../storage/schema.ts'
import { loadActor, type Actor } from './users.ts'

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'sb_session'

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/** Starts a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(db: Db, userId: string, ttlMs: number, now: number = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.insertInto('sessions').values({ token_hash: hashToken(token), user_id: userId, created_at: now, expires_at: now + ttlMs }).execute()
  return token
}

/** How long an expired session row is kept, so a device coming back is told "expired" rather than "unknown". */
export const EXPIRED_SESSION_KEPT_MS = 30 * 24 * 60 * 60 * 1000

/** A live session's user and when it ends, or why there is none. */
export type SessionLookup =
  | { readonly actor: Actor; readonly expiresAt: number }
  | { readonly reason: 'session_expired' | 'unauthorised' }

/**
 * The user of a live session, or why not: `session_expired` for a token whose session ran out,
 * `unauthorised` when it is unknown (signed out, ended on all devices) or the account disabled.
 * A session used after half its lifetime is extended, so active users stay signed in.
 */
export async function resolveSession(db: Db, token: string, ttlMs: number, now: number = Date.now()): Promise<SessionLookup> {
  const tokenHash = hashToken(token)
  const session = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst()
  if (!session) return { reason: 'unauthorised' }
  if (session.expires_at <= now) return { reason: 'session_expired' }
  let expiresAt = session.expires_at
  if (expiresAt - now < ttlMs / 2) {
    expiresAt = now + ttlMs
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute()
  }
  const actor = await loadActor(db, session.user_id)
  return actor ? { actor, expiresAt } : { reason: 'unauthorised' }
}

/** Ends a session; unknown tokens are ignored. */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute()
}

/** Ends every session of a user (sign out on all devices); returns how many there were. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Removes sessions that expired more than EXPIRED_SESSION_KEPT_MS ago (run now and then). */
export async function purgeExpiredSessions(db: Db, now: number = Date.now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now - EXPIRED_SESSION_KEPT_MS).executeTakeFirst()
  return Number(result.numDeletedRows)
}
