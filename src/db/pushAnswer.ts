import type { SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import { rejectionRows, type PushOutcome } from './conflicts.ts'
import { storeServerConflicts } from './serverConflicts.ts'
import { resetLocalCopies } from './syncApply.ts'
import { SYNC_TABLES } from '../domain/records/syncTables.ts'
import type { Millis } from '../domain/records/fields.ts'

/** What handling a push answer did. */
export interface AcknowledgedPush {
  /** Conflicts newly stored (one the answer repeats, such as a replay's, is stored once). */
  readonly conflicts: number
  /** A change was refused: the local copies were dropped and the next pull downloads everything. */
  readonly redownload: boolean
}

/**
 * Handles a push answer in one transaction: entries up to `lastMutationId` leave the outbox
 * (and only those: unsent ones must stay, since a gap in ids is an error), conflicts and
 * refused changes are stored for the user (conflicts once each, see storeServerConflicts). A
 * refused change was already shown locally, so the local copies are dropped as on a reset (the
 * outbox stays and is applied again) and the next pull downloads what the server kept: a copy
 * that only dropped the refused records would keep records the server has since purged.
 */
export async function acknowledgeOutbox(
  lastMutationId: number, outcome: PushOutcome, at: Millis, database: SuperbrugerDb = db(),
): Promise<AcknowledgedPush> {
  const refusals = outcome.rejected.length > 0
  const recordTables = refusals ? SYNC_TABLES.map((name) => database.table(name)) : [...new Set(outcome.conflicts.map((c) => database.table(c.table)))]
  const tables = [database.outbox, database.conflicts, database.rejections, database.meta, ...recordTables]
  return database.transaction('rw', tables, async () => {
    const refused = await database.outbox.bulkGet(outcome.rejected.map((r) => r.mutationId))
    const byId = new Map(refused.filter((e) => e !== undefined).map((e) => [e.mutationId, e]))
    const conflicts = await storeServerConflicts(outcome.conflicts, at, database)
    await database.rejections.bulkAdd(rejectionRows(outcome.rejected, (id) => byId.get(id), at))
    await database.outbox.where('mutationId').belowOrEqual(lastMutationId).delete()
    if (refusals) await resetLocalCopies(database)
    return { conflicts, redownload: refusals }
  })
}
