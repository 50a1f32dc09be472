import type { SyncTableName } from '../../domain/types.ts'
import { mergeMutation } from '../../domain/merge.ts'
import { writeRecords, type RecordWrite } from '../storage/records.ts'
import type { Storage, Trx } from '../storage/storage.ts'

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
export async function seedRecords(storage: Storage, records: readonly SystemRecord[], now: number = Date.now()): Promise<number> {
  const teams = [...new Set(records.map((r) => String(r.record.teamId)))]
  const head = await storage.db.transaction().execute(async (trx) => {
    const state = await storage.lockSequence(trx)
    return insertSystemRecords(storage, trx, state.seq, records, now)
  })
  storage.notifyAfterCommit({ seq: head, teams })
  return head
}
