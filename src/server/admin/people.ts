import type { AdminPerson } from '../../domain/adminProtocol.ts'
import type { Role } from '../../domain/records/person.ts'
import type { Db } from '../storage/schema.ts'
import { findListedAccount, listTeamAccounts, type AccountListRow } from '../storage/users.ts'

function toAdminPerson(row: AccountListRow): AdminPerson {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role as Role,
    disabled: row.disabled_at !== null, hasPassword: row.password_hash !== null,
    // max() of a bigint comes back as a string from some drivers.
    lastSignInAt: row.last_sign_in === null ? null : Number(row.last_sign_in),
  }
}

/** Accounts that are members of `teamId` (disabled ones too), by name. */
export async function listTeamPeople(db: Db, teamId: string): Promise<AdminPerson[]> {
  return (await listTeamAccounts(db, teamId)).map(toAdminPerson)
}

/** One account as the people screen shows it, or null. */
export async function loadAdminPerson(db: Db, id: string): Promise<AdminPerson | null> {
  const row = await findListedAccount(db, id)
  return row ? toAdminPerson(row) : null
}
