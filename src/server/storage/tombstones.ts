import type { Storage } from './storage.ts'

/**
 * Deletes tombstones older than `olderThan` (server time) and moves the purge horizon to the
 * newest purged sequence, so devices whose cursor is older (and whose copy began before this
 * purge) re-download instead of missing a delete.
 * Returns how many tombstones were removed.
 */
export async function purgeTombstones(storage: Storage, olderThan: number): Promise<number> {
  return storage.db.transaction().execute(async (trx) => {
    // Records first, the counter row last: the same lock order as a push, so the two cannot deadlock.
    const old = trx.selectFrom('records').select('seq').where('deleted_at', 'is not', null).where('deleted_at', '<', olderThan)
    const rows = await (storage.lockRows ? old.orderBy('tbl').orderBy('id').forUpdate() : old).execute()
    if (rows.length === 0) return 0
    const horizon = rows.reduce((max, r) => Math.max(max, r.seq), 0)
    await trx.deleteFrom('records').where('deleted_at', 'is not', null).where('deleted_at', '<', olderThan).where('seq', '<=', horizon).execute()
    const state = await storage.lockSequence(trx)
    // The purge takes a sequence number of its own: a download that began before it may have
    // missed a delete (pull.ts), one that begins after it has not.
    await trx.updateTable('sync_state')
      .set({ seq: state.seq + 1, purge_seq: state.seq + 1, purged_through: Math.max(state.purgedThrough, horizon) })
      .where('id', '=', 1).execute()
    return rows.length
  })
}
