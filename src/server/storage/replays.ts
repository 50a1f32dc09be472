import { sql } from 'kysely'
import type { Conflict, RejectedMutation, RejectReason } from '../../domain/protocol.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { conflictOf, type ConflictRow } from './conflicts.ts'
import type { Trx } from './storage.ts'

/** Mutations of one device that a push sends again: its ids from `from` to `to`. */
export interface ReplayedRange {
  readonly userId: string
  readonly clientId: string
  readonly from: number
  readonly to: number
}

/** What a push once answered about its mutations that the device may not have heard. */
export interface EarlierAnswer {
  readonly conflicts: Conflict[]
  readonly rejected: RejectedMutation[]
}

/** A mutation a push refused, with the device and user it came from. */
export interface NewRefusal extends RejectedMutation {
  readonly userId: string
  readonly clientId: string
  readonly at: number
}

/** Records the mutations pushes refused, so a re-sent push is told again (ids and reason only). */
export async function saveRefusals(trx: Trx, refusals: readonly NewRefusal[]): Promise<void> {
  if (refusals.length === 0) return
  await trx.insertInto('refusals').values(refusals.map((r) => ({
    client_id: r.clientId, mutation_id: r.mutationId, user_id: r.userId, tbl: r.table, record_id: r.recordId, reason: r.reason, at: r.at,
  }))).execute()
}

type Row = ConflictRow & { kind: 'conflict' | 'refusal'; user_id: string; reason: string | null }

/**
 * What earlier pushes answered about re-sent mutations (their answer lost), per client id in
 * mutation order: the conflicts no device has acknowledged, and the refusals. One statement;
 * each term names the partial index's condition, so SQLite searches the unseen-conflict index
 * and the refusals' key once per term; the user is checked on the rows.
 */
export async function earlierAnswers(trx: Trx, ranges: readonly ReplayedRange[]): Promise<Map<string, EarlierAnswer>> {
  const found = new Map<string, EarlierAnswer>()
  if (ranges.length === 0) return found
  const conflictTerms = ranges.map((r) => sql`(client_id = ${r.clientId} and mutation_id between ${r.from} and ${r.to} and seen_at is null)`)
  const refusalTerms = ranges.map((r) => sql`(client_id = ${r.clientId} and mutation_id between ${r.from} and ${r.to})`)
  const none = sql`cast(null as text)`
  const { rows } = await sql<Row>`
    select 'conflict' as kind, id, client_id, mutation_id, tbl, record_id, field, yours, theirs, user_id, ${none} as reason
      from conflicts where ${sql.join(conflictTerms, sql` or `)}
    union all
    select 'refusal' as kind, ${none}, client_id, mutation_id, tbl, record_id, ${none}, ${none}, ${none}, user_id, reason
      from refusals where ${sql.join(refusalTerms, sql` or `)}
    order by mutation_id, kind, id`.execute(trx)
  const owners = new Map(ranges.map((r) => [r.clientId, r.userId]))
  for (const row of rows) {
    if (owners.get(row.client_id) !== row.user_id) continue
    const answer = found.get(row.client_id) ?? { conflicts: [], rejected: [] }
    if (row.kind === 'conflict') answer.conflicts.push(conflictOf(row))
    else answer.rejected.push({ mutationId: Number(row.mutation_id), table: row.tbl as SyncTableName, recordId: row.record_id, reason: row.reason as RejectReason })
    found.set(row.client_id, answer)
  }
  return found
}
