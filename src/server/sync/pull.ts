import { sql } from 'kysely'
import type { PullResponse } from '../../domain/protocol.ts'
import type { Actor } from '../auth/users.ts'
import { readPage } from '../storage/records.ts'
import type { Storage } from '../storage/storage.ts'

/** The newest committed sequence and the purge horizon. */
export async function readSequence(storage: Storage): Promise<{ seq: number; purgedThrough: number }> {
  const { rows } = await sql<{ seq: number; purged_through: number }>`select seq, purged_through from sync_state where id = 1`.execute(storage.db)
  return { seq: Number(rows[0]!.seq), purgedThrough: Number(rows[0]!.purged_through) }
}

/**
 * One page of what `actor` may read after `cursor`, in sequence order, as the JSON text of a
 * PullResponse (records are spliced in from their stored text, see recordJson). The head is read
 * first and the page stops there: every record up to a committed head is itself committed, so a
 * puller never skips a sequence number that commits later. A cursor older than the purge horizon
 * (or newer than the server has) answers `resetRequired`, and so does one from before the user
 * joined one of their teams (it went past that team's records while they were not readable).
 */
export async function pullPageJson(storage: Storage, actor: Actor, cursor: number, limit: number): Promise<string> {
  const { seq: head, purgedThrough } = await readSequence(storage)
  if ((cursor > 0 && (cursor < purgedThrough || cursor < actor.joinedSeq)) || cursor > head) {
    return JSON.stringify({ records: [], nextCursor: 0, hasMore: false, resetRequired: true } satisfies PullResponse)
  }
  const rows = await readPage(storage.db, actor.teams, cursor, head, limit + 1)
  const hasMore = rows.length > limit
  const page = rows.slice(0, limit)
  const records = page.map((row) => `{"table":${JSON.stringify(row.table)},"record":${row.json}}`).join(',')
  const nextCursor = hasMore ? page.at(-1)!.seq : head
  return `{"records":[${records}],"nextCursor":${nextCursor},"hasMore":${hasMore},"resetRequired":false}`
}
