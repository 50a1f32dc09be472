import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { count, id, isoDate, long, millis, optId, short } from './fieldSchemas.ts'
import {
  type CampaignId, type ChecklistRunId, type ChecklistTemplateId, type ContentOf, type Millis, type SyncFields,
} from './fields.ts'

export const SUBJECT_KINDS = ['person', 'asset', 'request', 'department'] as const
export type SubjectKind = (typeof SUBJECT_KINDS)[number]

export interface ChecklistSubject {
  readonly kind: SubjectKind
  /** Record id for asset/request/department/person, or null for a free-text person. */
  readonly refId: string | null
  readonly label: string
}

export const CHECKLIST_RUN_STATUSES = ['i gang', 'fuldført', 'annulleret'] as const
export type ChecklistRunStatus = (typeof CHECKLIST_RUN_STATUSES)[number]

export interface ChecklistRun extends SyncFields<ChecklistRunId> {
  readonly templateId: ChecklistTemplateId
  readonly templateVersion: number
  readonly title: string
  readonly subject: ChecklistSubject
  readonly status: ChecklistRunStatus
  readonly dueDate: string | null
  readonly completedAt: Millis | null
  /** Reason given when completing with required items unanswered; kept for the record. */
  readonly overrideReason: string
  /** The user-test campaign this run is one tester's part of; absent or null for other runs. */
  readonly campaignId?: CampaignId | null
}

/** The content fields of a checklist run as a client may send them. */
export const ChecklistRunSchema = /* @__PURE__ */ valibot.strictObject({
  templateId: id, templateVersion: valibot.pipe(count, valibot.minValue(1)), title: short,
  subject: valibot.strictObject({ kind: valibot.picklist(SUBJECT_KINDS), refId: optId, label: short }),
  status: valibot.picklist(CHECKLIST_RUN_STATUSES), dueDate: valibot.nullable(isoDate), completedAt: valibot.nullable(millis),
  overrideReason: long, campaignId: valibot.optional(optId),
})

type _ChecklistRunAgrees = NoDrift<Drift<ContentOf<ChecklistRun>, valibot.InferOutput<typeof ChecklistRunSchema>>>
