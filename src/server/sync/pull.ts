import type { PullResponse, PulledRecord } from '../../domain/protocol.ts'
import type { AnyRecord } from '../../domain/types.ts'
import type { Actor } from '../auth/users.ts'
import { readPage } from '../storage/records.ts'
import type { Storage } from '../storage/storage.ts'

/** The newest committed sequence and the purge horizon. */
export async function readSequence(storage: Storage): Promise<{ seq: number; purgedThrough: number }> {
  const row = await storage.db.selectFrom('sync_state').select(['seq', 'purged_through']).where('id', '=', 1).executeTakeFirstOrThrow()
  return { seq: row.seq, purgedThrough: row.purged_through }
}

/**
 * One page of what `actor` may read after `cursor`, in sequence order. The head is read first and
 * the page stops there: every record up to a committed head is itself committed, so a puller
 * never skips a sequence number that commits later. A cursor older than the purge horizon (or
 * newer than the server has) answers `resetRequired`.
 */
export async function pullPage(storage: Storage, actor: Actor, cursor: number, limit: number): Promise<PullResponse> {
  const { seq: head, purgedThrough } = await readSequence(storage)
  if ((cursor > 0 && cursor < purgedThrough) || cursor > head) {
    return { records: [], nextCursor: 0, hasMore: false, resetRequired: true }
  }
  const rows = await readPage(storage.db, actor.teams, cursor, head, limit + 1)
  const hasMore = rows.length > limit
  const page = rows.slice(0, limit)
  const records: PulledRecord[] = page.map((row) => ({ table: row.table, record: row.record as unknown as AnyRecord }))
  return { records, nextCursor: hasMore ? page.at(-1)!.seq : head, hasMore, resetRequired: false }
}
