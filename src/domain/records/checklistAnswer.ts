import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, long, short } from './fieldSchemas.ts'
import {
  type ChecklistAnswerId, type ChecklistRunId, type ContentOf, type PersonId, type SyncFields,
} from './fields.ts'

export type AnswerValue = boolean | string | number | null

export interface ChecklistAnswer extends SyncFields<ChecklistAnswerId> {
  readonly runId: ChecklistRunId
  readonly itemKey: string
  readonly value: AnswerValue
  readonly answeredBy: PersonId
}

/** The content fields of a checklist answer as a client may send them. */
export const ChecklistAnswerSchema = /* @__PURE__ */ valibot.strictObject({
  runId: id, itemKey: short, answeredBy: id,
  value: valibot.nullable(valibot.union([valibot.boolean(), long, valibot.pipe(valibot.number(), valibot.finite())])),
})

type _ChecklistAnswerAgrees = NoDrift<Drift<ContentOf<ChecklistAnswer>, valibot.InferOutput<typeof ChecklistAnswerSchema>>>
