import { maskRecordFields } from '../../domain/freeText.ts'
import { mergeMutation } from '../../domain/merge.ts'
import type { Conflict, Mutation, PushRequest, PushResponse, RejectedMutation } from '../../domain/protocol.ts'
import { auditDeadlineChanges, deadlineChange, type DeadlineChange } from '../audit/deadlineChanges.ts'
import type { Actor } from '../auth/users.ts'
import { ApiError } from '../errors.ts'
import { claimClients, saveClientProgress } from '../storage/clients.ts'
import { loadRecords, readSequence, recordKey, writeRecords, type RecordWrite, type StoredRecord } from '../storage/records.ts'
import type { Nudge, Storage } from '../storage/storage.ts'
import { canWrite } from './access.ts'
import { campaignRefusal, loadCampaignFacts } from './campaignCheck.ts'
import { assetOf, loadOpenLoans, loanAssetKeys, LoanTracker, type OpenLoans } from './loanCheck.ts'
import { recordAnswers, replayAnswers } from './pushAnswers.ts'

/** How often a batch that clashed with a concurrent one (deadlock, duplicate first insert) is retried. */
const ATTEMPTS = 3

/** One validated push from one device. A batch never holds two pushes of the same device. */
export interface PushJob {
  readonly actor: Actor
  readonly request: PushRequest
  readonly now: number
}

/** What became of one push of a batch: its response, or the error to answer it with. */
export type PushOutcome = { readonly ok: true; readonly response: PushResponse } | { readonly ok: false; readonly error: unknown }

/** A push whose device was claimed and whose mutations continue its sequence. */
interface Ready {
  readonly index: number
  readonly job: PushJob
  readonly fresh: Mutation[]
  /** The device's last mutation applied before this push: the push's mutations up to it are a replay. */
  readonly lastApplied: number
  readonly lastMutationId: number
}

/** The mutations not yet applied for this client; throws `mutation_gap` when one is missing. */
function freshMutations(mutations: readonly Mutation[], lastApplied: number): Mutation[] {
  const fresh = mutations.filter((m) => m.mutationId > lastApplied)
  fresh.forEach((m, i) => {
    const expected = lastApplied + 1 + i
    if (m.mutationId !== expected) throw new ApiError(409, 'mutation_gap', { expected, received: m.mutationId, lastMutationId: lastApplied })
  })
  return fresh
}

/**
 * Where this push continues the device's sequence of mutations. A device the server has applied
 * nothing from yet starts where its outbox starts: after the server was restored from a backup,
 * a device may have had mutations acknowledged that the server no longer has; it then comes back
 * under a new client id (the engine does so on `mutation_gap`) and its waiting changes still go in.
 */
function appliedBefore(mutations: readonly Mutation[], lastApplied: number): number {
  if (lastApplied !== 0 || mutations.length === 0) return lastApplied
  return Math.max(0, Math.min(...mutations.map((m) => m.mutationId)) - 1)
}

/**
 * The mutation with CPR numbers masked in its free-text fields, as the device does before
 * storing: an old client or a crafted request cannot put a CPR number into the database.
 */
function masked(m: Mutation): Mutation {
  if (m.op === 'delete') return m
  const { fields } = maskRecordFields(m.table, m.fields)
  return fields === m.fields ? m : { ...m, fields }
}

/** Checks each job's device and sequence; a job that fails gets its error in `outcomes` and is left out. */
function readyJobs(jobs: readonly PushJob[], claimed: ReadonlyMap<string, number>, outcomes: PushOutcome[]): Ready[] {
  const ready: Ready[] = []
  jobs.forEach((job, index) => {
    const last = claimed.get(job.request.clientId)
    if (last === undefined) {
      outcomes[index] = { ok: false, error: new ApiError(403, 'client_not_yours') }
      return
    }
    try {
      const lastApplied = appliedBefore(job.request.mutations, last)
      const fresh = freshMutations(job.request.mutations, lastApplied).map(masked)
      ready.push({ index, job, fresh, lastApplied, lastMutationId: fresh.at(-1)?.mutationId ?? lastApplied })
    } catch (error) {
      outcomes[index] = { ok: false, error }
    }
  })
  return ready
}

interface Applied {
  readonly writes: RecordWrite[]
  /** Each change of a team's deletion deadline, by the mutation that made it. */
  readonly deadlines: DeadlineChange[]
  /** Per ready job, in order: the conflicts and refusals to answer it with. */
  readonly results: { conflicts: Conflict[]; rejected: RejectedMutation[] }[]
}

/**
 * Where the first, counting merge numbers its changes: above every real sequence number, as the
 * real numbers will be above every revision a device can have seen.
 */
const PROVISIONAL_START = 2 ** 52

/**
 * Runs the merge for each mutation of each job in order, as if the jobs had come one after the
 * other; each changed record is numbered once, from `startSeq + 1` in order of first change.
 * A base revision is taken as at most `startSeq` (no device can have seen a later one), so the
 * counting run (from PROVISIONAL_START) and the real run clash on the same fields even where two
 * pushes of one batch change one record.
 */
function applyInOrder(ready: readonly Ready[], stored: Map<string, StoredRecord>, startSeq: number, openLoans: OpenLoans, facts: ReadonlyMap<string, StoredRecord>): Applied {
  const writes = new Map<string, RecordWrite>()
  const find = (table: string, id: string) => writes.get(recordKey(table, id)) ?? stored.get(recordKey(table, id)) ?? facts.get(recordKey(table, id)) ?? null
  const loans = new LoanTracker(openLoans)
  const deadlines: DeadlineChange[] = []
  const results = ready.map(({ job, fresh }) => {
    const { actor, request: { clientId }, now } = job
    const conflicts: Conflict[] = []
    const rejected: RejectedMutation[] = []
    for (const m of fresh) {
      const key = recordKey(m.table, m.recordId)
      const pending = writes.get(key)
      const current = pending ?? stored.get(key) ?? null
      if (!canWrite(actor, m, current && { teamId: current.teamId, content: current.state.content, createdBy: current.createdBy })) {
        rejected.push({ mutationId: m.mutationId, table: m.table, recordId: m.recordId, reason: 'forbidden' })
        continue
      }
      const overCampaign = campaignRefusal(actor, m, current, find)
      if (overCampaign) {
        rejected.push({ mutationId: m.mutationId, table: m.table, recordId: m.recordId, reason: overCampaign })
        continue
      }
      const rev = pending?.seq ?? startSeq + writes.size + 1
      const baseRev = Math.min(m.baseRev, startSeq)
      const result = mergeMutation(current?.state ?? null, { op: m.op, fields: m.fields, baseRev, clientId, rev, now })
      const teamId = current?.teamId ?? String(m.fields.teamId)
      // A re-sent put leaves its loan unchanged; a patch is checked even when it only clashed (a second return).
      if (m.table === 'loans' && (m.op === 'patch' || result.outcome !== 'unchanged')) {
        const asset = assetOf(m.fields.assetId ?? current?.state.content.assetId, writes, stored)
        const refusal = loans.refusal(m, teamId, current, result.state, asset)
        if (refusal) {
          rejected.push({ mutationId: m.mutationId, table: m.table, recordId: m.recordId, reason: refusal })
          continue
        }
      }
      for (const clash of result.clashes) conflicts.push({ table: m.table, id: m.recordId, ...clash, mutationId: m.mutationId })
      if (result.outcome === 'unchanged' || !result.state) continue
      const write: RecordWrite = {
        table: m.table, id: m.recordId, seq: rev, state: result.state,
        teamId,
        createdBy: current?.createdBy ?? actor.id,
      }
      writes.set(key, write)
      if (m.table === 'loans') loans.applied(m.recordId, result.state)
      const deadline = deadlineChange(m.table, write.teamId, m.recordId, current?.state.content ?? null, result.state.content, actor.id, now)
      if (deadline) deadlines.push(deadline)
    }
    return { conflicts, rejected }
  })
  return { writes: [...writes.values()], deadlines, results }
}

/** One transaction for a whole batch; a job's own error (gap, not its device) does not stop the others. */
async function batchOnce(storage: Storage, jobs: readonly PushJob[]): Promise<{ outcomes: PushOutcome[]; nudge: Nudge | null }> {
  return storage.db.transaction().execute(async (trx) => {
    const outcomes: PushOutcome[] = new Array(jobs.length)
    const claimed = await claimClients(trx, jobs.map(({ actor, request, now }) => ({ clientId: request.clientId, userId: actor.id, now })))
    const ready = readyJobs(jobs, claimed, outcomes)
    const keys = ready.flatMap((r) => [...r.fresh.map((m) => ({ table: m.table, id: m.recordId })), ...loanAssetKeys(r.fresh)])
    // Records are read and locked first; the merge runs once to count the changes, so the
    // counter row (the global ordering lock) is held only for numbering, writing and commit.
    const stored = keys.length > 0 ? await loadRecords(trx, storage.kind, keys, storage.lockRows) : new Map<string, StoredRecord>()
    const openLoans = await loadOpenLoans(trx, ready.flatMap((r) => r.fresh))
    const facts = await loadCampaignFacts(trx, storage, ready.flatMap((r) => r.fresh), stored)
    const counted = applyInOrder(ready, stored, PROVISIONAL_START, openLoans, facts)
    await saveClientProgress(trx, ready.filter((r) => r.fresh.length > 0).map(({ job, lastMutationId }) => (
      { clientId: job.request.clientId, userId: job.actor.id, now: job.now, lastMutationId })))
    const raised = await recordAnswers(trx, ready.map(({ job }, i) => ({ job, ...counted.results[i]! })))
    const earlier = await replayAnswers(trx, ready)
    const changes = counted.writes.length
    let applied = counted
    let head: number
    let nudge: Nudge | null = null
    if (changes === 0) {
      head = (await readSequence(trx)).seq
    } else {
      const teams = [...new Set(counted.writes.map((w) => w.teamId))]
      head = await storage.allocateSequence(trx, changes, teams)
      applied = applyInOrder(ready, stored, head - changes, openLoans, facts)
      const sameConflicts = applied.results.every((r, i) => r.conflicts.length === counted.results[i]!.conflicts.length)
      if (applied.writes.length !== changes || !sameConflicts) throw new Error('merge was not deterministic')
      const created = applied.writes.filter((w) => !stored.has(recordKey(w.table, w.id)))
      await writeRecords(trx, storage.kind, applied.writes, new Set(created))
      await auditDeadlineChanges(trx, applied.deadlines)
      nudge = { seq: head, teams }
    }
    ready.forEach((r, i) => {
      const conflicts = [...earlier[i]!.conflicts, ...raised[i]!]
      const rejected = [...earlier[i]!.rejected, ...applied.results[i]!.rejected]
      outcomes[r.index] = { ok: true, response: { lastMutationId: r.lastMutationId, seq: head, conflicts, rejected } }
    })
    return { outcomes, nudge }
  })
}

/** Runs a batch, again when it clashed with a concurrent one; throws what it cannot recover from. */
async function batchWithRetries(storage: Storage, jobs: readonly PushJob[]): Promise<PushOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { outcomes, nudge } = await batchOnce(storage, jobs)
      if (nudge) storage.notifyAfterCommit(nudge)
      return outcomes
    } catch (error) {
      if (attempt >= ATTEMPTS || !storage.isRetryable(error)) throw error
    }
  }
}

/**
 * Applies validated pushes of different devices in one transaction (group commit: under load,
 * one transaction, one sequence allocation and one commit serve many devices). Each push is
 * applied as if the pushes had come one after the other in the given order: each mutation
 * exactly once per (client, mutationId), a gap rejects that whole push, forbidden mutations are
 * skipped and reported, every changed record gets the next sequence number, committed in order;
 * nudges go out on commit. If the batch fails as a whole, each push is tried alone, so one push
 * that breaks the database cannot fail the others.
 */
export async function applyPushes(storage: Storage, jobs: readonly PushJob[]): Promise<PushOutcome[]> {
  const devices = new Set(jobs.map((j) => j.request.clientId))
  if (devices.size !== jobs.length) throw new Error('a batch holds at most one push per device')
  try {
    return await batchWithRetries(storage, jobs)
  } catch (error) {
    if (jobs.length === 1) return [{ ok: false, error }]
  }
  const outcomes: PushOutcome[] = []
  for (const job of jobs) outcomes.push(...(await applyPushes(storage, [job])))
  return outcomes
}

/** Applies one validated push on its own (see applyPushes). */
export async function applyPush(storage: Storage, actor: Actor, request: PushRequest, now: number = Date.now()): Promise<PushResponse> {
  const [outcome] = await applyPushes(storage, [{ actor, request, now }])
  if (!outcome!.ok) throw outcome!.error
  return outcome!.response
}
