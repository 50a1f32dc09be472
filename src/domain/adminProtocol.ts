import type { Millis } from './records/fields.ts'
import type { Role } from './records/person.ts'

/** An account as the people admin screen sees it (GET /api/admin/people). */
export interface AdminPerson {
  readonly id: string
  readonly name: string
  readonly email: string
  readonly role: Role
  readonly disabled: boolean
  /** Whether the account can sign in with a local password (else only OpenID Connect). */
  readonly hasPassword: boolean
  /** Start of the newest session still on record; null when none is (signed out, expired or never). */
  readonly lastSignInAt: Millis | null
}

/** Answer to GET /api/admin/people?teamId=. */
export interface AdminPeopleResponse {
  readonly people: readonly AdminPerson[]
}

/** Body of POST /api/admin/people: invite someone into a team. */
export interface InviteRequest {
  readonly teamId: string
  readonly name: string
  readonly email: string
  readonly role: Role
  readonly initials?: string
}

/** Answer to an invite: the new account and its start password, shown once and never again. */
export interface InviteResponse {
  readonly person: AdminPerson
  readonly password: string
}

/** Body of PATCH /api/admin/people/:id. */
export interface PersonChange {
  readonly role?: Role
  readonly disabled?: boolean
}

/** Answer to PATCH /api/admin/people/:id. */
export interface PersonChangeResponse {
  readonly person: AdminPerson
}

/** Roles a koordinator may hand out; only an admin makes admins (DESIGN.md "Identity and access"). */
export const COORDINATOR_ASSIGNABLE_ROLES: readonly Role[] = ['superbruger', 'koordinator', 'leder']

/** Initials from a name when none are given: the first letter of up to three words, upper-cased. */
export function initialsOf(name: string): string {
  return name.trim().split(/\s+/).filter(Boolean).slice(0, 3).map((word) => word[0]!.toUpperCase()).join('')
}
