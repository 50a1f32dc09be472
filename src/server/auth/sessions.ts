import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '../../domain/records/person.ts'
import type { Db } from '../storage/schema.ts'
import {
  deleteSessionByHash, deleteSessionsExpiredBy, deleteSessionsOfUser, extendSessions, findSessionRows, insertSession, type SessionRow,
} from '../storage/sessions.ts'
import type { Actor } from './users.ts'

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'sb_session'

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/** Starts a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(db: Db, userId: string, ttlMs: number, now: number = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await insertSession(db, { tokenHash: hashToken(token), userId, createdAt: now, expiresAt: now + ttlMs })
  return token
}

/** How long an expired session row is kept, so a device coming back is told "expired" rather than "unknown". */
export const EXPIRED_SESSION_KEPT_MS = 30 * 24 * 60 * 60 * 1000

/** A live session's user and when it ends, or why there is none. */
export type SessionLookup =
  | { readonly actor: Actor; readonly expiresAt: number }
  | { readonly reason: 'session_expired' | 'unauthorised' }

/** A session token to look up, and the time to judge its expiry by. */
export interface SessionQuery {
  readonly token: string
  readonly now: number
}

/**
 * What one session's rows say: its user, or `session_expired` for a token whose session ran out,
 * `unauthorised` when it is unknown (signed out, ended on all devices) or the account disabled.
 */
function lookupFromRows(rows: readonly SessionRow[], now: number): SessionLookup {
  const first = rows[0]
  if (!first) return { reason: 'unauthorised' }
  if (Number(first.expires_at) <= now) return { reason: 'session_expired' }
  if (first.id === null || first.email === null || first.name === null || first.role === null) return { reason: 'unauthorised' }
  const memberships = rows.filter((row) => row.team_id !== null)
  const actor: Actor = {
    id: first.id, email: first.email, name: first.name, role: first.role as Role,
    teams: memberships.map((row) => row.team_id!),
    joinedSeq: Math.max(0, ...memberships.map((row) => Number(row.from_seq))),
  }
  return { actor, expiresAt: Number(first.expires_at) }
}

/**
 * Looks up many sessions in one query (session, user and memberships joined): when many devices
 * come back at once, their uncached sessions cost one round trip to the database together
 * instead of three each. A session used after half its lifetime is extended, so active users
 * stay signed in. Answers in the order asked.
 */
export async function resolveSessions(db: Db, queries: readonly SessionQuery[], ttlMs: number): Promise<SessionLookup[]> {
  const hashes = queries.map((q) => hashToken(q.token))
  const rows = await findSessionRows(db, hashes)
  const byHash = new Map<string, SessionRow[]>()
  for (const row of rows) {
    const list = byHash.get(row.token_hash) ?? []
    list.push(row)
    byHash.set(row.token_hash, list)
  }
  const lookups = queries.map(({ now }, i) => lookupFromRows(byHash.get(hashes[i]!) ?? [], now))
  // Sessions past half their lifetime are extended together, in one statement.
  const due = queries.flatMap(({ now }, i) => {
    const found = lookups[i]!
    return 'actor' in found && found.expiresAt - now < ttlMs / 2 ? [i] : []
  })
  if (due.length > 0) {
    const expiresAt = Math.max(...due.map((i) => queries[i]!.now)) + ttlMs
    await extendSessions(db, due.map((i) => hashes[i]!), expiresAt)
    for (const i of due) lookups[i] = { ...(lookups[i] as { actor: Actor }), expiresAt }
  }
  return lookups
}

/** The user of a live session, or why not (see resolveSessions). */
export async function resolveSession(db: Db, token: string, ttlMs: number, now: number = Date.now()): Promise<SessionLookup> {
  const [lookup] = await resolveSessions(db, [{ token, now }], ttlMs)
  return lookup!
}

/** Ends a session; unknown tokens are ignored. */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await deleteSessionByHash(db, hashToken(token))
}

/** Ends every session of a user (sign out on all devices); returns how many there were. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  return deleteSessionsOfUser(db, userId)
}

/** Removes sessions that expired more than EXPIRED_SESSION_KEPT_MS ago (run now and then). */
export async function purgeExpiredSessions(db: Db, now: number = Date.now()): Promise<number> {
  return deleteSessionsExpiredBy(db, now - EXPIRED_SESSION_KEPT_MS)
}
