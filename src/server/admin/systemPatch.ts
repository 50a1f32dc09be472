import { mergeMutation } from '../../domain/merge.ts'
import type { SyncTableName } from '../../domain/types.ts'
import { loadRecords, recordKey, writeRecords } from '../storage/records.ts'
import type { Nudge, Storage, Trx } from '../storage/storage.ts'
import { SERVER_ORIGIN } from '../sync/seed.ts'

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
