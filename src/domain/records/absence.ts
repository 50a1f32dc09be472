import * as v from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, long, week, type AbsenceId, type ContentOf, type PersonId, type SyncFields } from './fields.ts'

export interface Absence extends SyncFields<AbsenceId> {
  readonly personId: PersonId
  /** ISO week key, e.g. "2026-W48". */
  readonly week: string
  readonly note: string
}

/** The content fields of an absence as a client may send them. */
export const AbsenceSchema = /* @__PURE__ */ v.strictObject({ personId: id, week, note: long })

type _AbsenceAgrees = NoDrift<Drift<ContentOf<Absence>, v.InferOutput<typeof AbsenceSchema>>>
