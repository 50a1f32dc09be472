import type { OutboxEntry, SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import type { Mutation } from '../domain/protocol.ts'

// The outbox: local changes waiting to be sent, in order. Kept light (it loads with the first
// screen, as every write queues here); handling the server's answer is in pushAnswer.ts.

/**
 * Queues one local change to be sent: the only place a mutation enters the outbox. Call it inside
 * the transaction that writes the record (it must include the outbox table), so the record and its
 * mutation are stored together or not at all. The outbox numbers mutations in the order queued.
 */
export async function queueMutation(mutation: Omit<Mutation, 'mutationId'>, database: SuperbrugerDb = db()): Promise<void> {
  await database.outbox.add(mutation)
}

/** How many local changes wait to be sent. */
export async function countOutbox(database: SuperbrugerDb = db()): Promise<number> {
  return database.outbox.count()
}

/**
 * The oldest queued changes in mutationId order, at most `maxCount` and about `maxBytes` of
 * JSON (always at least one, so a big entry still goes out alone).
 */
export async function readOutboxBatch(maxCount: number, maxBytes: number, database: SuperbrugerDb = db()): Promise<Mutation[]> {
  const entries = await database.outbox.limit(maxCount).toArray()
  const batch: Mutation[] = []
  let bytes = 0
  for (const entry of entries) {
    bytes += JSON.stringify(entry).length
    if (batch.length > 0 && bytes > maxBytes) break
    batch.push(entry as Mutation)
  }
  return batch
}

/** Every queued change in order (re-applied over pulled records). */
export async function listOutbox(database: SuperbrugerDb = db()): Promise<OutboxEntry[]> {
  return database.outbox.toArray()
}
