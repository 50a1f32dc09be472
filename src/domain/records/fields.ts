// What every synced record shares: branded ids, the sync fields, and the field schemas each record
// file (one per record, in this folder) builds its schema from.
//
// The first screen imports records' constants (REQUEST_STATUSES …) but no schema: the build drops
// the unused schemas because vite.config.ts declares valibot's `v.*` calls pure (keep it so).
import * as v from 'valibot'
import { isPhotoHash, MAX_PHOTOS_PER_RECORD, PHOTO_MAX_BYTES } from '../photos.ts'
import type { Drift, NoDrift } from './drift.ts'

/** Branded string so ids of different record types cannot be mixed up. */
export type Brand<T, B extends string> = T & { readonly __brand: B }

export type TeamId = Brand<string, 'TeamId'>
export type PersonId = Brand<string, 'PersonId'>
export type DepartmentId = Brand<string, 'DepartmentId'>
export type RequestId = Brand<string, 'RequestId'>
export type TimeEntryId = Brand<string, 'TimeEntryId'>
export type AbsenceId = Brand<string, 'AbsenceId'>
export type ChecklistTemplateId = Brand<string, 'ChecklistTemplateId'>
export type ChecklistRunId = Brand<string, 'ChecklistRunId'>
export type ChecklistAnswerId = Brand<string, 'ChecklistAnswerId'>
export type AssetId = Brand<string, 'AssetId'>
export type TipId = Brand<string, 'TipId'>
export type TipReadId = Brand<string, 'TipReadId'>
export type ObservationId = Brand<string, 'ObservationId'>
export type HandOffId = Brand<string, 'HandOffId'>
export type LoanId = Brand<string, 'LoanId'>
export type CampaignId = Brand<string, 'CampaignId'>

/** Epoch milliseconds. All timestamps are stored this way. */
export type Millis = number

/** Fields every synced record carries (see DESIGN.md "Records"). */
export interface SyncFields<Id extends string> {
  readonly id: Id
  readonly teamId: TeamId
  readonly createdAt: Millis
  readonly createdBy: PersonId
  /** Device time of the last local edit, for display only. */
  readonly updatedAt: Millis
  /** Server sequence of the last change the server applied; 0 before first sync. */
  readonly rev: number
  /** Tombstone: set when deleted; the content fields are then wiped. */
  readonly deletedAt: Millis | null
}

/** Fields a client may not set itself; the server owns them. */
export type ContentOf<T> = Omit<T, keyof SyncFields<string>>

/** Longest id the server accepts (UUIDv7 needs 36). */
export const MAX_ID_LENGTH = 64
/** Longest one-line text (names, titles, codes). */
export const MAX_SHORT_TEXT = 500
/** Longest free text (descriptions, notes, tip bodies). */
export const MAX_LONG_TEXT = 50_000

/** A UTF-16 surrogate standing alone (no character): the databases cannot store it as text. */
const LONE_SURROGATE = /\p{Cs}/u
/** Any record id (the brand is the type's; on the wire an id is text). */
export const id = /* @__PURE__ */ v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH), v.check((s) => !LONE_SURROGATE.test(s), 'id must be valid Unicode text'))
export const optId = /* @__PURE__ */ v.nullable(id)
export const short = /* @__PURE__ */ v.pipe(v.string(), v.maxLength(MAX_SHORT_TEXT))
export const long = /* @__PURE__ */ v.pipe(v.string(), v.maxLength(MAX_LONG_TEXT))
export const millis = /* @__PURE__ */ v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))
export const count = /* @__PURE__ */ v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))
/** ISO week key, e.g. "2026-W48". */
export const week = /* @__PURE__ */ v.pipe(v.string(), v.regex(/^\d{4}-W\d{2}$/))
/** A calendar date, yyyy-mm-dd. */
export const isoDate = /* @__PURE__ */ v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))
/** Category keys and preset ids: built-in ones, or lower-case keys a team made from a label. */
export const listKey = /* @__PURE__ */ v.pipe(v.string(), v.regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,47}$/))

/** A list of at most `max` items (pure, like the `v.*` calls, so an unused schema is dropped). */
export const listOf = /* @__NO_SIDE_EFFECTS__ */ <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max))

const pixels = /* @__PURE__ */ v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))
/** A record's photo list: each a content hash with its size; the images travel by /api/photos. */
export const photos = /* @__PURE__ */ v.optional(listOf(v.strictObject({
  hash: v.pipe(v.string(), v.check(isPhotoHash, 'a photo hash is 64 lower-case hex digits')),
  width: pixels, height: pixels, bytes: v.pipe(count, v.maxValue(PHOTO_MAX_BYTES)), takenAt: millis,
}), MAX_PHOTOS_PER_RECORD))

/** Sync fields a `put` carries; the server overrides `rev`, `createdBy` and `deletedAt`. */
export const SyncFieldsSchema = /* @__PURE__ */ v.strictObject({
  id, teamId: id, createdAt: millis, createdBy: id, updatedAt: millis, rev: count, deletedAt: v.null(),
})

// A put never carries a tombstone (a delete is its own operation), so only deletedAt may differ.
type _SyncFieldsAgree = NoDrift<Exclude<Drift<SyncFields<string>, v.InferOutput<typeof SyncFieldsSchema>>, 'deletedAt'>>
