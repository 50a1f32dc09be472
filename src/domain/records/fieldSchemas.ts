// The field schemas each record file (one per record, in this folder) builds its schema from.
//
// The first screen imports records' constants (REQUEST_STATUSES …) but no schema: the build drops
// the unused schemas because vite.config.ts declares calls through the name `valibot` pure. So the
// record files import valibot as `valibot` (not the usual `v`: a short name would match other
// code's functions too — `v` once made the bundler drop a call in the QR scanner). These field
// schemas live apart from fields.ts because the first screen imports fields.ts, and a module the
// first screen imports is bundled whole with it when later screens use its other exports.
import * as valibot from 'valibot'
import { isPhotoHash, MAX_PHOTOS_PER_RECORD, PHOTO_MAX_BYTES } from '../photos.ts'
import type { Drift, NoDrift } from './drift.ts'
import { MAX_ID_LENGTH, MAX_LONG_TEXT, MAX_SHORT_TEXT, type SyncFields } from './fields.ts'

/** A UTF-16 surrogate standing alone (no character): the databases cannot store it as text. */
const LONE_SURROGATE = /\p{Cs}/u
/** Any record id (the brand is the type's; on the wire an id is text). */
export const id = /* @__PURE__ */ valibot.pipe(valibot.string(), valibot.minLength(1), valibot.maxLength(MAX_ID_LENGTH), valibot.check((s) => !LONE_SURROGATE.test(s), 'id must be valid Unicode text'))
export const optId = /* @__PURE__ */ valibot.nullable(id)
export const short = /* @__PURE__ */ valibot.pipe(valibot.string(), valibot.maxLength(MAX_SHORT_TEXT))
export const long = /* @__PURE__ */ valibot.pipe(valibot.string(), valibot.maxLength(MAX_LONG_TEXT))
export const millis = /* @__PURE__ */ valibot.pipe(valibot.number(), valibot.integer(), valibot.minValue(0), valibot.maxValue(8.64e15))
export const count = /* @__PURE__ */ valibot.pipe(valibot.number(), valibot.integer(), valibot.minValue(0), valibot.maxValue(Number.MAX_SAFE_INTEGER))
/** ISO week key, e.g. "2026-W48". */
export const week = /* @__PURE__ */ valibot.pipe(valibot.string(), valibot.regex(/^\d{4}-W\d{2}$/))
/** A calendar date, yyyy-mm-dd. */
export const isoDate = /* @__PURE__ */ valibot.pipe(valibot.string(), valibot.regex(/^\d{4}-\d{2}-\d{2}$/))
/** Category keys and preset ids: built-in ones, or lower-case keys a team made from a label. */
export const listKey = /* @__PURE__ */ valibot.pipe(valibot.string(), valibot.regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,47}$/))

/** A list of at most `max` items (pure, like the `valibot.*` calls, so an unused schema is dropped). */
/* @__NO_SIDE_EFFECTS__ */
export function listOf<T extends valibot.GenericSchema>(item: T, max: number) {
  return valibot.pipe(valibot.array(item), valibot.maxLength(max))
}

const pixels = /* @__PURE__ */ valibot.pipe(valibot.number(), valibot.integer(), valibot.minValue(1), valibot.maxValue(100_000))
/** A record's photo list: each a content hash with its size; the images travel by /api/photos. */
export const photos = /* @__PURE__ */ valibot.optional(listOf(valibot.strictObject({
  hash: valibot.pipe(valibot.string(), valibot.check(isPhotoHash, 'a photo hash is 64 lower-case hex digits')),
  width: pixels, height: pixels, bytes: valibot.pipe(count, valibot.maxValue(PHOTO_MAX_BYTES)), takenAt: millis,
}), MAX_PHOTOS_PER_RECORD))

/** Sync fields a `put` carries; the server overrides `rev`, `createdBy` and `deletedAt`. */
export const SyncFieldsSchema = /* @__PURE__ */ valibot.strictObject({
  id, teamId: id, createdAt: millis, createdBy: id, updatedAt: millis, rev: count, deletedAt: valibot.null(),
})

// A put never carries a tombstone (a delete is its own operation), so only deletedAt may differ.
type _SyncFieldsAgree = NoDrift<Exclude<Drift<SyncFields<string>, valibot.InferOutput<typeof SyncFieldsSchema>>, 'deletedAt'>>
