import { sql } from 'kysely'
import type { DatabaseConfig } from '../config.ts'
import { migrateToLatest } from './migrations.ts'
import { openPostgres } from './postgres.ts'
import { openSqlite } from './sqlite.ts'
import type { Storage } from './storage.ts'

/** Opens the configured database and migrates it to the latest schema before returning. */
export async function openStorage(config: DatabaseConfig, onError?: (error: unknown) => void): Promise<Storage> {
  const storage = config.kind === 'postgres' ? openPostgres(config.url, onError) : openSqlite(config.file, onError)
  try {
    await migrateToLatest(storage.db as never)
    return storage
  } catch (error) {
    await storage.close()
    throw error
  }
}

/** True when the database answers a trivial query (for /api/health). */
export async function pingStorage(storage: Storage): Promise<boolean> {
  try {
    await sql`select 1`.execute(storage.db)
    return true
  } catch {
    return false
  }
}
