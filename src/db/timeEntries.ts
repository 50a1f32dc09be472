import { db } from './database.ts'
import { createRecord, deleteRecord, patchRecord, type Author } from './write.ts'
import type { EditRevs } from '../domain/editBase.ts'
import { listAbsences } from './absences.ts'
import { entryContent } from './timer.ts'
import { loadBand } from './timeWeek.ts'
import { endOfIsoWeek, startOfIsoWeek, weeksOfMonth, type YearMonth } from '../domain/isoWeek.ts'
import { weekKey } from '../domain/weekKey.ts'
import type { Activity } from '../domain/activities.ts'
import type { TimeEntry } from '../domain/records/timeEntry.ts'
import type { BudgetBand } from '../domain/records/team.ts'
import type { RequestId, TimeEntryId, PersonId } from '../domain/records/fields.ts'

// The timer and the week have their own modules so Home loads only those; re-exported here.

/** A finished piece of work to log. */
export interface DurationInput {
  readonly start: number
  readonly minutes: number
  readonly activity: Activity
  readonly requestId: RequestId | null
  readonly note: string
}

/** A finished entry with explicit start and end. */
export interface ManualEntryInput {
  readonly start: number
  readonly end: number
  readonly activity: Activity
  readonly requestId: RequestId | null
  readonly note: string
}

/** Editable fields of an entry; `end: null` makes it run again. */
export type EntryChanges = Partial<Pick<TimeEntry, 'start' | 'end' | 'activity' | 'requestId' | 'note'>>

/**
 * Logs a finished time entry (start + minutes) with its outbox entry. Call inside a wider
 * transaction that includes timeEntries and outbox to make it part of a larger write.
 */
export async function logDuration(author: Author, input: DurationInput): Promise<TimeEntry> {
  return createRecord('timeEntries', author, entryContent(author, input.start, input.start + input.minutes * 60_000, input))
}

/** Logs a finished entry with start and end; `week` and `running` are derived. */
export async function addManualEntry(author: Author, input: ManualEntryInput): Promise<TimeEntry> {
  return createRecord('timeEntries', author, entryContent(author, input.start, input.end, input))
}

/**
 * Changes an entry; `week` follows a new start and `running` a new end (db/derivedFields.ts). An
 * edit form passes only the fields the person changed and the revisions they were based on (`base`).
 */
export async function updateEntry(id: TimeEntryId, changes: EntryChanges, now: number = Date.now(), base?: EditRevs): Promise<TimeEntry> {
  return patchRecord('timeEntries', id, changes, now, base)
}

/** Deletes an entry (tombstone + queued delete). */
export async function deleteEntry(id: TimeEntryId, now: number = Date.now()): Promise<void> {
  await deleteRecord('timeEntries', id, now)
}

/**
 * The person's entries of the weeks belonging to a month (a week belongs to the month of its
 * Thursday), oldest first; one [personId+start] range read.
 */
export async function listMonth(personId: PersonId, year: number, month: number): Promise<TimeEntry[]> {
  const weeks = weeksOfMonth({ year, month })
  const from = startOfIsoWeek(weeks[0]!)
  const to = endOfIsoWeek(weeks[weeks.length - 1]!)
  const rows = await db().timeEntries.where('[personId+start]').between([personId, from], [personId, to], true, false).toArray()
  return rows.filter((e) => e.deletedAt === null)
}

/** Entries linked to a request, oldest first. */
export async function listEntriesForRequest(requestId: RequestId): Promise<TimeEntry[]> {
  const entries = await db().timeEntries.where('requestId').equals(requestId).toArray()
  return entries.filter((e) => e.deletedAt === null).sort((a, b) => a.start - b.start)
}

/** Everything the month screen shows: entries of its weeks, absent week keys, the band. */
export interface MonthData {
  readonly entries: TimeEntry[]
  readonly absentWeeks: ReadonlySet<string>
  readonly band: BudgetBand
}

/** Loads a month for the author (index reads only). */
export async function loadMonth(author: Author, month: YearMonth): Promise<MonthData> {
  const keys = weeksOfMonth(month).map(weekKey)
  const [entries, absences, band] = await Promise.all([
    listMonth(author.personId, month.year, month.month), listAbsences(author.personId, keys), loadBand(author),
  ])
  return { entries, absentWeeks: new Set(absences.map((a) => a.week)), band }
}
