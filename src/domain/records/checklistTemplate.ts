import * as valibot from 'valibot'
import { MAX_RECURRENCE_EVERY } from '../recurrenceRule.ts'
import type { Drift, NoDrift } from './drift.ts'
import { count, id, isoDate, listOf, long, short } from './fieldSchemas.ts'
import { type ChecklistTemplateId, type ContentOf, type SyncFields } from './fields.ts'

export const ITEM_KINDS = ['check', 'text', 'number', 'choice', 'date'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

export interface ChecklistItem {
  readonly key: string
  readonly label: string
  readonly kind: ItemKind
  readonly required: boolean
  readonly help?: string
  readonly choices?: readonly string[]
  /** A date item whose answer, when a recurring run is completed, is the next run's due date. */
  readonly schedulesNext?: boolean
}

/** How often a recurring template's next run falls due. */
export const RECURRENCE_UNITS = ['weeks', 'months'] as const
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number]

/** Which departments get a run: every department of the team, or each one that is someone's home area. */
export const RECURRENCE_SCOPES = ['department', 'homeArea'] as const
export type RecurrenceScope = (typeof RECURRENCE_SCOPES)[number]

/** A template's rule for making its next run (the server makes it; see domain/recurrencePlan.ts). */
export interface Recurrence {
  /** Whole number ≥ 1 of `unit`s between due dates. */
  readonly every: number
  readonly unit: RecurrenceUnit
  readonly scope: RecurrenceScope
  /** yyyy-mm-dd: the first run's due date, and the anchor of later ones. */
  readonly startDate: string
  /** Stays the same across the template's versions, so their runs form one series. */
  readonly seriesId: string
}

export interface ChecklistTemplate extends SyncFields<ChecklistTemplateId> {
  readonly title: string
  readonly purpose: string
  readonly version: number
  readonly items: readonly ChecklistItem[]
  readonly archived: boolean
  /** Absent or null: the template does not recur. */
  readonly recurrence?: Recurrence | null
}

/** The content fields of a checklist template as a client may send them. */
export const ChecklistTemplateSchema = /* @__PURE__ */ valibot.strictObject({
  title: short, purpose: long, version: valibot.pipe(count, valibot.minValue(1)), archived: valibot.boolean(),
  items: listOf(valibot.strictObject({
    key: short, label: short, kind: valibot.picklist(ITEM_KINDS), required: valibot.boolean(),
    help: valibot.optional(long), choices: valibot.optional(listOf(short, 100)), schedulesNext: valibot.optional(valibot.boolean()),
  }), 500),
  recurrence: valibot.optional(valibot.nullable(valibot.strictObject({
    every: valibot.pipe(valibot.number(), valibot.integer(), valibot.minValue(1), valibot.maxValue(MAX_RECURRENCE_EVERY)),
    unit: valibot.picklist(RECURRENCE_UNITS), scope: valibot.picklist(RECURRENCE_SCOPES), startDate: isoDate, seriesId: id,
  }))),
})

type _ChecklistTemplateAgrees = NoDrift<Drift<ContentOf<ChecklistTemplate>, valibot.InferOutput<typeof ChecklistTemplateSchema>>>
