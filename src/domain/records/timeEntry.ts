import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { ACTIVITIES, type Activity } from '../activities.ts'
import { id, long, millis, optId, week } from './fieldSchemas.ts'
import {
  type ContentOf, type Millis, type PersonId, type RequestId, type SyncFields, type TimeEntryId,
} from './fields.ts'


export interface TimeEntry extends SyncFields<TimeEntryId> {
  readonly personId: PersonId
  readonly start: Millis
  /** null while the timer runs: the running timer is stored, never held only in memory. */
  readonly end: Millis | null
  readonly activity: Activity
  readonly requestId: RequestId | null
  readonly note: string
  /** ISO week key of start, e.g. "2026-W48", for indexed week queries. */
  readonly week: string
}

/** The content fields of a time entry as a client may send them. */
export const TimeEntrySchema = /* @__PURE__ */ valibot.strictObject({
  personId: id, start: millis, end: valibot.nullable(millis), activity: valibot.picklist(ACTIVITIES),
  requestId: optId, note: long, week,
})

type _TimeEntryAgrees = NoDrift<Drift<ContentOf<TimeEntry>, valibot.InferOutput<typeof TimeEntrySchema>>>
