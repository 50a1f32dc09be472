import { newId } from '../../domain/ids.ts'
import type { AuditLogRow, AuditPage } from '../../domain/privacyProtocol.ts'
import type { Db } from './schema.ts'
import type { Trx } from './storage.ts'

/** Every kind of event the audit log records. */
export type AuditAction = 'sign_in' | 'sign_in_failed' | 'sign_out_all' | 'role_changed' | 'person_invited'
  | 'person_disabled' | 'export' | 'erasure' | 'deadline_changed' | 'budget_changed' | 'retention_run'

/** One event to record; `details` must not hold personal free text (it is kept for the audit deadline). */
export interface AuditEntry {
  readonly teamId: string | null
  readonly actorId: string | null
  readonly action: AuditAction
  readonly subject?: string | null
  readonly details?: Readonly<Record<string, unknown>>
  readonly ip?: string | null
}

/**
 * Appends one row to the append-only audit log. Pass the transaction of the change it records,
 * so the entry commits (or rolls back) with it. No code updates or deletes audit rows, except the
 * retention purge of rows older than the audit deadline.
 */
export async function appendAudit(db: Db | Trx, entry: AuditEntry, now: number = Date.now()): Promise<void> {
  await db.insertInto('audit_log').values({
    // Time-ordered, so the newest-first pages of the admin view follow the id.
    id: newId(now),
    at: now,
    team_id: entry.teamId,
    actor_id: entry.actorId,
    action: entry.action,
    subject: entry.subject ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip: entry.ip ?? null,
  }).execute()
}

/**
 * One page of the audit log, newest first: rows older than the row `before` (an id from the
 * previous page), at most `limit`. Ids are UUIDv7, so their order is the order rows were written.
 */
export async function listAudit(db: Db, before: string | null, limit: number): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.team_id', 'audit_log.actor_id', 'users.name as actor_name',
      'audit_log.action', 'audit_log.subject', 'audit_log.details', 'audit_log.ip'])
    .orderBy('audit_log.id', 'desc').limit(limit + 1)
  if (before !== null) query = query.where('audit_log.id', '<', before)
  const rows = await query.execute()
  const page = rows.slice(0, limit)
  return {
    entries: page.map((row): AuditLogRow => ({
      id: row.id, at: row.at, teamId: row.team_id, actorId: row.actor_id, actorName: row.actor_name ?? null,
      action: row.action, subject: row.subject, details: JSON.parse(row.details) as Record<string, unknown>, ip: row.ip,
    })),
    nextBefore: rows.length > limit ? page.at(-1)!.id : null,
  }
}

/** The only deletion of audit rows: those written before `olderThan` (the audit deadline). Returns how many. */
export async function purgeAuditLog(db: Db | Trx, olderThan: number): Promise<number> {
  const result = await db.deleteFrom('audit_log').where('at', '<', olderThan).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** When the last retention run was recorded, or null: lets every instance run the daily job at most once a day. */
export async function lastAuditAt(db: Db, action: AuditAction): Promise<number | null> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('at').as('at')).where('action', '=', action).executeTakeFirst()
  return row?.at == null ? null : Number(row.at)
}
