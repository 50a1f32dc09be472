import { isIsoDate } from './checklist.ts'
import type { Recurrence, RecurrenceScope, RecurrenceUnit } from './records/checklistTemplate.ts'

/** The longest interval a rule may have (ten years in months; the server's limit too). */
export const MAX_RECURRENCE_EVERY = 120

/** A rule as the form holds it: `every` may be anything a person typed. */
export interface RecurrenceDraft {
  every: number | string | null
  unit: RecurrenceUnit
  scope: RecurrenceScope
  startDate: string
}

/** What must be fixed before a rule can be saved. */
export type RecurrenceProblem = 'every' | 'startDate'

/** The interval as a whole number, or null when it is not one (blank, 2,5, abc). */
function everyOf(value: RecurrenceDraft['every']): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN
  return Number.isInteger(n) ? n : null
}

/** Problems of a draft rule: the interval must be a whole number from 1 to MAX_RECURRENCE_EVERY, the start a real date. */
export function checkRecurrence(draft: RecurrenceDraft): RecurrenceProblem[] {
  const problems: RecurrenceProblem[] = []
  const every = everyOf(draft.every)
  if (every === null || every < 1 || every > MAX_RECURRENCE_EVERY) problems.push('every')
  if (!isIsoDate(draft.startDate)) problems.push('startDate')
  return problems
}

/** The rule to store from a valid draft; `seriesId` is kept from the stored rule so the series goes on. */
export function recurrenceOf(draft: RecurrenceDraft, seriesId: string): Recurrence {
  if (checkRecurrence(draft).length > 0) throw new RangeError('invalid recurrence')
  return { every: everyOf(draft.every)!, unit: draft.unit, scope: draft.scope, startDate: draft.startDate, seriesId }
}
