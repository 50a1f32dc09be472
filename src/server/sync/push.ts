import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { maskRecordFields } from '../../domain/freeText.ts'
import { mergeMutation } from '../../domain/merge.ts'
import type { Conflict, Mutation, PushRequest, PushResponse, RejectedMutation } from '../../domain/protocol.ts'
import { auditDeadlineChanges } from '../audit/deadlineChanges.ts'
import type { Actor } from '../auth/users.ts'
import { ApiError } from '../errors.ts'
import { loadRecords, readHead, recordKey, writeRecords, type RecordWrite, type StoredRecord } from '../storage/records.ts'
import type { Nudge, Storage, Trx } from '../storage/storage.ts'
import { canWrite } from './access.ts'

/** How often a push that clashed with a concurrent one (deadlock, duplicate first insert) is retried. */
const ATTEMPTS = 3

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

/**
 * Registers the device on its first push and locks its row (the upsert takes the row lock on
 * PostgreSQL), so one device's pushes run one at a time. Returns its last applied mutation id.
 */
async function claimClient(trx: Trx, actor: Actor, clientId: string, now: number): Promise<number> {
  const { rows } = await sql<{ user_id: string; last_mutation_id: number }>`
    insert into clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) values (${clientId}, ${actor.id}, 0, ${now}, ${now})
    on conflict (client_id) do update set last_seen_at = excluded.last_seen_at
    returning user_id, last_mutation_id`.execute(trx)
  const client = rows[0]!
  if (client.user_id !== actor.id) throw new ApiError(403, 'client_not_yours')
  return Number(client.last_mutation_id)
}

interface Applied {
  readonly writes: RecordWrite[]
  readonly conflicts: Conflict[]
  readonly rejected: RejectedMutation[]
}

/** Runs the merge for each mutation in order; each changed record is numbered once, from `startSeq + 1` in order of first change. */
function applyInOrder(actor: Actor, clientId: string, fresh: Mutation[], stored: Map<string, StoredRecord>, startSeq: number, now: number): Applied {
  const writes = new Map<string, RecordWrite>()
  const conflicts: Conflict[] = []
  const rejected: RejectedMutation[] = []
  for (const m of fresh) {
    const key = recordKey(m.table, m.recordId)
    const pending = writes.get(key)
    const current = pending ?? stored.get(key) ?? null
    if (!canWrite(actor, m, current && { teamId: current.teamId, content: current.state.content })) {
      rejected.push({ mutationId: m.mutationId, table: m.table, recordId: m.recordId, reason: 'forbidden' })
      continue
    }
    const rev = pending?.seq ?? startSeq + writes.size + 1
    const result = mergeMutation(current?.state ?? null, { op: m.op, fields: m.fields, baseRev: m.baseRev, clientId, rev, now })
    for (const clash of result.clashes) conflicts.push({ table: m.table, id: m.recordId, ...clash, mutationId: m.mutationId })
    if (result.outcome === 'unchanged' || !result.state) continue
    writes.set(key, {
      table: m.table, id: m.recordId, seq: rev, state: result.state,
      teamId: current?.teamId ?? String(m.fields.teamId),
      createdBy: current?.createdBy ?? actor.id,
    })
  }
  return { writes: [...writes.values()], conflicts, rejected }
}

async function saveConflicts(trx: Trx, actor: Actor, clientId: string, conflicts: Conflict[], now: number): Promise<void> {
  if (conflicts.length === 0) return
  await trx.insertInto('conflicts').values(conflicts.map((c) => ({
    id: randomUUID(), user_id: actor.id, client_id: clientId, mutation_id: c.mutationId ?? 0, tbl: c.table,
    record_id: c.id, field: c.field, yours: JSON.stringify(c.yours) ?? 'null', theirs: JSON.stringify(c.theirs) ?? 'null', at: now,
  }))).execute()
}

async function pushOnce(storage: Storage, actor: Actor, request: PushRequest, now: number): Promise<{ response: PushResponse; nudge: Nudge | null }> {
  return storage.db.transaction().execute(async (trx) => {
    const lastApplied = appliedBefore(request.mutations, await claimClient(trx, actor, request.clientId, now))
    const fresh = freshMutations(request.mutations, lastApplied).map(masked)
    const lastMutationId = fresh.at(-1)?.mutationId ?? lastApplied
    if (fresh.length === 0) {
      return { response: { lastMutationId, seq: await readHead(trx), conflicts: [], rejected: [] }, nudge: null }
    }
    // Records are read and locked first; the merge runs once to count the changes, so the
    // counter row (the global ordering lock) is held only for numbering, writing and commit.
    const stored = await loadRecords(trx, fresh.map((m) => ({ table: m.table, id: m.recordId })), storage.lockRows)
    const counted = applyInOrder(actor, request.clientId, fresh, stored, 0, now)
    await sql`update clients set last_mutation_id = ${lastMutationId} where client_id = ${request.clientId}`.execute(trx)
    await saveConflicts(trx, actor, request.clientId, counted.conflicts, now)
    const changes = counted.writes.length
    if (changes === 0) {
      const response = { lastMutationId, seq: await readHead(trx), conflicts: counted.conflicts, rejected: counted.rejected }
      return { response, nudge: null }
    }
    const teams = [...new Set(counted.writes.map((w) => w.teamId))]
    const head = await storage.allocateSequence(trx, changes, teams)
    const applied = applyInOrder(actor, request.clientId, fresh, stored, head - changes, now)
    if (applied.writes.length !== changes) throw new Error('merge was not deterministic')
    await writeRecords(trx, applied.writes)
    await auditDeadlineChanges(trx, actor.id, stored, applied.writes, now)
    const nudge: Nudge = { seq: head, teams }
    return { response: { lastMutationId, seq: head, conflicts: applied.conflicts, rejected: applied.rejected }, nudge }
  })
}

/**
 * Applies a validated push in one transaction: each mutation exactly once per (client,
 * mutationId), a gap rejects the whole push, forbidden mutations are skipped and reported, and
 * every changed record gets the next sequence number, committed in order. Nudges go out on commit.
 */
export async function applyPush(storage: Storage, actor: Actor, request: PushRequest, now: number = Date.now()): Promise<PushResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { response, nudge } = await pushOnce(storage, actor, request, now)
      if (nudge) storage.notifyAfterCommit(nudge)
      return response
    } catch (error) {
      if (attempt >= ATTEMPTS || !storage.isRetryable(error)) throw error
    }
  }
}
