import type { MutationOp } from '../../domain/protocol.ts'
import { isDeviceHandOffWrite } from '../../domain/handOff.ts'
import { mayDeleteRequest } from '../../domain/requestAccess.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import type { Actor } from '../auth/users.ts'

/** Tables only a koordinator or admin may change: team settings, people, departments, templates, user-test campaigns. */
const MANAGED_TABLES: ReadonlySet<SyncTableName> = new Set(['teams', 'people', 'departments', 'checklistTemplates', 'campaigns'])
/** Tables whose records belong to one person (`personId`): a superbruger changes only their own. */
const OWNED_TABLES: ReadonlySet<SyncTableName> = new Set(['timeEntries', 'absences', 'tipReads'])
/** Fields of their own Person record a superbruger may change. */
const OWN_PROFILE_FIELDS: ReadonlySet<string> = new Set(['name', 'initials', 'homeDepartmentId', 'competences', 'skills', 'updatedAt'])

/** The parts of a stored record the rules look at. */
export interface StoredFacts {
  readonly teamId: string
  readonly content: Readonly<Record<string, unknown>>
  /** Who created the record (its `createdBy`). */
  readonly createdBy?: string
}

/** One write as the rules see it. */
export interface WriteAttempt {
  readonly table: SyncTableName
  readonly op: MutationOp
  readonly recordId: string
  readonly fields: Readonly<Record<string, unknown>>
}

/** A user reads a record only when it belongs to one of their teams. */
export function canRead(actor: Actor, teamId: string): boolean {
  return actor.teams.includes(teamId)
}

function isManager(actor: Actor): boolean {
  return actor.role === 'koordinator' || actor.role === 'admin'
}

function teamOf(attempt: WriteAttempt, existing: StoredFacts | null): string | null {
  if (existing) return existing.teamId
  const teamId = attempt.fields.teamId
  return typeof teamId === 'string' ? teamId : null
}

/**
 * Whether `actor` may apply `attempt` to a record (`existing` is null for a new one), as DESIGN.md
 * says: nobody writes outside their teams; a leder writes nothing; only koordinator and admin
 * change team settings, people, departments, templates and campaigns (a superbruger may edit their own
 * profile); a person's role is set only on the admin page; a superbruger changes only their own
 * time entries and absences, and deletes only a request they logged or are responsible for (see
 * mayDeleteRequest); only koordinator and admin mark a tip public and change a public one.
 */
export function canWrite(actor: Actor, attempt: WriteAttempt, existing: StoredFacts | null): boolean {
  if (actor.role === 'leder') return false
  const teamId = teamOf(attempt, existing)
  if (teamId === null || !actor.teams.includes(teamId)) return false
  if (attempt.table === 'teams' && !existing && (actor.role !== 'admin' || attempt.recordId !== teamId)) return false
  if (MANAGED_TABLES.has(attempt.table) && !isManager(actor)) {
    return attempt.table === 'people' && attempt.op === 'patch' && attempt.recordId === actor.id
      && Object.keys(attempt.fields).every((field) => OWN_PROFILE_FIELDS.has(field))
  }
  // A person's role mirrors their account: it changes only on the admin page (audited, see
  // admin/changePerson.ts). Through sync a koordinator may add a colleague without an account
  // (role null) and re-send a role unchanged, never set one.
  if (attempt.table === 'people' && 'role' in attempt.fields) {
    const role = attempt.fields.role
    if (existing ? role !== (existing.content.role ?? null) : role !== null) return false
  }
  if (attempt.table === 'requests' && attempt.op === 'delete' && existing) {
    const assigneeId = typeof existing.content.assigneeId === 'string' ? existing.content.assigneeId : null
    return mayDeleteRequest(actor.role, actor.id, { createdBy: existing.createdBy ?? '', assigneeId })
  }
  // An observation's status (and its history) is the koordinator's to move; anyone may write one.
  if (attempt.table === 'observations' && !isManager(actor) && ('status' in attempt.fields || 'history' in attempt.fields)) {
    return attempt.op === 'put' && !existing && attempt.fields.status === 'ny'
  }
  // A public tip is read by people without an account: once published, only the koordinator (or
  // admin) changes or deletes it, so nothing reaches the public copy unreviewed.
  if (attempt.table === 'tips' && !isManager(actor) && existing?.content.public === true) return false
  // Publishing a tip to people without an account is the koordinator's call; a new tip by anyone else starts private.
  if (attempt.table === 'tips' && !isManager(actor) && 'public' in attempt.fields) {
    return attempt.op === 'put' && !existing && attempt.fields.public === false
  }
  // A user-test campaign's run belongs to the campaign: only the koordinator (or admin) deletes or
  // cancels it, or moves it to another campaign or subject; testers fill it in.
  if (attempt.table === 'checklistRuns' && !isManager(actor) && typeof existing?.content.campaignId === 'string') {
    if (attempt.op === 'delete' || attempt.fields.status === 'annulleret') return false
    if ('campaignId' in attempt.fields && attempt.fields.campaignId !== existing.content.campaignId) return false
    if ('subject' in attempt.fields && JSON.stringify(attempt.fields.subject) !== JSON.stringify(existing.content.subject)) return false
  }
  // A hand-off is carried out by the server: a device makes it waiting and may cancel it, nothing else.
  if (attempt.table === 'handOffs') return isDeviceHandOffWrite(attempt.op, attempt.fields, !existing)
  if (OWNED_TABLES.has(attempt.table) && !isManager(actor)) {
    const owners = [existing?.content.personId, attempt.fields.personId].filter((owner) => owner !== undefined)
    return owners.every((owner) => owner === actor.id)
  }
  return true
}
