import { db, type StoredTimeEntry } from './database.ts'
import { createRecord, type Author } from './write.ts'
import { weekKeyOf } from '../domain/isoWeek.ts'
import type { Activity, PersonId, RequestId, TimeEntry } from '../domain/types.ts'

/** A finished piece of work to log. */
export interface DurationInput {
  readonly start: number
  readonly minutes: number
  readonly activity: Activity
  readonly requestId: RequestId | null
  readonly note: string
}

/**
 * Logs a finished time entry (start + minutes) with its outbox entry. Call inside a wider
 * transaction that includes timeEntries and outbox to make it part of a larger write.
 */
export async function logDuration(author: Author, input: DurationInput): Promise<TimeEntry> {
  const content: Omit<StoredTimeEntry, 'id' | 'teamId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'rev' | 'deletedAt'> = {
    personId: author.personId as PersonId,
    start: input.start,
    end: input.start + input.minutes * 60_000,
    activity: input.activity,
    requestId: input.requestId,
    note: input.note,
    week: weekKeyOf(input.start),
    running: 0,
  }
  return createRecord('timeEntries', author, content)
}

/** Entries linked to a request, oldest first. */
export async function listEntriesForRequest(requestId: RequestId): Promise<TimeEntry[]> {
  const entries = await db().timeEntries.where('requestId').equals(requestId).toArray()
  return entries.filter((e) => e.deletedAt === null).sort((a, b) => a.start - b.start)
}
