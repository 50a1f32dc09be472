import { FREE_TEXT_FIELDS } from '../../domain/freeText.ts'
import { mergeMutation } from '../../domain/merge.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { blankConflictValues } from '../storage/conflicts.ts'
import { loadRecords, writeRecords, type RecordWrite, type StoredRecord } from '../storage/records.ts'
import type { Nudge, Storage, Trx } from '../storage/storage.ts'
import { SERVER_ORIGIN } from '../storage/systemWrite.ts'

const CHUNK = 400

/** What a server rewrite changed: the records (with their new sequence) and the nudge to send after commit. */
export interface Rewrite {
  readonly changed: readonly RecordWrite[]
  readonly nudge: Nudge | null
}

/**
 * Changes stored records as the server itself, inside `trx`: the records are read and locked
 * first, then the counter row (the order a push takes, so the two cannot deadlock). `fieldsFor`
 * sees each live record as locked and returns the fields to set (empty: leave it). Each change goes
 * through the same field merge as a push, so it gets the next sequence number and every device
 * pulls it and overwrites its copy. Stored conflicts of the changed records lose the values of
 * their free-text fields, so the old text survives nowhere in the database, and are no longer
 * delivered to devices. Queues the nudge in `trx`; the caller delivers `nudge` with
 * notifyAfterCommit once it commits.
 */
export async function rewriteRecords(
  storage: Storage, trx: Trx, keys: ReadonlyArray<{ table: SyncTableName; id: string }>,
  fieldsFor: (record: StoredRecord) => Readonly<Record<string, unknown>>, now: number,
): Promise<Rewrite> {
  const stored = await loadRecords(trx, storage.kind, keys, storage.lockRows)
  const planned = [...stored.values()]
    .filter((record) => record.state.deletedAt === null)
    .map((record) => ({ record, fields: fieldsFor(record) }))
    .filter(({ fields }) => Object.keys(fields).length > 0)
  if (planned.length === 0) return { changed: [], nudge: null }
  const teams = [...new Set(planned.map(({ record }) => record.teamId))]
  const head = await storage.allocateSequence(trx, planned.length, teams)
  const changed = planned.map(({ record, fields }, i): RecordWrite => {
    const rev = head - planned.length + i + 1
    const result = mergeMutation(record.state, { op: 'patch', fields, baseRev: record.seq, clientId: SERVER_ORIGIN, rev, now })
    if (result.outcome !== 'updated' || !result.state) throw new Error(`server rewrite of ${record.table}/${record.id} did not apply`)
    return { ...record, seq: rev, state: result.state }
  })
  await writeRecords(trx, storage.kind, changed)
  await wipeConflicts(trx, changed, now)
  const nudge: Nudge = { seq: head, teams }
  return { changed, nudge }
}

/** Blanks the values of stored conflicts on the free-text fields of `records` (see blankConflictValues). */
async function wipeConflicts(trx: Trx, records: readonly RecordWrite[], now: number): Promise<void> {
  const byTable = new Map<SyncTableName, string[]>()
  for (const r of records) {
    if (!byTable.has(r.table)) byTable.set(r.table, [])
    byTable.get(r.table)!.push(r.id)
  }
  for (const [table, ids] of byTable) {
    const fields = Object.keys(FREE_TEXT_FIELDS[table] ?? {})
    for (let i = 0; i < ids.length; i += CHUNK) await blankConflictValues(trx, table, ids.slice(i, i + CHUNK), fields, now)
  }
}

/** How often a rewrite that clashed with a concurrent push (deadlock) is tried. */
const ATTEMPTS = 3

/**
 * Runs `work` (which calls rewriteRecords) in one transaction, again when it clashed with a
 * concurrent transaction, and delivers the nudge after commit so devices pull the change at once.
 */
export async function commitRewrite<T extends { readonly rewrite: Rewrite }>(storage: Storage, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await storage.db.transaction().execute(work)
      if (result.rewrite.nudge) storage.notifyAfterCommit(result.rewrite.nudge)
      return result
    } catch (error) {
      if (attempt >= ATTEMPTS || !storage.isRetryable(error)) throw error
    }
  }
}
