import type { Role } from './records/person.ts'

/** The parts of a request that decide who may delete it. */
export interface RequestOwnership {
  readonly createdBy: string
  readonly assigneeId: string | null
}

/**
 * Whether a person may delete a request: the one who logged it, the one responsible for it, or a
 * koordinator or admin. A request is the team's shared record and part of the figures the
 * leadership sees, so one superuser does not delete a colleague's work; the koordinator cleans up.
 * Without a sign-in (`role` null) the app is the device's alone, and everything may be deleted.
 */
export function mayDeleteRequest(role: Role | null, personId: string, request: RequestOwnership): boolean {
  if (role === null || role === 'koordinator' || role === 'admin') return true
  if (role === 'leder') return false
  return request.createdBy === personId || request.assigneeId === personId
}
