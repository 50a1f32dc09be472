import { OPEN_OBSERVATION_STATUSES } from '../../domain/observations.ts'
import { isOpenStatus } from '../../domain/requestStatus.ts'
import type { ObservationStatus } from '../../domain/records/observation.ts'
import type { RequestStatus } from '../../domain/records/request.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'

type Content = Readonly<Record<string, unknown>>

/** The instant `months` calendar months before `now` (UTC; 31 March minus one month is 3 March, as Date does). */
export function monthsBefore(now: number, months: number): number {
  const date = new Date(now)
  date.setUTCMonth(date.getUTCMonth() - months)
  return date.getTime()
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * When a closed request was closed: the last status change to a closed status in its history,
 * else its last edit. Null while it is open.
 */
export function closedAt(request: Content): number | null {
  if (typeof request.status !== 'string' || isOpenStatus(request.status as RequestStatus)) return null
  const history = Array.isArray(request.history) ? request.history as Array<{ at?: unknown; to?: unknown }> : []
  const closing = history.filter((h) => typeof h.to === 'string' && !isOpenStatus(h.to as RequestStatus)).at(-1)
  return number(closing?.at) ?? number(request.updatedAt)
}

/** When a checklist run ended (completed or cancelled), or null while it is in progress. */
export function runEndedAt(run: Content): number | null {
  if (run.status === 'i gang') return null
  return number(run.completedAt) ?? number(run.updatedAt)
}

/**
 * When an observation was closed (gennemført or lagt væk): its last change to such a status, else
 * its last edit. Null while the group is still working on it.
 */
export function observationClosedAt(observation: Content): number | null {
  const open = (status: unknown) => OPEN_OBSERVATION_STATUSES.includes(status as ObservationStatus)
  if (typeof observation.status !== 'string' || open(observation.status)) return null
  const history = Array.isArray(observation.history) ? observation.history as Array<{ at?: unknown; to?: unknown }> : []
  const closing = history.filter((h) => typeof h.to === 'string' && !open(h.to)).at(-1)
  return number(closing?.at) ?? number(observation.updatedAt)
}

/**
 * When a hand-off to IT's deadline starts: with its request (the text belongs to it) when the
 * request is there, else — the request deleted — from the hand-off's last edit once it is no
 * longer waiting.
 */
export function handOffDeadlineStart(handOff: Content, request: Content | undefined): number | null {
  if (request) return closedAt(request)
  return handOff.state === 'venter' ? null : number(handOff.updatedAt)
}

/** When a loan came back (the start of its return day, UTC), or null while it is out. */
export function loanReturnedAt(loan: Content): number | null {
  return typeof loan.returnedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(loan.returnedOn) ? Date.parse(`${loan.returnedOn}T00:00:00Z`) : null
}

/**
 * The moment from which a record's deadline runs, or null when it has none yet: closed requests
 * from closing, time entries from their end (a running timer has none), absences from their last
 * edit, checklist runs from their end, observations from being closed, loans from their return. Checklist answers follow
 * their run and hand-offs their request (see the job).
 */
export function deadlineStart(table: SyncTableName, content: Content): number | null {
  switch (table) {
    case 'requests': return closedAt(content)
    case 'timeEntries': return number(content.end)
    case 'absences': return number(content.updatedAt)
    case 'checklistRuns': return runEndedAt(content)
    case 'observations': return observationClosedAt(content)
    case 'loans': return loanReturnedAt(content)
    default: return null
  }
}

/** True when the record's deadline started before `cutoff`. */
export function isPastDeadline(table: SyncTableName, content: Content, cutoff: number): boolean {
  const start = deadlineStart(table, content)
  return start !== null && start < cutoff
}
