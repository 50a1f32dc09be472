import { initialsOf, type InviteRequest, type InviteResponse } from '../../domain/adminProtocol.ts'
import { newId } from '../../domain/ids.ts'
import { appendAudit } from '../storage/auditLog.ts'
import { generatePassword, hashPassword } from '../auth/password.ts'
import { insertUser, normaliseEmail, type Actor } from '../auth/users.ts'
import { ApiError } from '../errors.ts'
import type { Storage } from '../storage/storage.ts'
import { teamExists } from '../storage/liveRecords.ts'
import { insertSystemRecords } from '../storage/systemWrite.ts'
import { findTakenEmail } from '../storage/users.ts'
import { requireManager, requireRoleChangeAllowed } from './access.ts'
import { loadAdminPerson } from './people.ts'

/**
 * Invites someone into a team: creates the account (it can sign in through OpenID Connect when
 * configured, or with the returned start password, which is stored only as a hash) and its
 * synced Person record, with the audit entry, in one transaction under the sequence lock, so
 * every device of the team gets the person by sync. A used e-mail is refused with 409.
 */
export async function invitePerson(storage: Storage, actor: Actor, input: InviteRequest, ip: string | null, now: number = Date.now()): Promise<InviteResponse> {
  requireManager(actor, input.teamId)
  requireRoleChangeAllowed(actor, null, input.role)
  const email = normaliseEmail(input.email)
  const password = generatePassword()
  // Hashing takes tens of milliseconds: done before the transaction, so the lock is held briefly.
  const passwordHash = await hashPassword(password)
  const id = newId()
  const head = await storage.db.transaction().execute(async (trx) => {
    const state = await storage.lockSequence(trx)
    if (!(await teamExists(trx, input.teamId))) throw new ApiError(404, 'not_found', 'no such team')
    if (await findTakenEmail(trx, [email])) throw new ApiError(409, 'email_taken')
    const base = { teamId: input.teamId, createdAt: now, createdBy: actor.id, updatedAt: now, rev: 0, deletedAt: null }
    const person = {
      ...base, id, name: input.name, initials: input.initials || initialsOf(input.name), email, role: input.role,
      homeDepartmentId: null, competences: [],
    }
    const seq = await insertSystemRecords(storage, trx, state.seq, [{ table: 'people', record: person }], now)
    await insertUser(trx, { id, email, name: input.name, role: input.role, teams: [input.teamId] }, passwordHash, now)
    await appendAudit(trx, { teamId: input.teamId, actorId: actor.id, action: 'person_invited', subject: id, details: { role: input.role }, ip }, now)
    return seq
  })
  storage.notifyAfterCommit({ seq: head, teams: [input.teamId] })
  return { person: (await loadAdminPerson(storage.db, id))!, password }
}
