import type { Db } from './schema.ts'

/** A session with its user (null when disabled or gone) and one membership per row (null when none). */
export interface SessionRow {
  token_hash: string
  expires_at: number
  id: string | null
  email: string | null
  name: string | null
  role: string | null
  team_id: string | null
  from_seq: number | null
}

/** A session to store: only the hash of its token. */
export interface NewSession {
  readonly tokenHash: string
  readonly userId: string
  readonly createdAt: number
  readonly expiresAt: number
}

/** Stores a new session. */
export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db.insertInto('sessions').values({
    token_hash: session.tokenHash, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt,
  }).execute()
}

/**
 * The sessions with these token hashes joined with their enabled user and memberships, in one
 * query, ordered by token hash and team id.
 */
export async function findSessionRows(db: Db, tokenHashes: readonly string[]): Promise<SessionRow[]> {
  return db.selectFrom('sessions as s')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 's.user_id').on('u.disabled_at', 'is', null))
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['s.token_hash', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.role', 'm.team_id', 'm.from_seq'])
    .where('s.token_hash', 'in', [...new Set(tokenHashes)]).orderBy('s.token_hash').orderBy('m.team_id').execute()
}

/** Lets the sessions with these token hashes run until `expiresAt`, in one statement. */
export async function extendSessions(db: Db, tokenHashes: readonly string[], expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', 'in', [...new Set(tokenHashes)]).execute()
}

/** Deletes the session with this token hash, if any. */
export async function deleteSessionByHash(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

/** Deletes every session of a user; returns how many there were. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Deletes the sessions that expired at or before `cutoff`; returns how many. */
export async function deleteSessionsExpiredBy(db: Db, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', cutoff).executeTakeFirst()
  return Number(result.numDeletedRows)
}
