import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { insertUser, normaliseEmail } from '../auth/users.ts'
import { listLiveTeams } from '../storage/liveRecords.ts'
import { takeWriteLock } from '../storage/records.ts'
import type { Db } from '../storage/schema.ts'
import type { Storage, Trx } from '../storage/storage.ts'
import { insertSystemRecords, type SystemRecord } from '../storage/systemWrite.ts'
import { addTeamMembers, findTakenEmail, listEnabledAdmins } from '../storage/users.ts'
import type { DemoData } from './generate.ts'

/** Records per transaction: small enough that a running server's pushes wait only briefly. */
export const DEMO_BATCH_SIZE = 1000

/** What writing the demo did. */
export type DemoWriteResult =
  | { readonly created: true; readonly teamId: string; readonly counts: Readonly<Partial<Record<SyncTableName, number>>>; readonly adminsAdded: number; readonly head: number }
  | { readonly created: false; readonly teamId: string | null; readonly reason: 'team_exists' | 'email_taken'; readonly detail: string }

/** A batch after the first failed: the team and its accounts exist, but only `written` of its records. */
export class DemoIncompleteError extends Error {
  override name = 'DemoIncompleteError'
  constructor(readonly written: number, readonly total: number, cause: unknown) {
    super(`demo team written only partly: ${written} of ${total} records`, { cause })
  }
}

/** The id of a live team with this exact name, or null. */
export async function findTeamByName(db: Db | Trx, name: string): Promise<string | null> {
  const rows = await listLiveTeams(db)
  return rows.find((row) => (JSON.parse(row.data) as { name?: unknown }).name === name)?.id ?? null
}

/**
 * Runs `work` in a transaction holding the sequence lock. On SQLite the first statement is a
 * write, so the transaction takes the write lock before it reads: a server process writing the
 * same file meanwhile makes us wait (busy timeout) instead of failing on a stale snapshot.
 */
async function underSequenceLock<T>(storage: Storage, work: (trx: Trx, seq: number) => Promise<T>): Promise<T> {
  return storage.db.transaction().execute(async (trx) => {
    await takeWriteLock(trx, storage.kind)
    const state = await storage.lockSequence(trx)
    return work(trx, state.seq)
  })
}

/**
 * Writes the demo team through the server's own storage, as pushed records are written: global
 * sequence numbers, field stamps, nudges. The first transaction creates the team, its accounts
 * (all with `passwordHash`) and makes every admin a member, so devices pulling meanwhile see the
 * rest arrive in order; then the other records follow in batches of `batchSize`. Refuses, writing
 * nothing, when a team of that name or one of the demo e-mails already exists.
 */
export async function writeDemo(storage: Storage, data: DemoData, passwordHash: string, batchSize: number = DEMO_BATCH_SIZE): Promise<DemoWriteResult> {
  const existing = await findTeamByName(storage.db, data.teamName)
  if (existing) return { created: false, teamId: existing, reason: 'team_exists', detail: data.teamName }
  const now = Date.now()
  const emails = data.accounts.map((a) => a.email)
  const first = await underSequenceLock(storage, async (trx, seq) => {
    const again = await findTeamByName(trx, data.teamName)
    if (again) return { created: false as const, teamId: again, reason: 'team_exists' as const, detail: data.teamName }
    const taken = await findTakenEmail(trx, emails.map(normaliseEmail))
    if (taken) return { created: false as const, teamId: null, reason: 'email_taken' as const, detail: taken }
    const head = await insertSystemRecords(storage, trx, seq, data.records.slice(0, batchSize), now)
    for (const account of data.accounts) {
      await insertUser(trx, { ...account, teams: [data.teamId] }, passwordHash, now)
    }
    const admins = await listEnabledAdmins(trx)
    await addTeamMembers(trx, data.teamId, admins)
    return { created: true as const, head, adminsAdded: admins.length }
  })
  if (!first.created) return first
  storage.notifyAfterCommit({ seq: first.head, teams: [data.teamId] })
  let head = first.head
  for (let i = batchSize; i < data.records.length; i += batchSize) {
    const batch = data.records.slice(i, i + batchSize)
    try {
      head = await underSequenceLock(storage, (trx, seq) => insertSystemRecords(storage, trx, seq, batch, now))
    } catch (error) {
      throw new DemoIncompleteError(i, data.records.length, error)
    }
    storage.notifyAfterCommit({ seq: head, teams: [data.teamId] })
  }
  return { created: true, teamId: data.teamId, counts: countByTable(data.records), adminsAdded: first.adminsAdded, head }
}

/** Number of records per table. */
export function countByTable(records: readonly SystemRecord[]): Partial<Record<SyncTableName, number>> {
  const counts: Partial<Record<SyncTableName, number>> = {}
  for (const { table } of records) counts[table] = (counts[table] ?? 0) + 1
  return counts
}
