import { mergeMutation } from '../../domain/merge.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { loadRecords, recordKey, writeRecords, type RecordWrite } from './records.ts'
import type { Nudge, Storage, Trx } from './storage.ts'

// The server's own writes (first start, invitations, admin changes, retention, demo data): they
// take sequence numbers and go through the same field merge as a push, so every device pulls them.

/** A whole record (with id, teamId and createdBy) written by the server itself. */
export interface SystemRecord {
  readonly table: SyncTableName
  readonly record: Readonly<Record<string, unknown>>
}

/** Origin stamped on records the server creates (first start, demo data). */
export const SERVER_ORIGIN = 'server'

/**
 * Inserts new records inside `trx` (which must hold the sequence lock via `seq`), numbering them
 * from `seq + 1`. Returns the new head sequence.
 */
export async function insertSystemRecords(storage: Storage, trx: Trx, seq: number, records: readonly SystemRecord[], now: number): Promise<number> {
  let next = seq
  const writes: RecordWrite[] = records.map(({ table, record }) => {
    next += 1
    const { state } = mergeMutation(null, { op: 'put', fields: record, baseRev: 0, clientId: SERVER_ORIGIN, rev: next, now })
    return { table, id: String(record.id), teamId: String(record.teamId), createdBy: String(record.createdBy), seq: next, state: state! }
  })
  await writeRecords(trx, storage.kind, writes)
  if (next !== seq) {
    await trx.updateTable('sync_state').set({ seq: next }).where('id', '=', 1).execute()
    await storage.notifyInTransaction(trx, { seq: next, teams: [...new Set(writes.map((w) => w.teamId))] })
  }
  return next
}

/** Inserts records in their own transaction under the sequence lock; returns the new head. */
export async function writeSystemRecords(storage: Storage, records: readonly SystemRecord[], now: number = Date.now()): Promise<number> {
  const teams = [...new Set(records.map((r) => String(r.record.teamId)))]
  const head = await storage.db.transaction().execute(async (trx) => {
    const state = await storage.lockSequence(trx)
    return insertSystemRecords(storage, trx, state.seq, records, now)
  })
  storage.notifyAfterCommit({ seq: head, teams })
  return head
}

/**
 * Changes content fields of a stored record as the server itself, inside `trx` (which must hold
 * the sequence lock, taken after locking the record as a push does; `seq` is the head it read). The change goes through the same field merge as
 * a push, based on the record's current revision, so it always applies, gets the next sequence
 * number and reaches every device by pull; a device that edited the same field offline from an
 * older base sees a conflict rather than silently overwriting it. Returns the nudge to deliver
 * after commit (`storage.notifyAfterCommit`), or null when the record is missing, deleted or
 * already holds the values (then nothing was written).
 */
export async function patchSystemRecord(
  storage: Storage, trx: Trx, seq: number, table: SyncTableName, id: string,
  fields: Readonly<Record<string, unknown>>, now: number,
): Promise<Nudge | null> {
  const stored = (await loadRecords(trx, storage.kind, [{ table, id }], storage.lockRows)).get(recordKey(table, id))
  if (!stored) return null
  const next = seq + 1
  const result = mergeMutation(stored.state, {
    op: 'patch', fields: { ...fields, updatedAt: now }, baseRev: stored.seq, clientId: SERVER_ORIGIN, rev: next, now,
  })
  if (result.outcome !== 'updated' || !result.state) return null
  await writeRecords(trx, storage.kind, [{ ...stored, seq: next, state: result.state }])
  await trx.updateTable('sync_state').set({ seq: next }).where('id', '=', 1).execute()
  const nudge: Nudge = { seq: next, teams: [stored.teamId] }
  await storage.notifyInTransaction(trx, nudge)
  return nudge
}
