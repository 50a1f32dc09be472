import { toRaw } from 'vue'
import type { Table } from 'dexie'
import { db } from './database.ts'
import { queueMutation } from './outbox.ts'
import { newId } from '../domain/ids.ts'
import { baseRevOf, type EditRevs } from '../domain/editBase.ts'
import { derivedFieldRevs, type DerivedFieldName, tombstoneOf, withDerivedChanges, withDerivedFields, withoutLocalFields } from './derivedFields.ts'
import { maskRecordFields, withoutNul } from '../domain/freeText.ts'
import type { PersonId, SyncFields, TeamId } from '../domain/records/fields.ts'
import type { SyncTableName, SyncTables } from '../domain/records/syncTables.ts'

/** What a writer gives: the record without its sync fields and without the fields derived from others. */
type Content<N extends SyncTableName> = Omit<SyncTables[N], keyof SyncFields<string> | DerivedFieldName<N>>
type Patch<N extends SyncTableName> = Partial<Content<N>>

/** Who is writing: stamped on new records. */
export interface Author {
  readonly teamId: TeamId
  readonly personId: PersonId
}

function table(name: SyncTableName): Table {
  return db().table(name)
}

function plain<T>(value: T): T {
  return withoutNul(structuredClone(toRaw(value)))
}

type MaskListener = (table: SyncTableName, count: number) => void
const maskListeners = new Set<MaskListener>()

/**
 * Calls `listener` after each write that masked CPR numbers in its free text before storing it,
 * so the UI can tell the user. Returns the function that stops listening.
 */
export function onCprMasked(listener: MaskListener): () => void {
  maskListeners.add(listener)
  return () => { maskListeners.delete(listener) }
}

/** Tells the listeners, once the write succeeded, that it masked `count` CPR numbers. */
function reportMasked(name: SyncTableName, count: number): void {
  if (count === 0) return
  for (const listener of maskListeners) {
    // A failing listener must not turn a stored write into a reported failure.
    try { listener(name, count) } catch (error) { console.error(error) }
  }
}

/**
 * Creates a record and queues its `put` in one transaction: either both are stored or neither.
 * Derived fields are computed here from the masked content (db/derivedFields.ts); local-only
 * ones are stored but not queued. Returns the stored record. `id` is given only where every
 * device must make the same one.
 */
export async function createRecord<N extends SyncTableName>(
  name: N, author: Author, content: Content<N>, now: number = Date.now(), id: string = newId(),
): Promise<SyncTables[N]> {
  // CPR numbers in free text are masked before anything is stored (DESIGN.md "Compliance").
  const safe = maskRecordFields(name, plain(content) as Record<string, unknown>)
  const record = withDerivedFields(name, {
    ...safe.fields,
    id,
    teamId: author.teamId,
    createdAt: now,
    createdBy: author.personId,
    updatedAt: now,
    rev: 0,
    deletedAt: null,
  }) as unknown as SyncTables[N]
  await db().transaction('rw', table(name), db().outbox, async () => {
    await table(name).add(record)
    await queueMutation({
      table: name, recordId: record.id, op: 'put',
      fields: withoutLocalFields(plain(record) as unknown as Record<string, unknown>), baseRev: 0, at: now,
    })
  })
  reportMasked(name, safe.masked)
  return (await table(name).get(record.id)) as SyncTables[N]
}

function changedFields(existing: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => JSON.stringify(existing[key]) !== JSON.stringify(value)))
}

/** The changed fields grouped by the revision each is based on, oldest base first. */
function byBase(changed: Record<string, unknown>, base: EditRevs | undefined, current: number): [number, Record<string, unknown>][] {
  const groups = new Map<number, Record<string, unknown>>()
  for (const [key, value] of Object.entries(changed)) {
    const rev = baseRevOf(base, key, current)
    groups.set(rev, { ...groups.get(rev), [key]: value })
  }
  return [...groups].sort(([a], [b]) => a - b)
}

/**
 * Changes some fields of a record and queues a `patch` of the fields that really changed, in one
 * transaction; a patch that changes nothing writes nothing. Each field is based on the revision
 * `base` gives it (what an edit form showed, so a field changed elsewhere since then ends as a
 * conflict, not overwritten; fields with different bases go as one patch per base), otherwise on
 * the record's current rev (a change decided on what is stored now, such as a status button).
 * Derived fields follow the fields they are computed from (a synced one based on its source's
 * revision); local-only ones are stored but not queued. Throws if the record does not exist or
 * was deleted.
 */
export async function patchRecord<N extends SyncTableName>(
  name: N, id: string, changes: Patch<N>, now: number = Date.now(), base?: EditRevs,
): Promise<SyncTables[N]> {
  const safe = maskRecordFields(name, plain(changes) as Record<string, unknown>)
  const fields = safe.fields
  const stored = await db().transaction('rw', table(name), db().outbox, async () => {
    const existing = (await table(name).get(id)) as SyncTables[N] | undefined
    if (!existing || existing.deletedAt !== null) throw new RecordMissingError(name, id)
    // Only fields that really change are written and queued: a form that saves every field
    // must not claim the unchanged ones, or it would clash with other devices' edits of them.
    const current = existing as unknown as Record<string, unknown>
    const changed = changedFields(current, withDerivedChanges(name, current, fields))
    if (Object.keys(changed).length === 0) return existing
    const updated = { ...existing, ...changed, updatedAt: now }
    await table(name).put(updated)
    for (const [baseRev, group] of byBase(withoutLocalFields(changed), derivedFieldRevs(name, base), existing.rev)) {
      await queueMutation({ table: name, recordId: id, op: 'patch', fields: { ...group, updatedAt: now }, baseRev, at: now })
    }
    return (await table(name).get(id)) as SyncTables[N]
  })
  reportMasked(name, safe.masked)
  return stored
}

/**
 * Deletes a record: its content is wiped and only a tombstone (sync fields) stays, and a
 * `delete` is queued, in one transaction. Deleting a missing record does nothing.
 */
export async function deleteRecord(name: SyncTableName, id: string, now: number = Date.now()): Promise<void> {
  await db().transaction('rw', table(name), db().outbox, async () => {
    const existing = (await table(name).get(id)) as SyncFields<string> | undefined
    if (!existing || existing.deletedAt !== null) return
    await table(name).put(tombstoneOf(existing, now))
    await queueMutation({ table: name, recordId: id, op: 'delete', fields: {}, baseRev: existing.rev, at: now })
  })
}

/** Raised when a write targets a record that is not (or no longer) there. */
export class RecordMissingError extends Error {
  constructor(readonly table: SyncTableName, readonly id: string) {
    super(`No ${table} record ${id}`)
    this.name = 'RecordMissingError'
  }
}
