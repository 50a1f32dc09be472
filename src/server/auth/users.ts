import { randomUUID } from 'node:crypto'
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
  if (user.teams.length > 0) {
    await db.insertInto('memberships').values(user.teams.map((teamId) => ({ user_id: id, team_id: teamId }))).execute()
  }
  return { id, email, name: user.name, role: user.role, teams: [...user.teams].sort() }
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
  const teams = await db.selectFrom('memberships').select('team_id').where('user_id', '=', userId).orderBy('team_id').execute()
  return { ...user, role: user.role as Role, teams: teams.map((t) => t.team_id) }
}

/** The id and password hash of an enabled account, looked up by e-mail. */
export async function findLogin(db: Db, email: string): Promise<{ id: string; passwordHash: string | null } | null> {
  const row = await db.selectFrom('users').select(['id', 'password_hash'])
    .where('email', '=', normaliseEmail(email)).where('disabled_at', 'is', null).executeTakeFirst()
  return row ? { id: row.id, passwordHash: row.password_hash } : null
}
