import type { Conflict, PushRequest, RejectedMutation } from '../../domain/protocol.ts'
import type { Actor } from '../auth/users.ts'
import { saveConflicts } from '../storage/conflicts.ts'
import { earlierAnswers, saveRefusals, type EarlierAnswer, type ReplayedRange } from '../storage/replays.ts'
import type { Trx } from '../storage/storage.ts'

/** A push of a batch as its answer needs it. */
interface AnsweredJob {
  readonly job: { readonly actor: Actor; readonly request: PushRequest; readonly now: number }
}

/**
 * Records what the merge found for each push of a batch: its conflicts (unseen until a device
 * acknowledges them) and its refusals (kept so a re-sent push is told again), one statement each
 * at most. Returns each push's conflicts as the device is told of them, with their ids.
 */
export async function recordAnswers(
  trx: Trx, results: ReadonlyArray<AnsweredJob & { readonly conflicts: readonly Conflict[]; readonly rejected: readonly RejectedMutation[] }>,
): Promise<Conflict[][]> {
  const saved = await saveConflicts(trx, results.flatMap(({ job, conflicts }) => conflicts.map((c) => ({
    userId: job.actor.id, clientId: job.request.clientId, mutationId: c.mutationId ?? 0, table: c.table,
    recordId: c.id, field: c.field, yours: c.yours, theirs: c.theirs, at: job.now,
  }))))
  await saveRefusals(trx, results.flatMap(({ job, rejected }) => rejected.map((r) => ({ ...r, userId: job.actor.id, clientId: job.request.clientId, at: job.now }))))
  let next = 0
  return results.map(({ conflicts }) => saved.slice(next, (next += conflicts.length)))
}

/**
 * What each push's re-sent mutations (those up to `lastApplied`, applied before: their answer
 * may have been lost) met then: unseen conflicts and refusals. The query runs only when a push of
 * the batch re-sends something.
 */
export async function replayAnswers(trx: Trx, pushes: ReadonlyArray<AnsweredJob & { readonly lastApplied: number }>): Promise<EarlierAnswer[]> {
  const replayed: ReplayedRange[] = pushes.flatMap(({ job: { actor, request }, lastApplied }) => {
    const from = request.mutations[0]?.mutationId
    return from !== undefined && from <= lastApplied ? [{ userId: actor.id, clientId: request.clientId, from, to: lastApplied }] : []
  })
  const earlier = replayed.length > 0 ? await earlierAnswers(trx, replayed) : new Map<string, EarlierAnswer>()
  return pushes.map(({ job }) => earlier.get(job.request.clientId) ?? { conflicts: [], rejected: [] })
}
