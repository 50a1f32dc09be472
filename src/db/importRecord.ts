import type { Table } from 'dexie'
import { db } from './database.ts'
import { queueMutation } from './outbox.ts'
import { withLocalFields, withoutLocalFields } from './derivedFields.ts'
import { maskRecordFields, withoutNul } from '../domain/freeText.ts'
import type { SyncTableName, SyncTables } from '../domain/records/syncTables.ts'

// Apart from write.ts so the first screen does not load it: only the move into an account uses it.

/**
 * Stores a whole record made elsewhere (its id, createdAt and synced fields kept, local-only
 * fields computed from the masked content; rev 0, not deleted) and queues its `put`, in one
 * transaction, with free text masked as createRecord does. A record whose id is already stored is left as it is and nothing is queued, so importing
 * the same record twice cannot duplicate it. Returns whether it was stored.
 */
export async function importRecord<N extends SyncTableName>(name: N, record: SyncTables[N], now: number = Date.now()): Promise<boolean> {
  const fields = maskRecordFields(name, withoutNul(structuredClone(record)) as unknown as Record<string, unknown>).fields
  const stored = withLocalFields(name, { ...fields, rev: 0, deletedAt: null })
  const table: Table = db().table(name)
  return db().transaction('rw', table, db().outbox, async () => {
    if ((await table.get(record.id)) !== undefined) return false
    await table.add(stored)
    await queueMutation({ table: name, recordId: record.id, op: 'put', fields: withoutLocalFields(stored), baseRev: 0, at: now })
    return true
  })
}
