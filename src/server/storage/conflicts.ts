import { sql } from 'kysely'
import { createIdGenerator } from '../../domain/ids.ts'
import type { Conflict } from '../../domain/protocol.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import type { Db } from './schema.ts'
import type { Trx } from './storage.ts'

/** Most unseen conflicts one pull carries: a device that never acknowledges (an old app) must not grow every answer. */
export const MAX_PULLED_CONFLICTS = 200

/** Ids in recording order (UUIDv7), so the conflicts of one mutation come back in the order they were found. */
const nextConflictId = createIdGenerator()

/** A conflict row as read back. */
export interface ConflictRow {
  id: string
  client_id: string
  mutation_id: number | string
  tbl: string
  record_id: string
  field: string
  yours: string
  theirs: string
}

const COLUMNS = sql`id, client_id, mutation_id, tbl, record_id, field, yours, theirs`

/** A stored conflict as a device is told of it. */
export function conflictOf(row: ConflictRow): Conflict {
  return {
    conflictId: row.id, table: row.tbl as SyncTableName, id: row.record_id, field: row.field,
    yours: JSON.parse(row.yours), theirs: JSON.parse(row.theirs), mutationId: Number(row.mutation_id),
  }
}

/** A conflict a push raised, with the device and user it belongs to. */
export interface NewConflict {
  readonly userId: string
  readonly clientId: string
  readonly mutationId: number
  readonly table: SyncTableName
  readonly recordId: string
  readonly field: string
  readonly yours: unknown
  readonly theirs: unknown
  readonly at: number
}

/**
 * Records conflicts, unseen: they are delivered until a device of the user acknowledges them.
 * Returns them as the device is told, in the given order, each with its new id.
 */
export async function saveConflicts(trx: Trx, conflicts: readonly NewConflict[]): Promise<Conflict[]> {
  if (conflicts.length === 0) return []
  const rows = conflicts.map((c) => ({
    id: nextConflictId(c.at), user_id: c.userId, client_id: c.clientId, mutation_id: c.mutationId, tbl: c.table,
    record_id: c.recordId, field: c.field, yours: JSON.stringify(c.yours) ?? 'null', theirs: JSON.stringify(c.theirs) ?? 'null', at: c.at,
  }))
  await trx.insertInto('conflicts').values(rows).execute()
  return rows.map(conflictOf)
}

/**
 * The oldest unseen conflicts of a user, from any of their devices (at most `limit`): a device
 * restored from a backup, reset or signed in anew still gets what an earlier one never stored.
 */
export async function unseenConflictsOfUser(db: Db, userId: string, limit: number = MAX_PULLED_CONFLICTS): Promise<Conflict[]> {
  const { rows } = await sql<ConflictRow>`select ${COLUMNS} from conflicts
    where user_id = ${userId} and seen_at is null order by at, mutation_id, id limit ${limit}`.execute(db)
  return rows.map(conflictOf)
}

/** Marks conflicts of `userId` as stored by a device; ids of other users' conflicts change nothing. Returns how many changed. */
export async function markConflictsSeen(db: Db, userId: string, ids: readonly string[], now: number): Promise<number> {
  if (ids.length === 0) return 0
  const result = await db.updateTable('conflicts').set({ seen_at: now })
    .where('user_id', '=', userId).where('seen_at', 'is', null).where('id', 'in', [...new Set(ids)]).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Blanks both values of the conflicts on `fields` of the given records (their text was wiped), and
 * counts them as seen: a conflict with nothing left to choose between is not delivered any more.
 */
export async function blankConflictValues(trx: Trx, table: SyncTableName, recordIds: readonly string[], fields: readonly string[], now: number): Promise<void> {
  if (recordIds.length === 0 || fields.length === 0) return
  await trx.updateTable('conflicts').set({ yours: 'null', theirs: 'null', seen_at: sql<number>`coalesce(seen_at, ${now})` })
    .where('tbl', '=', table).where('record_id', 'in', [...recordIds]).where('field', 'in', [...fields]).execute()
}
