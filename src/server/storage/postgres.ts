import pg from 'pg'
import { Kysely, PostgresDialect, sql } from 'kysely'
import type { ServerDatabase } from './schema.ts'
import { NudgeHub, parseNudge, type Storage } from './storage.ts'

/** LISTEN/NOTIFY channel that carries nudges between instances sharing one database. */
export const NUDGE_CHANNEL = 'superbruger_sync'

const INT8_OID = 20
/** deadlock_detected, serialization_failure, unique_violation (two first inserts of one key). */
const RETRYABLE_CODES = new Set(['40P01', '40001', '23505'])

/** bigint columns hold sequence numbers and epoch ms, all far below 2^53: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

interface Listener {
  close(): Promise<void>
}

/** Keeps one dedicated connection LISTENing and reconnects after errors. */
function listen(url: string, hub: NudgeHub, onError: (error: unknown) => void): Listener {
  let client: pg.Client | null = null
  let closed = false
  let timer: NodeJS.Timeout | undefined
  const connect = async () => {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (message) => {
      const nudge = message.payload ? parseNudge(message.payload) : null
      if (nudge) hub.publish(nudge)
    })
    next.on('error', (error) => {
      onError(error)
      retry()
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${NUDGE_CHANNEL}`)
      if (closed) await next.end()
      else client = next
    } catch (error) {
      onError(error)
      next.end().catch(() => {})
      retry()
    }
  }
  const retry = () => {
    client?.end().catch(() => {})
    client = null
    if (!closed && !timer) timer = setTimeout(() => { timer = undefined; void connect() }, 1000)
  }
  const ready = connect()
  return {
    async close() {
      closed = true
      clearTimeout(timer)
      await ready
      await client?.end().catch(() => {})
    },
  }
}

/**
 * Opens a PostgreSQL pool. Pushes serialise on a row lock of the counter row, and nudges travel
 * through NOTIFY inside the push transaction, so every instance hears of committed changes only.
 */
export function openPostgres(url: string, onError: (error: unknown) => void = () => {}): Storage {
  const pool = new pg.Pool({ connectionString: url, max: 20, types })
  pool.on('error', onError)
  const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) })
  const hub = new NudgeHub()
  const listener = listen(url, hub, onError)
  return {
    kind: 'postgres',
    db,
    lockRows: true,
    isRetryable: (error) => RETRYABLE_CODES.has((error as { code?: unknown } | null)?.code as string),
    async lockSequence(trx) {
      const row = await trx.selectFrom('sync_state').select(['seq', 'purged_through']).where('id', '=', 1)
        .forUpdate().executeTakeFirstOrThrow()
      return { seq: row.seq, purgedThrough: row.purged_through }
    },
    async allocateSequence(trx, count, teams) {
      const { rows } = await sql<{ seq: number }>`update sync_state set seq = seq + ${count} where id = 1
        returning seq, pg_notify(${NUDGE_CHANNEL}, json_build_object('seq', seq, 'teams', ${JSON.stringify(teams)}::json)::text)`.execute(trx)
      return Number(rows[0]!.seq)
    },
    async notifyInTransaction(trx, nudge) {
      await sql`select pg_notify(${NUDGE_CHANNEL}, ${JSON.stringify(nudge)})`.execute(trx)
    },
    notifyAfterCommit() {},
    subscribe: (listener) => hub.subscribe(listener),
    async close() {
      await listener.close()
      await db.destroy()
    },
  }
}
