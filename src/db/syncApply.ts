import type { OutboxEntry, SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import { ANONYMISED_TEXT } from '../domain/privacyProtocol.ts'
import { setBase, setCursor } from './syncState.ts'
import type { PulledRecord } from '../domain/protocol.ts'
import { tombstoneOf, withLocalFields } from './derivedFields.ts'
import { SYNC_TABLES, type SyncTableName } from '../domain/records/syncTables.ts'
import type { SyncFields } from '../domain/records/fields.ts'

type Row = Record<string, unknown>

/**
 * What a queued change makes of the local copy of its record, as the write functions did when it
 * was made: a put creates a missing record, a patch changes a live one, a delete leaves a tombstone.
 * Returns null when the change does not apply (record missing, deleted, or already there).
 */
export function applyPending(current: Row | undefined, entry: Pick<OutboxEntry, 'op' | 'fields' | 'at'>): Row | null {
  if (entry.op === 'put') return current ? null : { ...entry.fields }
  if (!current || current.deletedAt !== null) return null
  if (entry.op === 'patch') return { ...current, ...entry.fields }
  return tombstoneOf(current as unknown as SyncFields<string>, entry.at) as unknown as Row
}

function key(table: string, id: unknown): string {
  return `${table}\u0000${String(id)}`
}

function syncTables(database: SuperbrugerDb) {
  return SYNC_TABLES.map((name) => database.table(name))
}

/** Re-applies `pending` over `rows` (keyed by table and id) and returns the rows that changed. */
function reapply(rows: Map<string, { table: SyncTableName; row: Row }>, pending: readonly OutboxEntry[], onlyKnown: boolean) {
  const changed = new Map<string, { table: SyncTableName; row: Row }>()
  for (const entry of pending) {
    const k = key(entry.table, entry.recordId)
    if (onlyKnown && !rows.has(k)) continue
    const next = applyPending(rows.get(k)?.row, entry)
    if (!next) continue
    rows.set(k, { table: entry.table, row: next })
    changed.set(k, { table: entry.table, row: next })
  }
  return changed
}

async function writeRows(database: SuperbrugerDb, rows: Iterable<{ table: SyncTableName; row: Row }>): Promise<void> {
  const perTable = new Map<SyncTableName, Row[]>()
  for (const { table, row } of rows) {
    const list = perTable.get(table) ?? []
    // The server never sends local-only fields, and a re-applied patch may change their sources.
    list.push(withLocalFields(table, row))
    perTable.set(table, list)
  }
  for (const [table, list] of perTable) await database.table(table).bulkPut(list)
}

/**
 * Applies one pulled page in one transaction: the server's records replace the local copies,
 * the still-pending outbox entries for those records are applied again on top (so unsynced local
 * edits stay visible), and the cursor moves to `nextCursor` with the page.
 */
export async function applyPulledPage(records: readonly PulledRecord[], nextCursor: number, database: SuperbrugerDb = db(), base?: number): Promise<void> {
  // Only the tables this page touches: a pending entry matters only for a record in the page.
  const touched = [...new Set(records.map((r) => r.table))].map((name) => database.table(name))
  await database.transaction('rw', [...touched, database.outbox, database.meta, database.conflicts, database.rejections], async () => {
    const rows = new Map<string, { table: SyncTableName; row: Row }>()
    for (const { table, record } of records) rows.set(key(table, record.id), { table, row: record as unknown as Row })
    const pending = rows.size > 0 ? await database.outbox.toArray() : []
    reapply(rows, pending, true)
    await writeRows(database, rows.values())
    await forgetWipedText(records, database)
    await setCursor(nextCursor, database)
    if (base !== undefined) await setBase(base, database)
  })
}

/**
 * Deleted and anonymised records must leave no old text on the device: conflicts and refused
 * changes kept for such a record (which hold texts as they were) go with the pulled version.
 */
async function forgetWipedText(records: readonly PulledRecord[], database: SuperbrugerDb): Promise<void> {
  const wiped = new Set<string>()
  for (const { record } of records) {
    const fields = record as unknown as Row
    if (fields.deletedAt !== null || Object.values(fields).includes(ANONYMISED_TEXT)) wiped.add(String(fields.id))
  }
  if (wiped.size === 0) return
  await database.conflicts.filter((c) => wiped.has(c.recordId)).delete()
  await database.rejections.filter((r) => wiped.has(r.recordId)).delete()
}

/**
 * Drops every local copy of synced records but keeps the outbox, whose changes are applied again
 * (new records stay visible), and sets the cursor to 0 so everything is downloaded again.
 */
export async function resetLocalCopies(database: SuperbrugerDb = db()): Promise<void> {
  await database.transaction('rw', [...syncTables(database), database.outbox, database.meta], async () => {
    for (const table of syncTables(database)) await table.clear()
    const changed = reapply(new Map(), await database.outbox.toArray(), false)
    await writeRows(database, changed.values())
    await setCursor(0, database)
    await setBase(undefined, database)
  })
}
