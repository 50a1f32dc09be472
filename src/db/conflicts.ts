import type { SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import { patchRecord } from './write.ts'
import { newId } from '../domain/ids.ts'
import type { Conflict, MutationOp, RejectedMutation, RejectReason } from '../domain/protocol.ts'
import type { Millis } from '../domain/records/fields.ts'
import type { SyncTableName } from '../domain/records/syncTables.ts'

/** A field the server kept while this device had changed it too: both values, for the user to choose. */
export interface StoredConflict {
  readonly id: string
  readonly table: SyncTableName
  readonly recordId: string
  readonly field: string
  /** This device's value, which the server did not apply. */
  readonly yours: unknown
  /** The value the server kept. */
  readonly theirs: unknown
  readonly mutationId: number
  /** When the server reported it (device time). */
  readonly at: Millis
}

/** A change the server refused (e.g. no right to edit); kept with its content so nothing is lost. */
export interface StoredRejection {
  readonly id: string
  readonly mutationId: number
  readonly table: SyncTableName
  readonly recordId: string
  readonly op: MutationOp
  readonly fields: Readonly<Record<string, unknown>>
  readonly reason: RejectReason
  readonly at: Millis
}

/** What the sync engine stores about one push answer. */
export interface PushOutcome {
  readonly conflicts: readonly Conflict[]
  readonly rejected: readonly RejectedMutation[]
}

/** Turns rejected mutations into stored rows, with the refused content from the outbox entry. */
export function rejectionRows(
  rejected: readonly RejectedMutation[], fieldsOf: (mutationId: number) => { op: MutationOp; fields: Readonly<Record<string, unknown>> } | undefined, at: Millis,
): StoredRejection[] {
  return rejected.map((r) => {
    const entry = fieldsOf(r.mutationId)
    return {
      id: newId(), mutationId: r.mutationId, table: r.table, recordId: r.recordId, reason: r.reason,
      op: entry?.op ?? 'patch', fields: entry?.fields ?? {}, at,
    }
  })
}

/** Conflicts not yet handled, newest first. */
export async function listConflicts(database: SuperbrugerDb = db()): Promise<StoredConflict[]> {
  return database.conflicts.orderBy('at').reverse().toArray()
}

/** How many conflicts wait for the user. */
export async function countConflicts(database: SuperbrugerDb = db()): Promise<number> {
  return database.conflicts.count()
}

/** Refused changes, newest first. */
export async function listRejections(database: SuperbrugerDb = db()): Promise<StoredRejection[]> {
  return database.rejections.orderBy('at').reverse().toArray()
}

/** How many refused changes wait for the user to see them. */
export async function countRejections(database: SuperbrugerDb = db()): Promise<number> {
  return database.rejections.count()
}

/** Forgets a conflict the user has handled (kept the server's value or re-applied their own). */
export async function dismissConflict(id: string, database: SuperbrugerDb = db()): Promise<void> {
  await database.conflicts.delete(id)
}

/**
 * What "yours" writes back. A photo list is yours plus the photos the record has gained meanwhile
 * (another phone's), so choosing never deletes a colleague's photo; any other field is yours.
 */
function keptValue(field: string, yours: unknown, current: unknown): unknown {
  if (field !== 'photos' || !Array.isArray(yours)) return yours
  const mine = yours as ReadonlyArray<{ readonly hash: string }>
  const named = new Set(mine.map((photo) => photo.hash))
  const others = (Array.isArray(current) ? current : []) as ReadonlyArray<{ readonly hash: string }>
  return [...mine, ...others.filter((photo) => !named.has(photo.hash))]
}

/**
 * The user's choice for a conflict, in one transaction: `theirs` keeps the server's value;
 * `yours` writes this device's value again as a new edit (queued like any other) based on the
 * record as it is now, so it applies. Either way the conflict is then gone.
 */
export async function resolveConflict(id: string, keep: 'yours' | 'theirs'): Promise<void> {
  const local = db()
  const conflict = await local.conflicts.get(id)
  if (!conflict) return
  await local.transaction('rw', [local.conflicts, local.table(conflict.table), local.outbox], async () => {
    const record = await local.table(conflict.table).get(conflict.recordId) as { deletedAt: number | null } | undefined
    if (keep === 'yours' && record && record.deletedAt === null) {
      const value = keptValue(conflict.field, conflict.yours, (record as Record<string, unknown>)[conflict.field])
      await patchRecord(conflict.table, conflict.recordId, { [conflict.field]: value } as never)
    }
    await local.conflicts.delete(id)
  })
}

/** Forgets a refused change the user has seen. */
export async function dismissRejection(id: string, database: SuperbrugerDb = db()): Promise<void> {
  await database.rejections.delete(id)
}
