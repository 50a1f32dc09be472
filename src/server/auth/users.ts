import { randomUUID } from 'node:crypto'
import type { Role } from '../../domain/records/person.ts'
import { takeSequenceNumber } from '../storage/records.ts'
import type { Db } from '../storage/schema.ts'
import { findEnabledAccount, findEnabledAccountByEmail, insertAccount, insertMemberships, listMemberships } from '../storage/users.ts'
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
  await insertAccount(db, { id, email, name: user.name, role: user.role, passwordHash, createdAt: now })
  // A new account has no device that synced before, so its memberships count from the start.
  await insertMemberships(db, id, user.teams)
  return { id, email, name: user.name, role: user.role, teams: [...user.teams].sort(), joinedSeq: 0 }
}

/**
 * Adds an existing account to `teams`, using `db` (best an open transaction that already holds the sequence
 * lock). The membership takes a sequence number of its own, so every device that has synced
 * before is below it and downloads again, this time with the team's older records. Returns it.
 */
export async function addMemberships(db: Db, userId: string, teams: readonly string[]): Promise<number> {
  if (teams.length === 0) return 0
  const fromSeq = await takeSequenceNumber(db)
  await insertMemberships(db, userId, teams, fromSeq)
  return fromSeq
}

/** Creates an account with its team memberships in one transaction; the password is stored only as a scrypt hash. */
export async function createUser(db: Db, user: NewUser, now: number = Date.now()): Promise<Actor> {
  const passwordHash = user.password === undefined ? null : await hashPassword(user.password)
  return db.transaction().execute((trx) => insertUser(trx, user, passwordHash, now))
}

/** Loads an enabled account with its teams, or null. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await findEnabledAccount(db, userId)
  if (!user) return null
  const teams = await listMemberships(db, userId)
  const joinedSeq = Math.max(0, ...teams.map((t) => t.fromSeq))
  return { ...user, role: user.role as Role, teams: teams.map((t) => t.teamId), joinedSeq }
}

/** The id and password hash of an enabled account, looked up by e-mail. */
export async function findLogin(db: Db, email: string): Promise<{ id: string; passwordHash: string | null } | null> {
  const row = await findEnabledAccountByEmail(db, normaliseEmail(email))
  return row ? { id: row.id, passwordHash: row.passwordHash } : null
}
