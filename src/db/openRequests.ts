import { db } from './database.ts'
import { OPEN_STATUSES } from '../domain/requestStatus.ts'
import { awaitsAnswer, awaitsOthers, lastReferral } from '../domain/referralInbox.ts'
import { isNewFaultReport } from '../domain/faultInbox.ts'
import type { PersonId } from '../domain/records/fields.ts'
import type { Request } from '../domain/records/request.ts'

// Apart from requestQueries.ts (the list's paging and counting), so Home's card loads only this.

/** Open requests assigned to the person, newest first (for "Mine åbne henvendelser"). */
export async function listOpenRequestsAssignedTo(personId: PersonId): Promise<Request[]> {
  // Read by status, not by assignee: a person's closed requests grow without bound, open ones do not.
  const parts = await Promise.all(OPEN_STATUSES.map((s) => db().requests
    .where('status').equals(s).filter((r) => r.assigneeId === personId).toArray()))
  return parts.flat().sort((a, b) => (a.id < b.id ? 1 : -1))
}

/** Requests referred to the person that wait for them to take them or send them back, newest referral first. */
export async function listReferralsAwaiting(personId: PersonId): Promise<Request[]> {
  const referred = await db().requests.where('status').equals('henvist').filter((r) => awaitsAnswer(r, personId)).toArray()
  return referred.sort((a, b) => (lastReferral(b)?.at ?? 0) - (lastReferral(a)?.at ?? 0))
}

/** Colleagues' QR fault reports nobody has taken yet, newest first (for "Nye fejlmeldinger"). */
export async function listNewFaultReports(): Promise<Request[]> {
  const fresh = await db().requests.where('status').equals('ny').filter(isNewFaultReport).toArray()
  return fresh.sort((a, b) => b.createdAt - a.createdAt)
}

/** What Home's inbox cards would show: whether a referral waits for the person, and whether a QR report waits for anyone. */
export interface InboxesWaiting {
  referrals: boolean
  faultReports: boolean
}

/** Whether Home's inbox cards have anything to show, so their code and strings load only then. */
export async function inboxesWaiting(personId: PersonId): Promise<InboxesWaiting> {
  const [referral, faultReport] = await Promise.all([
    db().requests.where('status').equals('henvist').filter((r) => awaitsAnswer(r, personId)).first(),
    db().requests.where('status').equals('ny').filter(isNewFaultReport).first(),
  ])
  return { referrals: referral !== undefined, faultReports: faultReport !== undefined }
}

/** The names of the team's people by id (for who referred a request). */
export async function personNames(): Promise<Map<string, string>> {
  const people = await db().people.toArray()
  return new Map(people.map((p) => [p.id, p.name]))
}

/** Requests the person referred to someone who has not answered yet. */
export async function listReferralsSentWaiting(personId: PersonId): Promise<Request[]> {
  return db().requests.where('status').equals('henvist').filter((r) => awaitsOthers(r, personId)).toArray()
}

/** The requests with these ids that exist here, by id. */
export async function requestsById(ids: readonly string[]): Promise<Map<string, Request>> {
  const found = await db().requests.bulkGet([...ids] as Request['id'][])
  return new Map(found.filter((r) => r !== undefined).map((r) => [r.id, r]))
}
