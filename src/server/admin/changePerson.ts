import type { AdminPerson, PersonChange } from '../../domain/adminProtocol.ts'
import type { Role } from '../../domain/records/person.ts'
import { appendAudit } from '../storage/auditLog.ts'
import type { Actor } from '../auth/users.ts'
import { ApiError } from '../errors.ts'
import type { Nudge, Storage, Trx } from '../storage/storage.ts'
import { managingTeam, requireRoleChangeAllowed } from './access.ts'
import { loadAdminPerson } from './people.ts'
import { loadRecords } from '../storage/records.ts'
import { deleteUserSessions } from '../auth/sessions.ts'
import { patchSystemRecord } from '../storage/systemWrite.ts'
import { findAccountStatus, listEnabledAdmins, listMemberships, setAccountDisabled, setAccountRole } from '../storage/users.ts'

interface Target {
  readonly role: Role
  readonly disabled: boolean
  readonly teams: readonly string[]
}

async function loadTarget(trx: Trx, id: string): Promise<Target | null> {
  const user = await findAccountStatus(trx, id)
  if (!user) return null
  const teams = await listMemberships(trx, id)
  return { role: user.role as Role, disabled: user.disabledAt !== null, teams: teams.map((t) => t.teamId) }
}

/**
 * Refuses disabling one's own account or changing one's own role: one slip would lock the person
 * out of the screen that could undo it. Another koordinator or an admin does it.
 */
function requireNotOwnAccount(actor: Actor, id: string, target: Target, change: PersonChange): void {
  if (actor.id !== id) return
  if (change.disabled === true || (change.role !== undefined && change.role !== target.role)) throw new ApiError(409, 'own_account')
}

/** Refuses a change that would leave the server without an enabled admin. */
async function requireAnotherAdmin(trx: Trx, target: Target, id: string, change: PersonChange): Promise<void> {
  const losesAdmin = target.role === 'admin' && !target.disabled
    && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true)
  if (!losesAdmin) return
  const others = await listEnabledAdmins(trx, id)
  if (others.length === 0) throw new ApiError(409, 'last_admin')
}

/**
 * Changes an account's role and/or disables (or re-enables) it, in one transaction under the
 * sequence lock: the role is set on the account and, as a server-side patch with a new sequence
 * number, on the synced Person record, so pulling devices see it; disabling ends every session
 * of the account. A koordinator changes only accounts of their teams, never to or from admin;
 * nobody disables their own account or changes their own role, nor removes the last enabled admin. Each change is audited. Returns the account afterwards.
 */
export async function changePerson(storage: Storage, actor: Actor, id: string, change: PersonChange, ip: string | null, now: number = Date.now()): Promise<AdminPerson> {
  const nudge = await storage.db.transaction().execute(async (trx) => {
    // The Person row before the counter, the same order as a push, so the two cannot deadlock.
    await loadRecords(trx, storage.kind, [{ table: 'people', id }], storage.lockRows)
    const state = await storage.lockSequence(trx)
    const target = await loadTarget(trx, id)
    if (!target) throw new ApiError(404, 'not_found')
    const { allowed, teamId } = managingTeam(actor, target.teams)
    if (!allowed) throw new ApiError(403, 'forbidden')
    requireRoleChangeAllowed(actor, target.role, change.role)
    await requireAnotherAdmin(trx, target, id, change)
    requireNotOwnAccount(actor, id, target, change)
    const audit = { teamId: teamId ?? target.teams[0] ?? null, actorId: actor.id, subject: id, ip }
    let nudge: Nudge | null = null
    if (change.role !== undefined) {
      // Patched even when the account already has the role: an OIDC role claim sets only the account.
      nudge = await patchSystemRecord(storage, trx, state.seq, 'people', id, { role: change.role }, now)
      if (change.role !== target.role) {
        await setAccountRole(trx, id, change.role)
        await appendAudit(trx, { ...audit, action: 'role_changed', details: { from: target.role, to: change.role } }, now)
      }
    }
    if (change.disabled !== undefined && change.disabled !== target.disabled) {
      await setAccountDisabled(trx, id, change.disabled ? now : null)
      if (change.disabled) await deleteUserSessions(trx, id)
      await appendAudit(trx, { ...audit, action: 'person_disabled', details: { disabled: change.disabled } }, now)
    }
    return nudge
  })
  if (nudge) storage.notifyAfterCommit(nudge)
  return (await loadAdminPerson(storage.db, id))!
}
