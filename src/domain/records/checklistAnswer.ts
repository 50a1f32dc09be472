import * as v from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, long, short, type ChecklistAnswerId, type ChecklistRunId, type ContentOf, type PersonId, type SyncFields } from './fields.ts'

export type AnswerValue = boolean | string | number | null

export interface ChecklistAnswer extends SyncFields<ChecklistAnswerId> {
  readonly runId: ChecklistRunId
  readonly itemKey: string
  readonly value: AnswerValue
  readonly answeredBy: PersonId
}

/** The content fields of a checklist answer as a client may send them. */
export const ChecklistAnswerSchema = /* @__PURE__ */ v.strictObject({
  runId: id, itemKey: short, answeredBy: id,
  value: v.nullable(v.union([v.boolean(), long, v.pipe(v.number(), v.finite())])),
})

type _ChecklistAnswerAgrees = NoDrift<Drift<ContentOf<ChecklistAnswer>, v.InferOutput<typeof ChecklistAnswerSchema>>>
