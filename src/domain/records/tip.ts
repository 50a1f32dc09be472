import * as valibot from 'valibot'
import type { PhotoRef } from '../photos.ts'
import type { Drift, NoDrift } from './drift.ts'
import { id, listKey, listOf, long, photos, short } from './fieldSchemas.ts'
import { type ContentOf, type RequestId, type SyncFields, type TipId } from './fields.ts'
import type { CategoryKey } from './request.ts'

export interface Tip extends SyncFields<TipId> {
  readonly title: string
  readonly body: string
  readonly tags: readonly string[]
  readonly category: CategoryKey | null
  readonly requestIds: readonly RequestId[]
  /**
   * Readable without an account at /t/<code> and offered on the fault-report page; only a
   * koordinator (or admin) sets it. Absent on tips written before the field existed: not public.
   */
  readonly public?: boolean
  /** Photos (screenshots) the guide shows. */
  readonly photos?: readonly PhotoRef[]
}

/** The content fields of a tip as a client may send them. */
export const TipSchema = /* @__PURE__ */ valibot.strictObject({
  title: short, body: long, tags: listOf(short, 50), category: valibot.nullable(listKey),
  requestIds: listOf(id, 500), public: valibot.optional(valibot.boolean()), photos,
})

type _TipAgrees = NoDrift<Drift<ContentOf<Tip>, valibot.InferOutput<typeof TipSchema>>>
