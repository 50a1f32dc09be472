import { sql } from 'kysely'
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
  const lockClause = lock ? sql` for update` : sql``
  for (const table of [...byTable.keys()].sort()) {
    const list = [...byTable.get(table)!].sort()
    for (let i = 0; i < list.length; i += CHUNK) {
      const { rows } = await sql<{ id: string; team_id: string; created_by: string; seq: number; data: string; stamps: string; deleted_at: number | null; origin: string }>`
        select id, team_id, created_by, seq, data, stamps, deleted_at, origin from records
        where tbl = ${table} and id in (${sql.join(list.slice(i, i + CHUNK))}) order by id${lockClause}`.execute(trx)
      for (const row of rows) {
        found.set(recordKey(table, row.id), {
          table, id: row.id, teamId: row.team_id, createdBy: row.created_by, seq: row.seq,
          state: { content: JSON.parse(row.data), stamps: JSON.parse(row.stamps) as FieldStamps, deletedAt: row.deleted_at, origin: row.origin },
        })
      }
    }
  }
  return found
}

/** The newest committed sequence, without locking. */
export async function readHead(trx: Trx): Promise<number> {
  const { rows } = await sql<{ seq: number }>`select seq from sync_state where id = 1`.execute(trx)
  return Number(rows[0]!.seq)
}

/**
 * Writes the changed records of a push: one multi-row upsert per 100 records. The hot queries of
 * push and pull are written as SQL text: building them with the query builder cost more than
 * SQLite running them (bench:sync, CPU profile).
 */
export async function writeRecords(trx: Trx, writes: readonly RecordWrite[]): Promise<void> {
  for (let i = 0; i < writes.length; i += 100) {
    const values = writes.slice(i, i + 100).map((w) => sql`(${w.table}, ${w.id}, ${w.teamId}, ${JSON.stringify(w.state.content)}, ${JSON.stringify(w.state.stamps)}, ${w.seq}, ${w.createdBy}, ${w.state.origin}, ${w.state.deletedAt})`)
    await sql`insert into records (tbl, id, team_id, data, stamps, seq, created_by, origin, deleted_at) values ${sql.join(values)}
      on conflict (tbl, id) do update set team_id = excluded.team_id, data = excluded.data, stamps = excluded.stamps,
        seq = excluded.seq, created_by = excluded.created_by, origin = excluded.origin, deleted_at = excluded.deleted_at`.execute(trx)
  }
}

/** One pulled row: its sequence number and the record as JSON text, with `rev` = its sequence number. */
export interface PulledRow {
  readonly table: SyncTableName
  readonly seq: number
  readonly json: string
}

/**
 * A stored row as the JSON text of its record: the envelope fields, then the stored content
 * spliced in as it is, so a pull neither parses nor re-serialises record data. Content never
 * holds the envelope fields (the merge keeps them outside), so no key appears twice.
 */
export function recordJson(row: { id: string; team_id: string; created_by: string; seq: number; deleted_at: number | null; data: string }): string {
  const envelope = `"id":${JSON.stringify(row.id)},"teamId":${JSON.stringify(row.team_id)},"createdBy":${JSON.stringify(row.created_by)},"rev":${row.seq},"deletedAt":${row.deleted_at ?? 'null'}`
  const rest = row.data.slice(1).trimStart()
  return rest.startsWith('}') ? `{${envelope}}` : `{${envelope},${rest}`
}

/** Records of `teams` with cursor < seq ≤ head, in sequence order, at most `limit`. */
export async function readPage(db: Db, teams: readonly string[], cursor: number, head: number, limit: number): Promise<PulledRow[]> {
  if (teams.length === 0 || cursor >= head) return []
  const { rows } = await sql<{ tbl: string; id: string; team_id: string; data: string; seq: number; created_by: string; deleted_at: number | null }>`
    select tbl, id, team_id, data, seq, created_by, deleted_at from records
    where seq > ${cursor} and seq <= ${head} and team_id in (${sql.join(teams)})
    order by seq limit ${limit}`.execute(db)
  return rows.map((row) => ({ table: row.tbl as SyncTableName, seq: row.seq, json: recordJson(row) }))
}
