import { createSyncApi } from '../api/sync.ts'
import type { ApiProblem } from '../api/problem.ts'
import { db, type SuperbrugerDb } from '../db/database.ts'
import { readOutboxBatch } from '../db/outbox.ts'
import { acknowledgeOutbox } from '../db/pushAnswer.ts'
import { conflictsToAcknowledge, forgetAcknowledged, storeServerConflicts } from '../db/serverConflicts.ts'
import { applyPulledPage, resetLocalCopies } from '../db/syncApply.ts'
import {
  ensureClientId, getBase, getCursor, recordSyncFailure, recordSyncSuccess, renewClientId,
} from '../db/syncState.ts'
import { MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT, MAX_PUSH_BYTES, MAX_SEEN_CONFLICTS } from '../domain/protocol.ts'
import { withSyncLock } from './lock.ts'
import type { Transport } from './transport.ts'

/** What one sync did, or why it stopped (the outbox is kept in every failure). */
export type SyncResult =
  | { readonly ok: true; readonly pushed: number; readonly pulled: number; readonly conflicts: number; readonly rejected: number }
  | { readonly ok: false; readonly problem: ApiProblem }

/** How an engine reaches its database and the server. */
export interface SyncEngineOptions {
  /** The local database to sync (default: the signed-in profile's). */
  readonly database?: () => SuperbrugerDb
  readonly transport?: Transport
  /** Records per pull page. */
  readonly pullLimit?: number
  /** Mutations per push. */
  readonly pushLimit?: number
  readonly now?: () => number
}

/** One device's sync engine. */
export interface SyncEngine {
  /** Pushes the outbox, then pulls everything new; one at a time per database across tabs. */
  syncOnce(): Promise<SyncResult>
}

/** Leaves room under the server's body limit for the JSON around the mutations. */
const PUSH_BYTE_BUDGET = Math.floor(MAX_PUSH_BYTES * 0.8)
/** A sync never loops forever on a server that keeps asking for a reset. */
const MAX_RESETS = 2

class Stop extends Error {
  constructor(readonly result: Extract<SyncResult, { ok: false }>) {
    super(result.problem.kind)
  }
}

/** Creates the sync engine: push in order and in batches, then pull pages from the stored cursor. */
export function createSyncEngine(options: SyncEngineOptions = {}): SyncEngine {
  const database = options.database ?? db
  const transport = options.transport ?? createSyncApi()
  const pullLimit = options.pullLimit ?? MAX_PULL_LIMIT
  const pushLimit = options.pushLimit ?? MAX_MUTATIONS_PER_PUSH
  const now = options.now ?? Date.now

  async function push(local: SuperbrugerDb, firstClientId: string) {
    let clientId = firstClientId
    let renewed = false
    let pushed = 0
    let conflicts = 0
    let rejected = 0
    for (;;) {
      const batch = await readOutboxBatch(pushLimit, PUSH_BYTE_BUDGET, local)
      if (batch.length === 0) break
      let answer = await transport.push({ clientId, mutations: batch })
      if (!answer.ok && answer.problem.code === 'mutation_gap' && !renewed) {
        // The server lost mutations it had acknowledged (restored from a backup): go on as a new device.
        clientId = await renewClientId(local)
        renewed = true
        answer = await transport.push({ clientId, mutations: batch })
      }
      if (!answer.ok) throw new Stop(answer)
      const { lastMutationId } = answer.value
      const acknowledged = await acknowledgeOutbox(lastMutationId, answer.value, now(), local)
      const sent = batch.filter((m) => m.mutationId <= lastMutationId).length
      pushed += sent
      conflicts += acknowledged.conflicts
      rejected += answer.value.rejected.length
      // The server acknowledged nothing of this batch: stop instead of sending it forever.
      if (sent === 0) throw new Stop({ ok: false, problem: { kind: 'server', code: 'no_progress' } })
    }
    return { pushed, conflicts, rejected }
  }

  /** Pulls every page; returns how many records came and how many conflicts were newly stored. */
  async function pull(local: SuperbrugerDb): Promise<{ pulled: number; conflicts: number }> {
    let pulled = 0
    let resets = 0
    let answer = await transport.pull(await getCursor(local), pullLimit, await getBase(local))
    for (;;) {
      if (!answer.ok) throw new Stop(answer)
      const page = answer.value
      if (page.resetRequired) {
        if (++resets > MAX_RESETS) throw new Stop({ ok: false, problem: { kind: 'server', code: 'reset_loop' } })
        await resetLocalCopies(local)
        answer = await transport.pull(0, pullLimit)
        continue
      }
      // The next page downloads while this one is written (the transport never rejects, so a
      // failed write leaves nothing dangling); the cursor still moves only with a written page.
      const next = page.hasMore ? transport.pull(page.nextCursor, pullLimit, page.base) : null
      await applyPulledPage(page.records, page.nextCursor, local, page.base)
      pulled += page.records.length
      if (!next) return { pulled, conflicts: await storeServerConflicts(page.conflicts ?? [], now(), local) }
      answer = await next
    }
  }

  /**
   * Tells the server which conflicts this device has stored. One that fails stays in the list
   * and goes with the next sync; the server delivers those conflicts until then, and they are
   * not stored twice. It never fails the sync: everything else is in sync.
   */
  async function acknowledgeConflicts(local: SuperbrugerDb): Promise<void> {
    const ids = await conflictsToAcknowledge(local)
    for (let i = 0; i < ids.length; i += MAX_SEEN_CONFLICTS) {
      const chunk = ids.slice(i, i + MAX_SEEN_CONFLICTS)
      const answer = await transport.conflictsSeen(chunk)
      if (!answer.ok) return
      await forgetAcknowledged(chunk, local)
    }
  }

  async function run(local: SuperbrugerDb): Promise<SyncResult> {
    try {
      const clientId = await ensureClientId(local)
      const sent = await push(local, clientId)
      const { pulled, conflicts } = await pull(local)
      await acknowledgeConflicts(local)
      await recordSyncSuccess(now(), local)
      return { ok: true, ...sent, conflicts: sent.conflicts + conflicts, pulled }
    } catch (error) {
      const failure: Extract<SyncResult, { ok: false }> = error instanceof Stop
        ? error.result
        : { ok: false, problem: { kind: 'local', message: error instanceof Error ? error.message : String(error) } }
      await recordSyncFailure(failure.problem, now(), local).catch(() => undefined)
      return failure
    }
  }

  return {
    syncOnce() {
      const local = database()
      return withSyncLock(local.name, () => run(local))
    },
  }
}
