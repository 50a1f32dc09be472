import { withDerivedRevs, type EditRevs } from '../domain/editBase.ts'
import { wordsOf } from '../domain/search.ts'
import { weekKeyOf } from '../domain/weekKey.ts'
import type { SyncFields } from '../domain/records/fields.ts'
import type { SyncTableName } from '../domain/records/syncTables.ts'

// The one owner of what a stored record holds beyond what a person typed: fields computed from
// other fields (search words, the `running` flag, the week of a time entry), which of them stay on
// this device, and what a deleted record leaves. Every writer — local writes (db/write.ts),
// pulled records (db/syncApply.ts), imports (db/importRecord.ts) and Dexie upgrades
// (db/migrations.ts) — goes through these functions, so none can forget a field.

type Row = Record<string, unknown>

/** A field computed from other fields of the same record. */
interface DerivedField {
  /** The fields it is computed from: a change to one of them recomputes it. */
  readonly from: readonly string[]
  /** True: stored on the device only (an index), never pushed; false: synced like typed fields. */
  readonly localOnly: boolean
  readonly compute: (record: Row) => unknown
}

/** Request texts whose words search finds. */
const REQUEST_TEXT_FIELDS = ['requesterName', 'description', 'resolution', 'helpdeskCaseNo'] as const

/** The derived fields of each table that has any. */
interface DerivedFieldNames {
  readonly requests: 'words'
  readonly timeEntries: 'running' | 'week'
}

/** The derived fields of table `N`: writers never set them themselves. */
export type DerivedFieldName<N extends SyncTableName> = N extends keyof DerivedFieldNames ? DerivedFieldNames[N] : never

const DERIVED: { readonly [N in keyof DerivedFieldNames]: Readonly<Record<DerivedFieldNames[N], DerivedField>> } = {
  requests: {
    // Indexed (`*words`) for search; built from the stored (CPR-masked) text.
    words: { from: REQUEST_TEXT_FIELDS, localOnly: true, compute: (r) => wordsOf(REQUEST_TEXT_FIELDS.map((f) => r[f])) },
  },
  timeEntries: {
    // IndexedDB cannot index null, so `[personId+running]` finds the running timer instead of `end`.
    running: { from: ['end'], localOnly: true, compute: (e) => (e.end === null ? 1 : 0) },
    // Synced: the server and reports read entries by week; the device that writes `start` sets it.
    week: { from: ['start'], localOnly: false, compute: (e) => weekKeyOf(e.start as number) },
  },
}

function derivedOf(table: SyncTableName): [string, DerivedField][] {
  return table in DERIVED ? Object.entries(DERIVED[table as keyof DerivedFieldNames]) : []
}

/** Fields stored on the device only: never pushed, and never expected from the server. */
export const LOCAL_ONLY_FIELDS: ReadonlySet<string> = new Set(
  Object.values(DERIVED).flatMap((fields: Record<string, DerivedField>) => Object.entries(fields).filter(([, d]) => d.localOnly).map(([name]) => name)),
)

/** The fields of a stored record or patch that are sent to the server (local-only fields left out). */
export function withoutLocalFields(fields: Row): Row {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !LOCAL_ONLY_FIELDS.has(key)))
}

/**
 * A whole record that came from elsewhere (pulled, imported, stored by an older version) as this
 * device stores it: its local-only fields computed, its synced fields kept as they came.
 */
export function withLocalFields(table: SyncTableName, record: Row): Row {
  const out = { ...record }
  for (const [name, d] of derivedOf(table)) if (d.localOnly) out[name] = d.compute(record)
  return out
}

/** A new record made on this device, with every derived field (synced and local-only) computed. */
export function withDerivedFields(table: SyncTableName, record: Row): Row {
  const out = { ...record }
  for (const [name, d] of derivedOf(table)) out[name] = d.compute(record)
  return out
}

/**
 * `changes` to `existing` plus the derived fields that follow them: each field computed from one
 * that `changes` sets is recomputed from the changed record (others are left out).
 */
export function withDerivedChanges(table: SyncTableName, existing: Row, changes: Row): Row {
  const next = { ...existing, ...changes }
  const out = { ...changes }
  for (const [name, d] of derivedOf(table)) if (d.from.some((f) => f in changes)) out[name] = d.compute(next)
  return out
}

/** The revisions an edit is based on, each synced derived field based on the field it follows. */
export function derivedFieldRevs(table: SyncTableName, base: EditRevs | undefined): EditRevs | undefined {
  const sources: Record<string, string> = {}
  for (const [name, d] of derivedOf(table)) if (!d.localOnly && d.from.length === 1) sources[name] = d.from[0] as string
  return withDerivedRevs(base, sources)
}

/** What a deleted record leaves: its sync fields only (content wiped), deleted at `at`. */
export function tombstoneOf(record: SyncFields<string>, at: number): SyncFields<string> {
  return {
    id: record.id, teamId: record.teamId, createdAt: record.createdAt,
    createdBy: record.createdBy, updatedAt: at, rev: record.rev, deletedAt: at,
  }
}
