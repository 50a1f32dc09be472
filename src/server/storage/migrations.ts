import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'

/**
 * Version 1 of the server schema. Written once with Kysely's schema builder using only types
 * both back ends understand (text, integer, bigint), so SQLite and PostgreSQL share it.
 */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .execute()
    await db.schema.createTable('memberships')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'team_id'])
      .execute()
    await db.schema.createIndex('memberships_team').on('memberships').column('team_id').execute()
    await db.schema.createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()
    await db.schema.createTable('clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('last_mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createTable('records')
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('stamps', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .addPrimaryKeyConstraint('records_pk', ['tbl', 'id'])
      .execute()
    await db.schema.createIndex('records_team_seq').on('records').columns(['team_id', 'seq']).execute()
    await db.schema.createIndex('records_deleted').on('records').column('deleted_at').execute()
    await db.schema.createTable('sync_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('purged_through', 'bigint', (c) => c.notNull())
      .execute()
    await db.insertInto('sync_state' as never).values({ id: 1, seq: 0, purged_through: 0 } as never).execute()
    await db.schema.createTable('conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('yours', 'text', (c) => c.notNull())
      .addColumn('theirs', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'bigint', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .execute()
  },
}

/** Version 2: pending OpenID Connect sign-ins (state → PKCE verifier and nonce), shared by all instances. */
const oidcLogins: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('oidc_logins')
      .addColumn('state', 'text', (c) => c.primaryKey())
      .addColumn('verifier', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute()
  },
}

/** Version 3: the append-only audit log (sign-ins, exports, erasures, deadline changes …). */
const auditLog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .execute()
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
  },
}

/**
 * Version 4: when each membership began, as a sequence number. A device whose cursor is below it
 * pulled past that team's older records before its user belonged to the team, so it must
 * download again (pull answers resetRequired). Existing memberships count from the start.
 */
const membershipFromSeq: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('memberships').addColumn('from_seq', 'bigint', (c) => c.notNull().defaultTo(0)).execute()
  },
}

/**
 * Version 5: the sequence number the newest tombstone purge took. A device whose copy began
 * before it and whose cursor is below the purge horizon may have missed a delete, so it must
 * download again; a download that began after it need not (see pull.ts).
 */
const purgeSeq: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sync_state').addColumn('purge_seq', 'bigint', (c) => c.notNull().defaultTo(0)).execute()
  },
}

/**
 * Version 6: when the device stored a conflict (seen_at; null while it has not). A conflict stays
 * with the user until a device of theirs has acknowledged it, so an answer lost on the way back
 * loses no conflict. Conflicts recorded before were answered at the time: they count as seen
 * then, so no device gets them twice. The partial indexes keep the unseen ones of a device's
 * push and of a user's pull cheap to find however many old ones there are.
 */
const conflictSeen: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('conflicts').addColumn('seen_at', 'bigint').execute()
    await db.updateTable('conflicts' as never).set({ seen_at: sql.ref('at') } as never).execute()
    await db.schema.createIndex('conflicts_unseen_client').on('conflicts').columns(['client_id', 'mutation_id'])
      .where(sql.ref('seen_at'), 'is', null).execute()
    await db.schema.createIndex('conflicts_unseen_user').on('conflicts').column('user_id')
      .where(sql.ref('seen_at'), 'is', null).execute()
  },
}

/**
 * Version 7: the mutations a push refused, per device, so a re-sent push (its answer lost) is told
 * again, as with conflicts. Only ids and the reason: never content.
 */
const refusals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('refusals')
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('refusals_pk', ['client_id', 'mutation_id'])
      .execute()
  },
}

/**
 * Version 8: the hand-off jobs (one per `handOffs` record): state, attempts, back-off, the lease
 * of the instance working on it, TOPdesk's incident and when its status was last followed.
 */
const handoffJobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('handoff_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('external_id', 'text')
      .addColumn('external_number', 'text')
      .addColumn('checked_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('handoff_jobs_due').on('handoff_jobs').columns(['state', 'next_at']).execute()
  },
}

/**
 * Version 9: photos, one row per team and content hash, the image as base64 text (a type both back
 * ends store alike), so the database backup covers them. Wiped when no live record refers to them.
 */
const photos: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('photos')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('photos_pk', ['team_id', 'hash'])
      .execute()
  },
}

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial, '0002_oidc_logins': oidcLogins, '0003_audit_log': auditLog, '0004_membership_from_seq': membershipFromSeq,
  '0005_purge_seq': purgeSeq, '0006_conflict_seen': conflictSeen, '0007_refusals': refusals,
  '0008_handoff_jobs': handoffJobs, '0009_photos': photos,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the schema up to date; safe to run from several instances at once (Kysely locks). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` in ${failed.migrationName}` : ''}: ${String(error)}`)
  }
}
