import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Role } from '../../domain/types.ts'
import type { Db } from '../storage/schema.ts'
import { hashPassword } from './password.ts'

/** The signed-in user as every rule sees it. `id` is also the id of their Person record. */
export interface Actor {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly teams: readonly string[]
  /**
   * The sequence number at which the newest of their memberships began: a device whose cursor is
   * below it was pulling before the user belonged to that team and must download again.
   */
  readonly joinedSeq: number
}

/** Roles an account can have (DESIGN.md "Identity and access"). */
export const ROLES: readonly Role[] = ['superbruger', 'koordinator', 'leder', 'admin']

/** What is needed to create an account. */
export interface NewUser {
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly teams: readonly string[]
  /** Omit for accounts that sign in only through OpenID Connect. */
  readonly password?: string
  readonly id?: string
}

/** Normalises an e-mail for lookups: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Inserts an account and its memberships using `db` (which may be an open transaction). */
export async function insertUser(db: Db, user: NewUser, passwordHash: string | null, now: number = Date.now()): Promise<Actor> {
  const id = user.id ?? randomUUID()
  const email = normaliseEmail(user.email)
  await db.insertInto('users').values({
    id, email, name: user.name, role: user.role, password_hash: passwordHash, created_at: now, disabled_at: null,
  }).execute()
  // A new account has no device that synced before, so its memberships count from the start.
  if (user.teams.length > 0) {
    await db.insertInto('memberships').values(user.teams.map((teamId) => ({ user_id: id, team_id: teamId }))).execute()
  }
  return { id, email, name: user.name, role: user.role, teams: [...user.teams].sort(), joinedSeq: 0 }
}

/**
 * Adds an existing account to `teams`, using `db` (best an open transaction that already holds the sequence
 * lock). The membership takes a sequence number of its own, so every device that has synced
 * before is below it and downloads again, this time with the team's older records. Returns it.
 */
export async function addMemberships(db: Db, userId: string, teams: readonly string[]): Promise<number> {
  if (teams.length === 0) return 0
  const { rows } = await sql<{ seq: number }>`update sync_state set seq = seq + 1 where id = 1 returning seq`.execute(db)
  const fromSeq = Number(rows[0]!.seq)
  await db.insertInto('memberships').values(teams.map((teamId) => ({ user_id: userId, team_id: teamId, from_seq: fromSeq }))).execute()
  return fromSeq
}

/** Creates an account with its team memberships in one transaction; the password is stored only as a scrypt hash. */
export async function createUser(db: Db, user: NewUser, now: number = Date.now()): Promise<Actor> {
  const passwordHash = user.password === undefined ? null : await hashPassword(user.password)
  return db.transaction().execute((trx) => insertUser(trx, user, passwordHash, now))
}

/** Loads an enabled account with its teams, or null. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'role'])
    .where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst()
  if (!user) return null
  const teams = await db.selectFrom('memberships').select(['team_id', 'from_seq']).where('user_id', '=', userId).orderBy('team_id').execute()
  const joinedSeq = Math.max(0, ...teams.map((t) => Number(t.from_seq)))
  return { ...user, role: user.role as Role, teams: teams.map((t) => t.team_id), joinedSeq }
}

/** The id and password hash of an enabled account, looked up by e-mail. */
export async function findLogin(db: Db, email: string): Promise<{ id: string; passwordHash: string | null } | null> {
  const row = await db.selectFrom('users').select(['id', 'password_hash'])
    .where('email', '=', normaliseEmail(email)).where('disabled_at', 'is', null).executeTakeFirst()
  return row ? { id: row.id, passwordHash: row.password_hash } : null
}
