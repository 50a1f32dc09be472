/** Rules for time entries: validation and the entry form (durations are in timeSpan.ts). */
import { fromDateTimeInput, toDateInput, toTimeInput } from './format.ts'
import type { TimeSpan } from './timeSpan.ts'

// Re-exported for existing importers; Home's timer imports timeSpan.ts directly to stay small.

const MINUTE = 60_000
const HOUR = 3_600_000

/** No single entry may be longer than this; longer means a mistake. */
export const MAX_ENTRY_HOURS = 16
/** Clock drift allowed before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = MINUTE

/** What is wrong with an entry, one code per problem (empty when valid). */
export type EntryProblem =
  | 'startInvalid' | 'endMissing' | 'endInvalid' | 'minutesInvalid'
  | 'endNotAfterStart' | 'tooLong' | 'inFuture'

/**
 * Checks an entry: end after start, at most MAX_ENTRY_HOURS long, and not in the future.
 * A running entry (end null) is only checked for its start.
 */
export function validateSpan(span: TimeSpan, now: number): EntryProblem[] {
  if (!Number.isFinite(span.start)) return ['startInvalid']
  const problems: EntryProblem[] = []
  if (span.end !== null) {
    if (!Number.isFinite(span.end)) return ['endInvalid']
    if (span.end <= span.start) problems.push('endNotAfterStart')
    else if (span.end - span.start > MAX_ENTRY_HOURS * HOUR) problems.push('tooLong')
  }
  if (Math.max(span.start, span.end ?? span.start) > now + FUTURE_TOLERANCE_MS) problems.push('inFuture')
  return problems
}

/** The time fields of the entry form, as typed. */
export interface EntryForm {
  /** "yyyy-mm-dd" */
  readonly date: string
  /** "hh:mm" */
  readonly startTime: string
  /** Whether the end is given as a clock time or as a number of minutes. */
  readonly mode: 'end' | 'minutes'
  /** "hh:mm" on the same date; empty keeps a running timer running (when allowed). */
  readonly endTime: string
  readonly minutes: string
}

/** Result of reading the form: the span (when readable) and every problem found. */
export interface ReadEntryForm {
  readonly span: TimeSpan
  readonly problems: EntryProblem[]
}

/**
 * Turns the typed form into a span and validates it. `allowRunning` lets an empty end time
 * keep a running timer running (editing a running entry); otherwise the end is required.
 */
export function readEntryForm(form: EntryForm, now: number, allowRunning: boolean): ReadEntryForm {
  const start = fromDateTimeInput(form.date, form.startTime)
  if (!Number.isFinite(start)) return { span: { start, end: null }, problems: ['startInvalid'] }
  let end: number | null
  if (form.mode === 'minutes') {
    const minutes = Number(form.minutes.trim().replace(',', '.'))
    if (form.minutes.trim() === '' || !Number.isInteger(minutes) || minutes <= 0) {
      return { span: { start, end: null }, problems: ['minutesInvalid'] }
    }
    end = start + minutes * MINUTE
  } else if (form.endTime.trim() === '') {
    if (!allowRunning) return { span: { start, end: null }, problems: ['endMissing'] }
    end = null
  } else {
    end = fromDateTimeInput(form.date, form.endTime)
  }
  const span = { start, end }
  return { span, problems: validateSpan(span, now) }
}

/**
 * The form for an existing entry. The end time field means "on the same date, as the clock shows
 * it", so an entry is shown with a duration in minutes when its end time would not read back as
 * the same length: when it ends on another day than it starts, or on the night the clocks go back
 * (02.00–02.59 shows twice, and a typed time is read as the first one).
 */
export function formFromSpan(span: TimeSpan): EntryForm {
  const base = { date: toDateInput(span.start), startTime: toTimeInput(span.start) }
  if (span.end === null) return { ...base, mode: 'end', endTime: '', minutes: '' }
  const minutes = String(Math.round((span.end - span.start) / MINUTE))
  const endTime = toTimeInput(span.end)
  const typedMinutes = (fromDateTimeInput(base.date, endTime) - fromDateTimeInput(base.date, base.startTime)) / MINUTE
  const realMinutes = Math.floor(span.end / MINUTE) - Math.floor(span.start / MINUTE)
  if (toDateInput(span.end) !== base.date || typedMinutes !== realMinutes) return { ...base, mode: 'minutes', endTime: '', minutes }
  return { ...base, mode: 'end', endTime, minutes }
}
