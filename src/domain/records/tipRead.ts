import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id } from './fieldSchemas.ts'
import { type ContentOf, type PersonId, type SyncFields, type TipId, type TipReadId } from './fields.ts'

/**
 * One person reading a tip once: uses are counted as records that are only ever added, so two
 * devices reading the same tip offline both count, and no counter field can clash on sync.
 */
export interface TipRead extends SyncFields<TipReadId> {
  readonly tipId: TipId
  readonly personId: PersonId
}

/** The content fields of a tip read as a client may send them. */
export const TipReadSchema = /* @__PURE__ */ valibot.strictObject({ tipId: id, personId: id })

type _TipReadAgrees = NoDrift<Drift<ContentOf<TipRead>, valibot.InferOutput<typeof TipReadSchema>>>
