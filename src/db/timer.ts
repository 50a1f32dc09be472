import { db, type StoredTimeEntry } from './database.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import type { DerivedFieldName } from './derivedFields.ts'
import type { Activity } from '../domain/activities.ts'
import type { TimeEntry } from '../domain/records/timeEntry.ts'
import type { PersonId, RequestId, TimeEntryId } from '../domain/records/fields.ts'

// The running timer, apart from the rest of timeEntries.ts so Home's timer button loads only this.

/** Stored fields of an entry that the caller decides (sync and derived fields are added on write). */
export type EntryContent = Omit<StoredTimeEntry, 'id' | 'teamId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'rev' | 'deletedAt' | DerivedFieldName<'timeEntries'>>

/** What a new timer is for. */
export interface TimerInput {
  readonly activity: Activity
  readonly requestId?: RequestId | null
  readonly note?: string
}

/** The content of a new entry (`week` and `running` are derived from start and end on write). */
export function entryContent(author: Author, start: number, end: number | null, rest: TimerInput): EntryContent {
  return {
    personId: author.personId, start, end, activity: rest.activity,
    requestId: rest.requestId ?? null, note: rest.note ?? '',
  }
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
    return createRecord('timeEntries', author, entryContent(author, now, null, input), now)
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
  return { end: Math.max(end, entry.start) }
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
