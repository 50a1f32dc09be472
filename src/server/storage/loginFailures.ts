import type { Db } from './schema.ts'

/** The failed sign-ins counted for one rate-limit key. */
export interface LoginFailureRow {
  readonly failures: number
  /** 0 when the key is not locked. */
  readonly lockedUntil: number
  readonly lastAt: number
}

/** The failures counted for a key, or undefined when there are none. */
export async function findLoginFailure(db: Db, key: string): Promise<LoginFailureRow | undefined> {
  const row = await db.selectFrom('login_failures').select(['failures', 'locked_until', 'last_at']).where('key', '=', key).executeTakeFirst()
  return row && { failures: row.failures, lockedUntil: row.locked_until, lastAt: row.last_at }
}

/** Stores the failures of a key, replacing what was counted before. */
export async function saveLoginFailure(db: Db, key: string, row: LoginFailureRow): Promise<void> {
  const values = { failures: row.failures, locked_until: row.lockedUntil, last_at: row.lastAt }
  await db.insertInto('login_failures').values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute()
}

/** Forgets the failures of a key. */
export async function deleteLoginFailure(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute()
}
