import type { Millis } from './records/fields.ts'
import type { MutationOp } from './protocol.ts'

/** Who last changed a field, and in which server sequence. */
export interface FieldStamp {
  readonly rev: number
  readonly clientId: string
}

/** Per-field stamps of one record on the server. */
export type FieldStamps = Readonly<Record<string, FieldStamp>>

/** The server's copy of a record as the merge sees it. */
export interface MergeState {
  /** Everything but id, teamId, createdBy, rev and deletedAt (createdAt and updatedAt included). */
  readonly content: Readonly<Record<string, unknown>>
  readonly stamps: FieldStamps
  readonly deletedAt: Millis | null
  /** The client that created the record. */
  readonly origin: string
}

/** One mutation as the merge needs it, with the sequence the record gets if it changes. */
export interface MergeInput {
  readonly op: MutationOp
  readonly fields: Readonly<Record<string, unknown>>
  readonly baseRev: number
  readonly clientId: string
  readonly rev: number
  /** Server time, stamped on tombstones. */
  readonly now: Millis
}

/** A field the client changed from an older base while someone else changed it too. */
export interface FieldClash {
  readonly field: string
  readonly yours: unknown
  readonly theirs: unknown
}

export type MergeOutcome = 'inserted' | 'updated' | 'deleted' | 'unchanged'

/** What the server stores after a mutation; `state` is null only when nothing exists. */
export interface MergeResult {
  readonly outcome: MergeOutcome
  readonly state: MergeState | null
  readonly clashes: readonly FieldClash[]
}

/** Sync fields kept outside `content`: the server owns or indexes them. */
const OUTSIDE_CONTENT = new Set(['id', 'teamId', 'createdBy', 'rev', 'deletedAt'])
/** Display-only fields: the newest wins and they never clash. */
const DISPLAY_FIELDS = new Set(['updatedAt'])
/**
 * Stamp owner of a value two devices wrote independently (no real client id looks like it): a
 * later edit based on an older revision clashes with it, whichever device makes it.
 */
export const AGREED = 'agreed'
/** Fields fixed at creation; a later write cannot change them. */
const FIXED_FIELDS = new Set(['createdAt'])

/** Structural equality of JSON values (what records contain). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.length !== keysB.length) return false
  return keysA.every((key) => Object.hasOwn(b, key)
    && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

function insert(input: MergeInput): MergeResult {
  const content: Record<string, unknown> = {}
  const stamps: Record<string, FieldStamp> = {}
  for (const [field, value] of Object.entries(input.fields)) {
    if (OUTSIDE_CONTENT.has(field)) continue
    content[field] = value
    if (!DISPLAY_FIELDS.has(field) && !FIXED_FIELDS.has(field)) stamps[field] = { rev: input.rev, clientId: input.clientId }
  }
  return { outcome: 'inserted', state: { content, stamps, deletedAt: null, origin: input.clientId }, clashes: [] }
}

function applyFields(current: MergeState, input: MergeInput, baseRev: number): MergeResult {
  const content: Record<string, unknown> = { ...current.content }
  const stamps: Record<string, FieldStamp> = { ...current.stamps }
  const clashes: FieldClash[] = []
  let changed = false
  for (const [field, yours] of Object.entries(input.fields)) {
    if (OUTSIDE_CONTENT.has(field) || FIXED_FIELDS.has(field) || DISPLAY_FIELDS.has(field)) continue
    const theirs = current.content[field]
    const stamp = current.stamps[field]
    const unseen = stamp !== undefined && stamp.rev > baseRev && stamp.clientId !== input.clientId
    if (sameValue(yours, theirs)) {
      // Two devices wrote the same value without seeing each other's: it belongs to neither now,
      // so a later edit of either from before it clashes (whichever arrived first), not only one.
      if (unseen && input.op === 'patch') {
        stamps[field] = { rev: input.rev, clientId: AGREED }
        changed = true
      }
      continue
    }
    if (!unseen) {
      content[field] = yours
      stamps[field] = { rev: input.rev, clientId: input.clientId }
      changed = true
    } else {
      clashes.push({ field, yours, theirs })
    }
  }
  if (!changed) return { outcome: 'unchanged', state: current, clashes }
  for (const field of DISPLAY_FIELDS) {
    const yours = input.fields[field]
    const theirs = current.content[field]
    if (typeof yours === 'number' && (typeof theirs !== 'number' || yours > theirs)) content[field] = yours
  }
  return { outcome: 'updated', state: { ...current, content, stamps }, clashes }
}

function tombstone(current: MergeState, input: MergeInput): MergeResult {
  const content: Record<string, unknown> = {}
  if ('createdAt' in current.content) content.createdAt = current.content.createdAt
  content.updatedAt = input.now
  return { outcome: 'deleted', state: { content, stamps: {}, deletedAt: input.now, origin: current.origin }, clashes: [] }
}

/**
 * Applies one mutation to the server's copy of a record, field by field:
 * - put of a new id inserts; put of an existing id is a no-op when the same client created it
 *   (a replay) and otherwise merges like a patch from revision 0;
 * - patch applies each field whose stamp is at or below `baseRev` or came from the same client;
 *   any other differing field stays and is returned as a clash; an equal one it had not seen
 *   becomes AGREED, so neither writer's older edit of it overrides the other silently later;
 * - delete wins: it wipes the content and leaves a tombstone; later puts and patches are no-ops.
 */
export function mergeMutation(current: MergeState | null, input: MergeInput): MergeResult {
  const unchanged: MergeResult = { outcome: 'unchanged', state: current, clashes: [] }
  if (current?.deletedAt != null) return unchanged
  switch (input.op) {
    case 'put':
      if (!current) return insert(input)
      return current.origin === input.clientId ? unchanged : applyFields(current, input, 0)
    case 'patch':
      return current ? applyFields(current, input, input.baseRev) : unchanged
    case 'delete':
      return current ? tombstone(current, input) : unchanged
  }
}
