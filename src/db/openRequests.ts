import { db } from './database.ts'
import { OPEN_STATUSES } from '../domain/requestStatus.ts'
import type { PersonId, Request } from '../domain/types.ts'

// Apart from requestQueries.ts (the list's paging and counting), so Home's card loads only this.

/** Open requests assigned to the person, newest first (for "Mine åbne henvendelser"). */
export async function listOpenRequestsAssignedTo(personId: PersonId): Promise<Request[]> {
  // Read by status, not by assignee: a person's closed requests grow without bound, open ones do not.
  const parts = await Promise.all(OPEN_STATUSES.map((s) => db().requests
    .where('status').equals(s).filter((r) => r.assigneeId === personId).toArray()))
  return parts.flat().sort((a, b) => (a.id < b.id ? 1 : -1))
}
