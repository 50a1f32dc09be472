import { db, type StoredTimeEntry } from './database.ts'
import { createRecord, deleteRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { getTeam } from './profile.ts'
import { listAbsences } from './absences.ts'
import { endOfIsoWeek, startOfIsoWeek, weekKey, weekKeyOf, weeksOfMonth, type YearMonth } from '../domain/isoWeek.ts'
import { DEFAULT_BUDGET } from '../domain/budget.ts'
import type { Activity, BudgetBand, PersonId, RequestId, TimeEntry, TimeEntryId } from '../domain/types.ts'

type EntryContent = Omit<StoredTimeEntry, 'id' | 'teamId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'rev' | 'deletedAt'>

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

/** What a new timer is for. */
export interface TimerInput {
  readonly activity: Activity
  readonly requestId?: RequestId | null
  readonly note?: string
}

/** Editable fields of an entry; `end: null` makes it run again. */
export type EntryChanges = Partial<Pick<TimeEntry, 'start' | 'end' | 'activity' | 'requestId' | 'note'>>

function content(author: Author, start: number, end: number | null, rest: Omit<TimerInput, 'activity'> & { activity: Activity }): EntryContent {
  return {
    personId: author.personId, start, end, activity: rest.activity,
    requestId: rest.requestId ?? null, note: rest.note ?? '',
    week: weekKeyOf(start), running: end === null ? 1 : 0,
  }
}

/**
 * Logs a finished time entry (start + minutes) with its outbox entry. Call inside a wider
 * transaction that includes timeEntries and outbox to make it part of a larger write.
 */
export async function logDuration(author: Author, input: DurationInput): Promise<TimeEntry> {
  return createRecord('timeEntries', author, content(author, input.start, input.start + input.minutes * 60_000, input))
}

/** Logs a finished entry with start and end; `week` and `running` are derived. */
export async function addManualEntry(author: Author, input: ManualEntryInput): Promise<TimeEntry> {
  return createRecord('timeEntries', author, content(author, input.start, input.end, input))
}

/**
 * Starts a timer stored as an entry without end, so it survives reloads. One timer runs per
 * person: any running one is stopped at `now` in the same transaction.
 */
export async function startTimer(author: Author, input: TimerInput, now: number = Date.now()): Promise<TimeEntry> {
  return db().transaction('rw', db().timeEntries, db().outbox, async () => {
    for (const running of await listRunning(author.personId)) {
      await patchRecord('timeEntries', running.id, stopChanges(running, now), now)
    }
    return createRecord('timeEntries', author, content(author, now, null, input), now)
  })
}

/** Stops a running timer at `end` (not before its start). A stopped entry is left as it is. */
export async function stopTimer(id: TimeEntryId, end: number = Date.now()): Promise<TimeEntry> {
  return db().transaction('rw', db().timeEntries, db().outbox, async () => {
    const entry = await getEntry(id)
    if (!entry) throw new RecordMissingError('timeEntries', id)
    if (entry.end !== null) return entry
    return patchRecord('timeEntries', id, stopChanges(entry, end), end)
  })
}

function stopChanges(entry: TimeEntry, end: number): Partial<EntryContent> {
  return { end: Math.max(end, entry.start), running: 0 }
}

async function listRunning(personId: PersonId): Promise<StoredTimeEntry[]> {
  const rows = await db().timeEntries.where('[personId+running]').equals([personId, 1]).toArray()
  return rows.filter((e) => e.deletedAt === null)
}

/** The person's running timer (the latest started, should sync ever bring two), if any. */
export async function getRunningTimer(personId: PersonId): Promise<TimeEntry | undefined> {
  const running = await listRunning(personId)
  return running.sort((a, b) => b.start - a.start)[0]
}

/** One entry, or undefined when missing or deleted. */
export async function getEntry(id: TimeEntryId): Promise<TimeEntry | undefined> {
  const entry = await db().timeEntries.get(id)
  return entry && entry.deletedAt === null ? entry : undefined
}

/** Changes an entry; `week` follows a new start and `running` a new end. */
export async function updateEntry(id: TimeEntryId, changes: EntryChanges, now: number = Date.now()): Promise<TimeEntry> {
  const derived: Partial<EntryContent> = {
    ...changes,
    ...(changes.start !== undefined ? { week: weekKeyOf(changes.start) } : {}),
    ...(changes.end !== undefined ? { running: changes.end === null ? 1 : 0 } : {}),
  }
  return patchRecord('timeEntries', id, derived, now)
}

/** Deletes an entry (tombstone + queued delete). */
export async function deleteEntry(id: TimeEntryId, now: number = Date.now()): Promise<void> {
  await deleteRecord('timeEntries', id, now)
}

/** The person's entries of one ISO week ("2026-W48"), oldest first; uses the [personId+week] index. */
export async function listWeek(personId: PersonId, week: string): Promise<TimeEntry[]> {
  const rows = await db().timeEntries.where('[personId+week]').equals([personId, week]).toArray()
  return rows.filter((e) => e.deletedAt === null).sort((a, b) => a.start - b.start)
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

/** Everything the week screen shows: entries, whether the week is absent, the team's band. */
export interface WeekData {
  readonly entries: TimeEntry[]
  readonly absent: boolean
  readonly band: BudgetBand
}

/** Loads a week for the author (index reads only). */
export async function loadWeek(author: Author, week: string): Promise<WeekData> {
  const [entries, absences, band] = await Promise.all([
    listWeek(author.personId, week), listAbsences(author.personId, [week]), loadBand(author),
  ])
  return { entries, absent: absences.length > 0, band }
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

async function loadBand(author: Author): Promise<BudgetBand> {
  return (await getTeam(author.teamId))?.budget ?? DEFAULT_BUDGET
}
