import type { Db } from './schema.ts'

/** An account row to insert; the e-mail already normalised. */
export interface NewAccount {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: string
  readonly passwordHash: string | null
  readonly createdAt: number
}

/** Inserts one account, enabled. */
export async function insertAccount(db: Db, row: NewAccount): Promise<void> {
  await db.insertInto('users').values({
    id: row.id, email: row.email, name: row.name, role: row.role, password_hash: row.passwordHash, created_at: row.createdAt, disabled_at: null,
  }).execute()
}

/** Makes the account a member of `teams` from sequence number `fromSeq` (the column's default, the start, when omitted). */
export async function insertMemberships(db: Db, userId: string, teams: readonly string[], fromSeq?: number): Promise<void> {
  if (teams.length === 0) return
  await db.insertInto('memberships').values(teams.map((teamId) => (
    fromSeq === undefined ? { user_id: userId, team_id: teamId } : { user_id: userId, team_id: teamId, from_seq: fromSeq }))).execute()
}

/** Makes the accounts members of `teamId` from the start; a membership that exists stays as it is. */
export async function addTeamMembers(db: Db, teamId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return
  await db.insertInto('memberships').values(userIds.map((userId) => ({ user_id: userId, team_id: teamId })))
    .onConflict((oc) => oc.columns(['user_id', 'team_id']).doNothing()).execute()
}

/** The teams of an account with the sequence number each membership began at, by team id. */
export async function listMemberships(db: Db, userId: string): Promise<Array<{ teamId: string; fromSeq: number }>> {
  const rows = await db.selectFrom('memberships').select(['team_id', 'from_seq']).where('user_id', '=', userId).orderBy('team_id').execute()
  return rows.map((row) => ({ teamId: row.team_id, fromSeq: Number(row.from_seq) }))
}

/** An enabled account by id, or undefined. */
export async function findEnabledAccount(db: Db, id: string): Promise<{ id: string; email: string; name: string; role: string } | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst()
}

/** An enabled account by its (normalised) e-mail, or undefined. */
export async function findEnabledAccountByEmail(db: Db, email: string): Promise<{ id: string; role: string; passwordHash: string | null } | undefined> {
  const row = await db.selectFrom('users').select(['id', 'role', 'password_hash'])
    .where('email', '=', email).where('disabled_at', 'is', null).executeTakeFirst()
  return row && { id: row.id, role: row.role, passwordHash: row.password_hash }
}

/** An account's role and when it was disabled (null: enabled), or undefined when there is none. */
export async function findAccountStatus(db: Db, id: string): Promise<{ role: string; disabledAt: number | null } | undefined> {
  const row = await db.selectFrom('users').select(['role', 'disabled_at']).where('id', '=', id).executeTakeFirst()
  return row && { role: row.role, disabledAt: row.disabled_at }
}

/** The first of these (normalised) e-mails that an account has, enabled or not, or null. */
export async function findTakenEmail(db: Db, emails: readonly string[]): Promise<string | null> {
  if (emails.length === 0) return null
  const row = await db.selectFrom('users').select('email').where('email', 'in', [...emails]).executeTakeFirst()
  return row?.email ?? null
}

/** Whether any account exists at all (the first start has none). */
export async function hasAnyAccount(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined
}

/** Ids of the enabled admins, optionally without one account. */
export async function listEnabledAdmins(db: Db, except?: string): Promise<string[]> {
  let query = db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null)
  if (except !== undefined) query = query.where('id', '<>', except)
  return (await query.execute()).map((row) => row.id)
}

/** Sets an account's role. */
export async function setAccountRole(db: Db, id: string, role: string): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute()
}

/** Disables an account from `disabledAt`, or enables it again with null. */
export async function setAccountDisabled(db: Db, id: string, disabledAt: number | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute()
}

/** An account as the admin's people screen lists it, with when it last signed in (the newest session). */
export interface AccountListRow {
  id: string
  name: string
  email: string
  role: string
  disabled_at: number | null
  password_hash: string | null
  last_sign_in: number | string | null
}

function accountList(db: Db) {
  return db.selectFrom('users').select((eb) => [
    'users.id', 'users.name', 'users.email', 'users.role', 'users.disabled_at', 'users.password_hash',
    eb.selectFrom('sessions').select((s) => s.fn.max('sessions.created_at').as('m'))
      .whereRef('sessions.user_id', '=', 'users.id').as('last_sign_in'),
  ])
}

/** Accounts that are members of `teamId` (disabled ones too), by name and e-mail. */
export async function listTeamAccounts(db: Db, teamId: string): Promise<AccountListRow[]> {
  return accountList(db).innerJoin('memberships', 'memberships.user_id', 'users.id')
    .where('memberships.team_id', '=', teamId).orderBy('users.name').orderBy('users.email').execute()
}

/** One account as the people screen lists it, or undefined. */
export async function findListedAccount(db: Db, id: string): Promise<AccountListRow | undefined> {
  return accountList(db).where('users.id', '=', id).executeTakeFirst()
}
