import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, long, week } from './fieldSchemas.ts'
import { type AbsenceId, type ContentOf, type PersonId, type SyncFields } from './fields.ts'

export interface Absence extends SyncFields<AbsenceId> {
  readonly personId: PersonId
  /** ISO week key, e.g. "2026-W48". */
  readonly week: string
  readonly note: string
}

/** The content fields of an absence as a client may send them. */
export const AbsenceSchema = /* @__PURE__ */ valibot.strictObject({ personId: id, week, note: long })

type _AbsenceAgrees = NoDrift<Drift<ContentOf<Absence>, valibot.InferOutput<typeof AbsenceSchema>>>
