import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely'
import type { ServerDatabase } from './schema.ts'
import { startCheckpointer } from './sqliteCheckpointer.ts'
import { NudgeHub, type Storage } from './storage.ts'

const require = createRequire(import.meta.url)

const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, so keep the most
 * recent ones by SQL text (preparing was a third of the cost of a small push).
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql)
      } else {
        statement = database.prepare(sql) as unknown as SqliteStatement
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      }
      cache.set(sql, statement)
      return statement
    },
  }
}

/**
 * Opens (creating if needed) a SQLite file in WAL mode. One connection serves the process, so
 * writes are serialised and sequence numbers commit in order without an extra lock.
 */
export function openSqlite(file: string, onError: (error: unknown) => void = () => {}): Storage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const database = new Database(file)
  database.pragma('journal_mode = WAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('synchronous = NORMAL')
  database.pragma('foreign_keys = ON')
  // Checkpoints run in a worker; SQLite's own (inside a commit) only until it is ready or if it fails.
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file, require.resolve('better-sqlite3'),
    () => { if (database.open) database.pragma('wal_autocheckpoint = 0') },
    (error) => {
      if (database.open) database.pragma('wal_autocheckpoint = 1000')
      onError(error)
    })
  const db = new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
  const hub = new NudgeHub()
  return {
    kind: 'sqlite',
    db,
    lockRows: false,
    isRetryable: () => false,
    async lockSequence(trx) {
      const row = await trx.selectFrom('sync_state').select(['seq', 'purged_through']).where('id', '=', 1).executeTakeFirstOrThrow()
      return { seq: row.seq, purgedThrough: row.purged_through }
    },
    async allocateSequence(trx, count) {
      const { rows } = await sql<{ seq: number }>`update sync_state set seq = seq + ${count} where id = 1 returning seq`.execute(trx)
      return rows[0]!.seq
    },
    async notifyInTransaction() {},
    notifyAfterCommit(nudge) {
      hub.publish(nudge)
    },
    subscribe: (listener) => hub.subscribe(listener),
    async close() {
      await db.destroy()
      await checkpointer?.stop()
    },
  }
}
