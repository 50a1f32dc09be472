import { sameValue } from '../../domain/merge.ts'
import { recordKey, type RecordWrite, type StoredRecord } from '../storage/records.ts'
import type { Trx } from '../storage/storage.ts'
import { appendAudit } from './auditLog.ts'

/** A record written by a push, with who made its last change and when. */
export interface AttributedWrite {
  readonly write: RecordWrite
  readonly actorId: string
  readonly at: number
}

/**
 * Records a `deadline_changed` audit row for each team record whose `retention` a push changed
 * (from null for a new team), inside the push transaction so it commits with the change.
 */
export async function auditDeadlineChanges(trx: Trx, stored: ReadonlyMap<string, StoredRecord>, writes: readonly AttributedWrite[]): Promise<void> {
  for (const { write, actorId, at } of writes) {
    if (write.table !== 'teams') continue
    const before = stored.get(recordKey('teams', write.id))?.state.content.retention ?? null
    const after = write.state.content.retention ?? null
    if (sameValue(before, after)) continue
    await appendAudit(trx, { teamId: write.teamId, actorId, action: 'deadline_changed', subject: write.id, details: { from: before, to: after } }, at)
  }
}
