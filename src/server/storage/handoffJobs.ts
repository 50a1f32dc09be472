import { sql } from 'kysely'
import type { Db, HandoffJobsTable } from './schema.ts'
import type { Trx } from './storage.ts'

// The hand-off jobs (see schema.ts HandoffJobsTable). Every claim is one UPDATE guarded by the
// state and lease it read, so of several instances exactly one gets each job, on SQLite and
// PostgreSQL alike; a result is written only while the lease is still the writer's.

/** A job as the runner reads it. */
export type HandoffJob = Readonly<HandoffJobsTable>

function toJob(row: HandoffJobsTable): HandoffJob {
  return {
    ...row, attempts: Number(row.attempts), next_at: Number(row.next_at), lease_until: Number(row.lease_until),
    checked_at: Number(row.checked_at), closed_at: row.closed_at === null ? null : Number(row.closed_at),
    created_at: Number(row.created_at), updated_at: Number(row.updated_at),
  }
}

/** Makes a waiting job for every live hand-off record that has none yet; returns how many. */
export async function enqueueNewHandoffs(db: Db, now: number): Promise<number> {
  const result = await db.insertInto('handoff_jobs')
    .columns(['id', 'team_id', 'state', 'attempts', 'next_at', 'lease_until', 'checked_at', 'created_at', 'updated_at'])
    .expression(db.selectFrom('records as r')
      .select(['r.id', 'r.team_id', sql.lit('venter').as('state'), sql.lit(0).as('attempts'), sql.val(now).as('next_at'),
        sql.lit(0).as('lease_until'), sql.lit(0).as('checked_at'), sql.val(now).as('created_at'), sql.val(now).as('updated_at')])
      .where('r.tbl', '=', 'handOffs').where('r.deleted_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('handoff_jobs as j').select('j.id').whereRef('j.id', '=', 'r.id')))))
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/**
 * Takes the lease on one waiting job that is due and not leased by a live instance, counting the
 * attempt; null when there is none. Two instances asking at once never get the same job.
 */
export async function claimDueHandoff(db: Db, owner: string, now: number, leaseMs: number): Promise<HandoffJob | null> {
  const due = await db.selectFrom('handoff_jobs').select('id')
    .where('state', '=', 'venter').where('next_at', '<=', now).where('lease_until', '<', now)
    .orderBy('next_at').limit(10).execute()
  for (const { id } of due) {
    const claimed = await db.updateTable('handoff_jobs')
      .set((eb) => ({ lease_owner: owner, lease_until: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', '=', id).where('state', '=', 'venter').where('next_at', '<=', now).where('lease_until', '<', now)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 1) return getHandoffJob(db, id)
  }
  return null
}

/** One job by the hand-off's id. */
export async function getHandoffJob(db: Db | Trx, id: string): Promise<HandoffJob | null> {
  const row = await db.selectFrom('handoff_jobs').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toJob(row) : null
}

/** What a finished or rescheduled attempt leaves on its job. */
export interface HandoffOutcome {
  readonly state: 'venter' | 'sendt' | 'fejlet' | 'annulleret'
  readonly nextAt?: number
  readonly externalId?: string | null
  readonly externalNumber?: string | null
}

/**
 * Ends the attempt of `owner` and releases the lease; false (nothing written) when the lease
 * was no longer the owner's. Call it inside the transaction that writes the records.
 */
export async function endHandoffAttempt(trx: Db | Trx, id: string, owner: string, outcome: HandoffOutcome, now: number): Promise<boolean> {
  const result = await trx.updateTable('handoff_jobs')
    .set({
      state: outcome.state, lease_owner: null, lease_until: 0, updated_at: now,
      ...(outcome.nextAt !== undefined ? { next_at: outcome.nextAt } : {}),
      ...(outcome.externalId !== undefined ? { external_id: outcome.externalId } : {}),
      ...(outcome.externalNumber !== undefined ? { external_number: outcome.externalNumber } : {}),
      ...(outcome.state === 'sendt' ? { checked_at: now } : {}),
    })
    .where('id', '=', id).where('lease_owner', '=', owner)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Remembers TOPdesk's incident as soon as it is known, while the lease is held, so a crash after creating it loses nothing. */
export async function recordHandoffIncident(db: Db, id: string, owner: string, externalId: string, externalNumber: string, now: number): Promise<void> {
  await db.updateTable('handoff_jobs').set({ external_id: externalId, external_number: externalNumber, updated_at: now })
    .where('id', '=', id).where('lease_owner', '=', owner).execute()
}

/** Sent TOPdesk jobs still open at IT whose status was last asked at least `everyMs` ago. */
export async function listHandoffFollowUps(db: Db, now: number, everyMs: number): Promise<HandoffJob[]> {
  const rows = await db.selectFrom('handoff_jobs').selectAll()
    .where('state', '=', 'sendt').where('external_id', 'is not', null).where('closed_at', 'is', null)
    .where('checked_at', '<=', now - everyMs).orderBy('checked_at').limit(100).execute()
  return rows.map(toJob)
}

/** Takes the follow-up of one job for this round: true for exactly one instance. */
export async function claimHandoffFollowUp(db: Db, job: HandoffJob, now: number): Promise<boolean> {
  const result = await db.updateTable('handoff_jobs').set({ checked_at: now })
    .where('id', '=', job.id).where('checked_at', '=', job.checked_at).where('closed_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records that IT closed the incident; false when it was already recorded. */
export async function closeHandoffJob(trx: Trx, id: string, closedAt: number): Promise<boolean> {
  const result = await trx.updateTable('handoff_jobs').set({ closed_at: closedAt, updated_at: closedAt })
    .where('id', '=', id).where('closed_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
