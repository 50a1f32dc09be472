import type { AdminPerson } from '../../domain/adminProtocol.ts'
import type { Role } from '../../domain/types.ts'
import type { Db } from '../storage/schema.ts'

/** One account row with what the people screen shows, as read from the database. */
interface AccountRow {
  id: string
  name: string
  email: string
  role: string
  disabled_at: number | null
  password_hash: string | null
  last_sign_in: number | string | null
}

function toAdminPerson(row: AccountRow): AdminPerson {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role as Role,
    disabled: row.disabled_at !== null, hasPassword: row.password_hash !== null,
    // max() of a bigint comes back as a string from some drivers.
    lastSignInAt: row.last_sign_in === null ? null : Number(row.last_sign_in),
  }
}

function accounts(db: Db) {
  return db.selectFrom('users').select((eb) => [
    'users.id', 'users.name', 'users.email', 'users.role', 'users.disabled_at', 'users.password_hash',
    eb.selectFrom('sessions').select((s) => s.fn.max('sessions.created_at').as('m'))
      .whereRef('sessions.user_id', '=', 'users.id').as('last_sign_in'),
  ])
}

/** Accounts that are members of `teamId` (disabled ones too), by name. */
export async function listTeamPeople(db: Db, teamId: string): Promise<AdminPerson[]> {
  const rows = await accounts(db).innerJoin('memberships', 'memberships.user_id', 'users.id')
    .where('memberships.team_id', '=', teamId).orderBy('users.name').orderBy('users.email').execute()
  return rows.map(toAdminPerson)
}

/** One account as the people screen shows it, or null. */
export async function loadAdminPerson(db: Db, id: string): Promise<AdminPerson | null> {
  const row = await accounts(db).where('users.id', '=', id).executeTakeFirst()
  return row ? toAdminPerson(row) : null
}

/** Whether a team record exists and is not deleted. */
export async function teamExists(db: Db, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('records').select('id')
    .where('tbl', '=', 'teams').where('id', '=', teamId).where('deleted_at', 'is', null).executeTakeFirst()
  return row !== undefined
}
