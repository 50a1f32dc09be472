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

/**
 * The user of a live session, or null when the token is unknown, expired or the account disabled.
 * A session used after half its lifetime is extended, so active users stay signed in.
 */
export async function resolveSession(db: Db, token: string, ttlMs: number, now: number = Date.now()): Promise<Actor | null> {
  const tokenHash = hashToken(token)
  const session = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst()
  if (!session || session.expires_at <= now) return null
  if (session.expires_at - now < ttlMs / 2) {
    await db.updateTable('sessions').set({ expires_at: now + ttlMs }).where('token_hash', '=', tokenHash).execute()
  }
  return loadActor(db, session.user_id)
}

/** Ends a session; unknown tokens are ignored. */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute()
}

/** Removes expired sessions (run now and then). */
export async function purgeExpiredSessions(db: Db, now: number = Date.now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}
