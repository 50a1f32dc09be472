import { db } from './database.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { nextObservationStatuses, observationProblem, OPEN_OBSERVATION_STATUSES, type ObservationDraft, type ObservationProblem } from '../domain/observations.ts'
import type { DepartmentId, Millis, ObservationId, PersonId } from '../domain/records/fields.ts'
import type { Observation, ObservationStatus } from '../domain/records/observation.ts'

/** Thrown when a draft cannot be saved (the form shows why before it gets here). */
export class ObservationDraftError extends Error {
  override name = 'ObservationDraftError'
  constructor(readonly problem: ObservationProblem) {
    super(`observation: ${problem}`)
  }
}

/** Thrown for a status change the rules do not allow from the current status. */
export class ObservationStatusError extends Error {
  override name = 'ObservationStatusError'
}

/** Saves a new observation ("ny"); CPR numbers in the text are masked before it is stored. */
export async function createObservation(author: Author, draft: ObservationDraft, now: Millis = Date.now()): Promise<Observation> {
  const problem = observationProblem(draft)
  if (problem) throw new ObservationDraftError(problem)
  return createRecord('observations', author, {
    departmentId: draft.departmentId, kind: draft.kind, text: draft.text.trim(),
    status: 'ny', history: [{ at: now, by: author.personId, from: null, to: 'ny' }],
  }, now)
}

/** Moves an observation on (the koordinator's step), with the change in its history. */
export async function moveObservation(id: ObservationId, to: ObservationStatus, by: PersonId, now: Millis = Date.now()): Promise<Observation> {
  return db().transaction('rw', db().observations, db().outbox, async () => {
    const current = await db().observations.get(id)
    if (!current || current.deletedAt !== null) throw new RecordMissingError('observations', id)
    if (!nextObservationStatuses(current.status).includes(to)) throw new ObservationStatusError(`${current.status} → ${to}`)
    return patchRecord('observations', id, { status: to, history: [...current.history, { at: now, by, from: current.status, to }] }, now)
  })
}

/** What the list shows: open ones (default), every one, or one status; optionally one department. */
export interface ObservationFilter {
  readonly status: 'open' | 'all' | ObservationStatus
  readonly departmentId?: DepartmentId | null
}

/** Observations for the list, newest first. */
export async function listObservations(filter: ObservationFilter): Promise<Observation[]> {
  const statuses = filter.status === 'open' ? OPEN_OBSERVATION_STATUSES : filter.status === 'all' ? null : [filter.status]
  const found = statuses
    ? await db().observations.where('status').anyOf([...statuses]).toArray()
    : await db().observations.toArray()
  return found
    .filter((o) => o.deletedAt === null && (filter.departmentId === undefined || o.departmentId === filter.departmentId))
    .sort((a, b) => b.createdAt - a.createdAt)
}

/** Observations made in [from, to) (the report's period), by index. */
export async function listObservationsMadeBetween(from: Millis, to: Millis): Promise<Observation[]> {
  const found = await db().observations.where('createdAt').between(from, to, true, false).toArray()
  return found.filter((o) => o.deletedAt === null)
}
