import { db } from './database.ts'
import { createRecord, deleteRecord, type Author } from './write.ts'
import type { Absence } from '../domain/records/absence.ts'
import type { PersonId } from '../domain/records/fields.ts'

async function findAbsences(personId: PersonId, week: string): Promise<Absence[]> {
  const rows = await db().absences.where('[personId+week]').equals([personId, week]).toArray()
  return rows.filter((a) => a.deletedAt === null)
}

/**
 * Marks an ISO week ("2026-W48") as absent for the author, so it is not a net week.
 * Marking an already absent week returns the existing record and writes nothing.
 */
export async function markAbsent(author: Author, week: string, note = '', now: number = Date.now()): Promise<Absence> {
  return db().transaction('rw', db().absences, db().outbox, async () => {
    const existing = await findAbsences(author.personId, week)
    if (existing[0]) return existing[0]
    return createRecord('absences', author, { personId: author.personId, week, note }, now)
  })
}

/** Makes the week a net week again: deletes every absence of the person in that week. */
export async function unmarkAbsent(personId: PersonId, week: string, now: number = Date.now()): Promise<void> {
  await db().transaction('rw', db().absences, db().outbox, async () => {
    for (const absence of await findAbsences(personId, week)) await deleteRecord('absences', absence.id, now)
  })
}

/** The person's absences among the given week keys (index reads only, no scan). */
export async function listAbsences(personId: PersonId, weeks: readonly string[]): Promise<Absence[]> {
  if (weeks.length === 0) return []
  const rows = await db().absences.where('[personId+week]').anyOf(weeks.map((w) => [personId, w])).toArray()
  return rows.filter((a) => a.deletedAt === null)
}

/** Which of these people are absent in `week` (index reads only). */
export async function absentInWeek(personIds: readonly PersonId[], week: string): Promise<Set<PersonId>> {
  if (personIds.length === 0) return new Set()
  const rows = await db().absences.where('[personId+week]').anyOf(personIds.map((id) => [id, week])).toArray()
  return new Set(rows.filter((a) => a.deletedAt === null).map((a) => a.personId))
}
