import { sql } from 'kysely'
import type { MergeState } from '../../domain/merge.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import type { Db } from './schema.ts'
import { decodeStamps, encodeStamps } from './stamps.ts'
import type { Storage, Trx } from './storage.ts'

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

type Kind = Storage['kind']

/** SQL for "column is one of these strings" as one parameter: a text array on PostgreSQL, a JSON array on SQLite. */
function inList(kind: Kind, column: string, values: readonly string[]) {
  return kind === 'postgres'
    ? sql`${sql.ref(column)} = any(${[...values]}::text[])`
    : sql`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
}

/**
 * Loads the stored records for the given (table, id) pairs, keyed by recordKey. With `lock`, the
 * rows stay locked until commit, taken in (table, id) order so concurrent pushes cannot deadlock.
 * The ids go as one JSON parameter per table: a batch of pushes may hold thousands.
 */
export async function loadRecords(trx: Trx, kind: Kind, keys: ReadonlyArray<{ table: SyncTableName; id: string }>, lock: boolean): Promise<Map<string, StoredRecord>> {
  const byTable = new Map<SyncTableName, Set<string>>()
  for (const { table, id } of keys) {
    if (!byTable.has(table)) byTable.set(table, new Set())
    byTable.get(table)!.add(id)
  }
  const found = new Map<string, StoredRecord>()
  const lockClause = lock ? sql` for update` : sql``
  for (const table of [...byTable.keys()].sort()) {
    const { rows } = await sql<{ id: string; team_id: string; created_by: string; seq: number; data: string; stamps: string; deleted_at: number | null; origin: string }>`
      select id, team_id, created_by, seq, data, stamps, deleted_at, origin from records
      where tbl = ${table} and ${inList(kind, 'id', [...byTable.get(table)!])} order by id${lockClause}`.execute(trx)
    for (const row of rows) {
      found.set(recordKey(table, row.id), {
        table, id: row.id, teamId: row.team_id, createdBy: row.created_by, seq: Number(row.seq),
        state: { content: JSON.parse(row.data), stamps: decodeStamps(row.stamps), deletedAt: row.deleted_at === null ? null : Number(row.deleted_at), origin: row.origin },
      })
    }
  }
  return found
}

const UPSERT = sql`on conflict (tbl, id) do update set team_id = excluded.team_id, data = excluded.data, stamps = excluded.stamps,
  seq = excluded.seq, created_by = excluded.created_by, origin = excluded.origin, deleted_at = excluded.deleted_at`

/**
 * Writes changed records. `created` are records the caller found missing (a plain insert: a
 * record another instance created meanwhile makes it fail with a unique violation, which the
 * push retries); the others are upserted. PostgreSQL gets each kind of row in one statement as
 * one JSON parameter (json_to_recordset): one round trip, and one JSON.stringify instead of
 * binding nine parameters a row. SQLite gets multi-row statements of 100 bound rows: unpacking
 * JSON there (json_each, ->>) took three times as long as binding. The hot queries of push and
 * pull are SQL text: the query builder cost more than SQLite running them (bench:sync).
 */
export async function writeRecords(trx: Trx, kind: Kind, writes: readonly RecordWrite[], created: ReadonlySet<RecordWrite> = new Set()): Promise<void> {
  const inserts = writes.filter((w) => created.has(w))
  const upserts = writes.filter((w) => !created.has(w))
  for (const [rows, conflict] of [[inserts, sql``], [upserts, UPSERT]] as const) {
    if (rows.length === 0) continue
    if (kind === 'postgres') {
      const json = JSON.stringify(rows.map((w) => ({
        tbl: w.table, id: w.id, team_id: w.teamId, data: JSON.stringify(w.state.content), stamps: encodeStamps(w.state.stamps),
        seq: w.seq, created_by: w.createdBy, origin: w.state.origin, deleted_at: w.state.deletedAt,
      })))
      await sql`insert into records (tbl, id, team_id, data, stamps, seq, created_by, origin, deleted_at)
        select tbl, id, team_id, data, stamps, seq, created_by, origin, deleted_at from json_to_recordset(${json}::json)
          as x(tbl text, id text, team_id text, data text, stamps text, seq bigint, created_by text, origin text, deleted_at bigint)
        ${conflict}`.execute(trx)
      continue
    }
    for (let i = 0; i < rows.length; i += 100) {
      const values = rows.slice(i, i + 100).map((w) => sql`(${w.table}, ${w.id}, ${w.teamId}, ${JSON.stringify(w.state.content)}, ${encodeStamps(w.state.stamps)}, ${w.seq}, ${w.createdBy}, ${w.state.origin}, ${w.state.deletedAt})`)
      await sql`insert into records (tbl, id, team_id, data, stamps, seq, created_by, origin, deleted_at) values ${sql.join(values)} ${conflict}`.execute(trx)
    }
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

/** The ordering state: the newest committed sequence, the purge horizon and the number the newest purge took. */
export interface SequenceRow {
  readonly seq: number
  readonly purgedThrough: number
  readonly purgeSeq: number
}

/** The ordering state, read alone (without locking; inside a transaction too). */
export async function readSequence(db: Db): Promise<SequenceRow> {
  const { rows } = await sql<{ seq: number; purged_through: number; purge_seq: number }>`select seq, purged_through, purge_seq from sync_state where id = 1`.execute(db)
  const row = rows[0]!
  return { seq: Number(row.seq), purgedThrough: Number(row.purged_through), purgeSeq: Number(row.purge_seq) }
}

/**
 * On SQLite, makes `trx` take the database's write lock now, with a write that changes nothing:
 * a process writing the same file meanwhile makes it wait (busy timeout) instead of failing on a
 * stale snapshot later. PostgreSQL needs nothing (lockSequence locks the row).
 */
export async function takeWriteLock(trx: Trx, kind: Kind): Promise<void> {
  if (kind === 'sqlite') await trx.updateTable('sync_state').set({ seq: sql`seq` }).where('id', '=', 1).execute()
}

/**
 * Takes the next sequence number for a change that is not a record (a new membership); best
 * inside a transaction that already holds the sequence lock. Returns it.
 */
export async function takeSequenceNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ seq: number }>`update sync_state set seq = seq + 1 where id = 1 returning seq`.execute(db)
  return Number(rows[0]!.seq)
}

/**
 * The ordering state and the records of `teams` with cursor < seq ≤ head, in sequence order, at
 * most `limit`, in one statement (one round trip; one snapshot, so the page stops at the head it
 * returns: every record up to a committed head is itself committed).
 */
export async function readPage(db: Db, teams: readonly string[], cursor: number, limit: number): Promise<{ sequence: SequenceRow; rows: PulledRow[] }> {
  if (teams.length === 0) return { sequence: await readSequence(db), rows: [] }
  const { rows } = await sql<{ part: number; seq: number; purged_through: number | null; purge_seq: number | null; tbl: string | null; id: string | null; team_id: string | null; data: string | null; created_by: string | null; deleted_at: number | null }>`
    select 0 as part, seq, purged_through, purge_seq, null as tbl, null as id, null as team_id, null as data, null as created_by, null as deleted_at
      from sync_state where id = 1
    union all
    select * from (
      select 1 as part, seq, cast(null as bigint) as purged_through, cast(null as bigint) as purge_seq, tbl, id, team_id, data, created_by, deleted_at from records
      where seq > ${cursor} and seq <= (select seq from sync_state where id = 1) and team_id in (${sql.join(teams)})
      order by seq limit ${limit}) as page`.execute(db)
  const state = rows.find((row) => Number(row.part) === 0)!
  const page = rows.filter((row) => Number(row.part) === 1).sort((a, b) => Number(a.seq) - Number(b.seq))
  return {
    sequence: { seq: Number(state.seq), purgedThrough: Number(state.purged_through), purgeSeq: Number(state.purge_seq) },
    rows: page.map((row) => ({
      table: row.tbl as SyncTableName, seq: Number(row.seq),
      json: recordJson({ id: row.id!, team_id: row.team_id!, created_by: row.created_by!, seq: Number(row.seq), deleted_at: row.deleted_at === null ? null : Number(row.deleted_at), data: row.data! }),
    })),
  }
}
