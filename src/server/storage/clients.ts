import { sql } from 'kysely'
import type { Trx } from './storage.ts'

/** A device pushing for a user at a time. */
export interface ClientClaim {
  readonly clientId: string
  readonly userId: string
  readonly now: number
}

/** A device's new acknowledged position: the last mutation id applied from it. */
export interface ClientProgress extends ClientClaim {
  readonly lastMutationId: number
}

/**
 * Registers devices on their first push and locks their rows (the upsert takes the row locks on
 * PostgreSQL, in client id order so concurrent batches cannot deadlock), so one device's pushes
 * run one at a time. Returns each device's last applied mutation id; a device registered to
 * another user is left untouched and missing from the result.
 */
export async function claimClients(trx: Trx, claims: readonly ClientClaim[]): Promise<Map<string, number>> {
  const sorted = [...claims].sort((a, b) => (a.clientId < b.clientId ? -1 : 1))
  const values = sorted.map(({ clientId, userId, now }) => sql`(${clientId}, ${userId}, 0, ${now}, ${now})`)
  const { rows } = await sql<{ client_id: string; last_mutation_id: number }>`
    insert into clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) values ${sql.join(values)}
    on conflict (client_id) do update set last_seen_at = excluded.last_seen_at where clients.user_id = excluded.user_id
    returning client_id, last_mutation_id`.execute(trx)
  return new Map(rows.map((row) => [row.client_id, Number(row.last_mutation_id)]))
}

/** Moves each device's acknowledged position to the given mutation id (devices already claimed in `trx`). */
export async function saveClientProgress(trx: Trx, progress: readonly ClientProgress[]): Promise<void> {
  if (progress.length === 0) return
  const values = progress.map((p) => sql`(${p.clientId}, ${p.userId}, ${p.lastMutationId}, ${p.now}, ${p.now})`)
  await sql`insert into clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) values ${sql.join(values)}
    on conflict (client_id) do update set last_mutation_id = excluded.last_mutation_id`.execute(trx)
}
