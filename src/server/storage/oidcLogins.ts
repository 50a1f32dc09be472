import type { Db } from './schema.ts'

/** An OpenID Connect sign-in started by this server and waiting for the provider's callback. */
export interface PendingOidcLogin {
  readonly state: string
  readonly verifier: string
  readonly nonce: string
  readonly returnTo: string
  readonly createdAt: number
}

/** Stores a pending sign-in, first deleting those started before `staleBefore`. */
export async function savePendingOidcLogin(db: Db, login: PendingOidcLogin, staleBefore: number): Promise<void> {
  await db.deleteFrom('oidc_logins').where('created_at', '<', staleBefore).execute()
  await db.insertInto('oidc_logins').values({
    state: login.state, verifier: login.verifier, nonce: login.nonce, return_to: login.returnTo, created_at: login.createdAt,
  }).execute()
}

/** Reads and deletes the pending sign-in of `state`, so it is used at most once; undefined when unknown. */
export async function takePendingOidcLogin(db: Db, state: string): Promise<PendingOidcLogin | undefined> {
  const row = await db.selectFrom('oidc_logins').selectAll().where('state', '=', state).executeTakeFirst()
  await db.deleteFrom('oidc_logins').where('state', '=', state).execute()
  return row && { state: row.state, verifier: row.verifier, nonce: row.nonce, returnTo: row.return_to, createdAt: row.created_at }
}
