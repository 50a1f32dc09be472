import type { Role } from '../../domain/records/person.ts'
import type { Actor } from '../auth/users.ts'
import { ApiError } from '../errors.ts'

/**
 * Whether `actor` manages the people of `teamId`: an admin runs the server and manages every
 * team; a koordinator manages the teams they belong to; superbruger and leder manage none.
 */
export function managesTeam(actor: Actor, teamId: string): boolean {
  if (actor.role === 'admin') return true
  return actor.role === 'koordinator' && actor.teams.includes(teamId)
}

/** Throws 403 `forbidden` unless `actor` manages the people of `teamId`. */
export function requireManager(actor: Actor, teamId: string): void {
  if (!managesTeam(actor, teamId)) throw new ApiError(403, 'forbidden')
}

/**
 * The team through which `actor` manages an account in `targetTeams`, or null when they manage
 * none of them. An admin manages any account (its first team, or null for an account with none,
 * which is still allowed: `allowed` tells).
 */
export function managingTeam(actor: Actor, targetTeams: readonly string[]): { allowed: boolean; teamId: string | null } {
  const shared = targetTeams.find((teamId) => managesTeam(actor, teamId)) ?? null
  return { allowed: actor.role === 'admin' || shared !== null, teamId: shared }
}

/** Throws 403 `forbidden` when a koordinator hands out or takes away the admin role. */
export function requireRoleChangeAllowed(actor: Actor, from: Role | null, to: Role | undefined): void {
  if (actor.role === 'admin') return
  if (from === 'admin' || to === 'admin') throw new ApiError(403, 'forbidden', 'only an admin changes admins')
}
