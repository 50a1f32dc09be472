import { DEFAULT_TEMPLATES } from '../../domain/checklistTemplates.ts'
import { DEFAULT_DEPARTMENTS } from '../../domain/departments.ts'
import { newId } from '../../domain/ids.ts'
import type { ServerConfig } from '../config.ts'
import type { Storage } from '../storage/storage.ts'
import { insertSystemRecords, type SystemRecord } from '../storage/systemWrite.ts'
import { hasAnyAccount } from '../storage/users.ts'
import { generatePassword, hashPassword } from './password.ts'
import { insertUser } from './users.ts'

/** What the first start created, so main can print how to sign in. */
export interface FirstStart {
  readonly email: string
  /** The generated password, or null when SUPERBRUGER_ADMIN_PASSWORD was given. */
  readonly generatedPassword: string | null
  readonly teamId: string
}

/** The records of a new team: the team, its admin's Person record, the default departments and checklist templates. */
function firstTeamRecords(teamId: string, adminId: string, email: string, now: number): SystemRecord[] {
  const base = { teamId, createdAt: now, createdBy: adminId, updatedAt: now, rev: 0, deletedAt: null }
  return [
    { table: 'teams', record: { ...base, id: teamId, name: 'Superbrugergruppen', budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 12 } } },
    { table: 'people', record: { ...base, id: adminId, name: 'Administrator', initials: 'ADM', email, role: 'admin', homeDepartmentId: null, competences: [] } },
    ...DEFAULT_DEPARTMENTS.map((name): SystemRecord => ({ table: 'departments', record: { ...base, id: newId(), name, location: '' } })),
    ...DEFAULT_TEMPLATES.map((template): SystemRecord => ({
      table: 'checklistTemplates', record: { ...base, ...structuredClone(template), id: newId(), archived: false },
    })),
  ]
}

/**
 * On the very first start (no accounts), creates the first team with the default departments and
 * an admin account, in one transaction under the sequence lock so two instances starting together
 * create exactly one. Returns null when accounts already exist.
 */
export async function ensureFirstAdmin(storage: Storage, config: ServerConfig, now: number = Date.now()): Promise<FirstStart | null> {
  if (await hasAnyAccount(storage.db)) return null
  const generatedPassword = config.adminPassword === null ? generatePassword() : null
  const passwordHash = await hashPassword(config.adminPassword ?? generatedPassword!)
  const teamId = newId()
  const adminId = newId()
  const created = await storage.db.transaction().execute(async (trx) => {
    const state = await storage.lockSequence(trx)
    if (await hasAnyAccount(trx)) return false
    await insertSystemRecords(storage, trx, state.seq, firstTeamRecords(teamId, adminId, config.adminEmail, now), now)
    await insertUser(trx, { id: adminId, email: config.adminEmail, name: 'Administrator', role: 'admin', teams: [teamId] }, passwordHash, now)
    return true
  })
  return created ? { email: config.adminEmail, generatedPassword, teamId } : null
}
