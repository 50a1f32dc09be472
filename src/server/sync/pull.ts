import type { PullResponse } from '../../domain/protocol.ts'
import type { Actor } from '../auth/users.ts'
import { unseenConflictsOfUser } from '../storage/conflicts.ts'
import { readPage } from '../storage/records.ts'
import type { Storage } from '../storage/storage.ts'

/**
 * Whether a device must drop its copies and download again. `began` is the head at which the
 * device's current copy began (the server tells it on a pull from cursor 0, the device sends it
 * back as `base`; an old client that does not is judged by its cursor). A download must restart when the server is behind the
 * cursor (restored from a backup), when a tombstone purge since the copy began reached above the
 * cursor (a delete may be missed), or when the user joined a team since the copy began (that
 * team's older records were skipped). Pages of a download that began after both never reset, so
 * a long first download cannot loop.
 */
export function mustReset(cursor: number, began: number, head: number, purgedThrough: number, purgeSeq: number, joinedSeq: number): boolean {
  if (cursor > head) return true
  if (cursor === 0) return false
  return (cursor < purgedThrough && purgeSeq > began) || joinedSeq > began
}

/**
 * One page of what `actor` may read after `cursor`, in sequence order, as the JSON text of a
 * PullResponse (records are spliced in from their stored text, see recordJson). The head and the
 * page are read in one statement and the page stops at the head: every record up to a committed
 * head is itself committed, so a puller never skips a sequence number that commits later. `base`
 * comes back as given, or as the head on a pull from cursor 0 (where a device's copy begins); see
 * mustReset for `resetRequired`. The last page carries the user's unacknowledged conflicts.
 */
export async function pullPageJson(storage: Storage, actor: Actor, cursor: number, limit: number, base?: number): Promise<string> {
  const { sequence: { seq: head, purgedThrough, purgeSeq }, rows } = await readPage(storage.db, actor.teams, cursor, limit + 1)
  const began = cursor === 0 ? head : (base ?? cursor)
  if (mustReset(cursor, began, head, purgedThrough, purgeSeq, actor.joinedSeq)) {
    return JSON.stringify({ records: [], nextCursor: 0, hasMore: false, resetRequired: true, base: 0 } satisfies PullResponse)
  }
  const hasMore = rows.length > limit
  const page = rows.slice(0, limit)
  const records = page.map((row) => `{"table":${JSON.stringify(row.table)},"record":${row.json}}`).join(',')
  const nextCursor = hasMore ? page.at(-1)!.seq : head
  // One indexed query, on the last page only: a device sees the user's unacknowledged conflicts
  // once per sync, whatever device raised them and however the push answer that carried them went.
  const conflicts = hasMore ? '' : `,"conflicts":${JSON.stringify(await unseenConflictsOfUser(storage.db, actor.id))}`
  return `{"records":[${records}],"nextCursor":${nextCursor},"hasMore":${hasMore},"resetRequired":false,"base":${began}${conflicts}}`
}
