import type { OutboxEntry, SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import { conflictRows, rejectionRows, type PushOutcome } from './conflicts.ts'
import { setCursor } from './syncState.ts'
import type { Mutation } from '../domain/protocol.ts'
import type { Millis } from '../domain/types.ts'

/** How many local changes wait to be sent. */
export async function countOutbox(database: SuperbrugerDb = db()): Promise<number> {
  return database.outbox.count()
}

/**
 * The oldest queued changes in mutationId order, at most `maxCount` and about `maxBytes` of
 * JSON (always at least one, so a big entry still goes out alone).
 */
export async function readOutboxBatch(maxCount: number, maxBytes: number, database: SuperbrugerDb = db()): Promise<Mutation[]> {
  const entries = await database.outbox.limit(maxCount).toArray()
  const batch: Mutation[] = []
  let bytes = 0
  for (const entry of entries) {
    bytes += JSON.stringify(entry).length
    if (batch.length > 0 && bytes > maxBytes) break
    batch.push(entry as Mutation)
  }
  return batch
}

/** Every queued change in order (re-applied over pulled records). */
export async function listOutbox(database: SuperbrugerDb = db()): Promise<OutboxEntry[]> {
  return database.outbox.toArray()
}

/**
 * Handles a push answer in one transaction: entries up to `lastMutationId` leave the outbox
 * (and only those: unsent ones must stay, since a gap in ids is an error), conflicts and
 * refused changes are stored for the user. A refused change was already shown locally, so its
 * records are dropped and the next pull starts from 0 to bring back what the server kept.
 * Returns whether such a re-download is needed.
 */
export async function acknowledgeOutbox(
  lastMutationId: number, outcome: PushOutcome, at: Millis, database: SuperbrugerDb = db(),
): Promise<boolean> {
  const tables = [database.outbox, database.conflicts, database.rejections, database.meta,
    ...new Set(outcome.rejected.map((r) => database.table(r.table)))]
  return database.transaction('rw', tables, async () => {
    const refused = await database.outbox.bulkGet(outcome.rejected.map((r) => r.mutationId))
    const byId = new Map(refused.filter((e) => e !== undefined).map((e) => [e.mutationId, e]))
    await database.conflicts.bulkAdd(conflictRows(outcome.conflicts, at))
    await database.rejections.bulkAdd(rejectionRows(outcome.rejected, (id) => byId.get(id), at))
    await database.outbox.where('mutationId').belowOrEqual(lastMutationId).delete()
    if (outcome.rejected.length === 0) return false
    for (const r of outcome.rejected) await database.table(r.table).delete(r.recordId)
    await setCursor(0, database)
    return true
  })
}
