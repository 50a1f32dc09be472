import type { SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import type { StoredConflict } from './conflicts.ts'
import { newId } from '../domain/ids.ts'
import { sameValue } from '../domain/merge.ts'
import type { Conflict } from '../domain/protocol.ts'
import type { Millis } from '../domain/records/fields.ts'

/**
 * Meta key: ids of conflicts stored here that the server has not yet confirmed as seen. Until it
 * has, it delivers them again; an id in this list is never stored twice, so a conflict the user
 * already resolved or dismissed does not come back.
 */
const TO_ACKNOWLEDGE_KEY = 'sync.conflictsToAcknowledge'

async function readToAcknowledge(database: SuperbrugerDb): Promise<string[]> {
  const row = await database.meta.get(TO_ACKNOWLEDGE_KEY)
  return Array.isArray(row?.value) ? (row.value as string[]) : []
}

/** A server conflict as stored: under the server's id when it sent one (older servers did not). */
function storedRow(c: Conflict, at: Millis): StoredConflict {
  return {
    id: c.conflictId ?? newId(), table: c.table, recordId: c.id, field: c.field,
    yours: c.yours ?? null, theirs: c.theirs ?? null, mutationId: c.mutationId ?? 0, at,
  }
}

/** Whether the same conflict is stored already under another id (stored by an app version that made its own ids). */
function storedBefore(row: StoredConflict, existing: readonly StoredConflict[]): boolean {
  return existing.some((e) => e.field === row.field && e.mutationId === row.mutationId && sameValue(e.yours, row.yours))
}

/**
 * Whether the conflict's record is deleted here for good: a tombstone the server sent. A delete
 * still waiting in the outbox may yet be refused (the record then comes back), so the conflict
 * is kept; if the delete goes through, the pulled tombstone takes the conflict with it.
 */
async function deletedHere(database: SuperbrugerDb, row: StoredConflict): Promise<boolean> {
  const record = await database.table(row.table).get(row.recordId) as { deletedAt?: unknown } | undefined
  if (record?.deletedAt === null || record?.deletedAt === undefined) return false
  const pending = await database.outbox.where('[table+recordId]').equals([row.table, row.recordId]).toArray()
  return !pending.some((entry) => entry.op === 'delete')
}

/**
 * Stores conflicts the server reported (in a push answer or a pull), each once: one delivered
 * again, or one the user has already handled, is not added again. A conflict on a record deleted
 * here is not kept (a deleted record leaves no old text on the device; see deletedHere). Every
 * conflict with a server id is remembered for acknowledging (see conflictsToAcknowledge). Joins
 * the caller's transaction when it holds `conflicts`, `meta`, `outbox` and the conflicts' record
 * tables. Returns how many conflicts were added.
 */
export async function storeServerConflicts(conflicts: readonly Conflict[], at: Millis, database: SuperbrugerDb = db()): Promise<number> {
  if (conflicts.length === 0) return 0
  const tables = [...new Set(conflicts.map((c) => database.table(c.table)))]
  return database.transaction('rw', [database.conflicts, database.meta, database.outbox, ...tables], async () => {
    const pending = await readToAcknowledge(database)
    const known = new Set(pending)
    let added = 0
    for (const conflict of conflicts) {
      const row = storedRow(conflict, at)
      if (known.has(row.id)) continue
      if (conflict.conflictId !== undefined) {
        known.add(row.id)
        pending.push(row.id)
      }
      if (await database.conflicts.get(row.id)) continue
      if (await deletedHere(database, row)) continue
      if (storedBefore(row, await database.conflicts.where('[table+recordId]').equals([row.table, row.recordId]).toArray())) continue
      await database.conflicts.add(row)
      added += 1
    }
    await database.meta.put({ key: TO_ACKNOWLEDGE_KEY, value: pending })
    return added
  })
}

/** Ids of conflicts stored here that the server has not yet confirmed as seen, oldest first. */
export async function conflictsToAcknowledge(database: SuperbrugerDb = db()): Promise<string[]> {
  return readToAcknowledge(database)
}

/** Forgets ids the server has confirmed as seen (it no longer delivers them). */
export async function forgetAcknowledged(ids: readonly string[], database: SuperbrugerDb = db()): Promise<void> {
  const done = new Set(ids)
  await database.transaction('rw', database.meta, async () => {
    const rest = (await readToAcknowledge(database)).filter((id) => !done.has(id))
    await database.meta.put({ key: TO_ACKNOWLEDGE_KEY, value: rest })
  })
}
