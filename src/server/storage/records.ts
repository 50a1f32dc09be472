import type { FieldStamps, MergeState } from '../../domain/merge.ts'
import type { SyncTableName } from '../../domain/types.ts'
import type { Db } from './schema.ts'
import type { Trx } from './storage.ts'

/** A stored record with its merge state and the columns the rules need. */
export interface StoredRecord {
  readonly table: SyncTableName
  readonly id: string
  readonly teamId: string
  readonly createdBy: string
  readonly seq: number
  readonly state: MergeState
}

/** A record to write after a push: the whole row, with its new sequence number. */
export type RecordWrite = StoredRecord

/** Key of a record across tables. */
export function recordKey(table: string, id: string): string {
  return `${table}\u0000${id}`
}

const CHUNK = 400

/**
 * Loads the stored records for the given (table, id) pairs, keyed by recordKey. With `lock`, the
 * rows stay locked until commit, taken in (table, id) order so concurrent pushes cannot deadlock.
 */
export async function loadRecords(trx: Trx, keys: ReadonlyArray<{ table: SyncTableName; id: string }>, lock: boolean): Promise<Map<string, StoredRecord>> {
  const byTable = new Map<SyncTableName, Set<string>>()
  for (const { table, id } of keys) {
    if (!byTable.has(table)) byTable.set(table, new Set())
    byTable.get(table)!.add(id)
  }
  const found = new Map<string, StoredRecord>()
  for (const table of [...byTable.keys()].sort()) {
    const list = [...byTable.get(table)!].sort()
    for (let i = 0; i < list.length; i += CHUNK) {
      let query = trx.selectFrom('records').selectAll().where('tbl', '=', table).where('id', 'in', list.slice(i, i + CHUNK)).orderBy('id')
      if (lock) query = query.forUpdate()
      for (const row of await query.execute()) {
        found.set(recordKey(table, row.id), {
          table, id: row.id, teamId: row.team_id, createdBy: row.created_by, seq: row.seq,
          state: { content: JSON.parse(row.data), stamps: JSON.parse(row.stamps) as FieldStamps, deletedAt: row.deleted_at, origin: row.origin },
        })
      }
    }
  }
  return found
}

/** Hands out `count` sequence numbers (locking the counter row until commit); returns the new head. */
export async function allocateSequence(trx: Trx, count: number): Promise<number> {
  const row = await trx.updateTable('sync_state').set((eb) => ({ seq: eb('seq', '+', count) }))
    .where('id', '=', 1).returning('seq').executeTakeFirstOrThrow()
  return Number(row.seq)
}

/** The newest committed sequence, without locking. */
export async function readHead(trx: Trx): Promise<number> {
  const row = await trx.selectFrom('sync_state').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()
  return row.seq
}

function columns(write: RecordWrite) {
  return {
    team_id: write.teamId, data: JSON.stringify(write.state.content), stamps: JSON.stringify(write.state.stamps),
    seq: write.seq, created_by: write.createdBy, origin: write.state.origin, deleted_at: write.state.deletedAt,
  }
}

/** Writes the changed records of a push: one multi-row upsert per 100 records. */
export async function writeRecords(trx: Trx, writes: readonly RecordWrite[]): Promise<void> {
  const rows = writes.map((w) => ({ tbl: w.table, id: w.id, ...columns(w) }))
  for (let i = 0; i < rows.length; i += 100) {
    await trx.insertInto('records').values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['tbl', 'id']).doUpdateSet((eb) => ({
        team_id: eb.ref('excluded.team_id'), data: eb.ref('excluded.data'), stamps: eb.ref('excluded.stamps'),
        seq: eb.ref('excluded.seq'), created_by: eb.ref('excluded.created_by'), origin: eb.ref('excluded.origin'),
        deleted_at: eb.ref('excluded.deleted_at'),
      })))
      .execute()
  }
}

/** One pulled row, as a plain record with `rev` = its sequence number. */
export interface PulledRow {
  readonly table: SyncTableName
  readonly seq: number
  readonly record: Record<string, unknown>
}

/** Records of `teams` with cursor < seq ≤ head, in sequence order, at most `limit`. */
export async function readPage(db: Db, teams: readonly string[], cursor: number, head: number, limit: number): Promise<PulledRow[]> {
  if (teams.length === 0 || cursor >= head) return []
  const rows = await db.selectFrom('records').select(['tbl', 'id', 'team_id', 'data', 'seq', 'created_by', 'deleted_at'])
    .where('seq', '>', cursor).where('seq', '<=', head).where('team_id', 'in', [...teams])
    .orderBy('seq').limit(limit).execute()
  return rows.map((row) => ({
    table: row.tbl as SyncTableName,
    seq: row.seq,
    record: {
      ...(JSON.parse(row.data) as Record<string, unknown>),
      id: row.id, teamId: row.team_id, createdBy: row.created_by, rev: row.seq, deletedAt: row.deleted_at,
    },
  }))
}
