import { sql } from 'kysely'
import type { Storage } from '../../src/server/storage/storage.ts'

/** Every table of the database, read from the catalogue, so a table added later is searched too. */
async function tableNames(storage: Storage): Promise<string[]> {
  const query = storage.kind === 'sqlite'
    ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
    : sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`
  return (await query.execute(storage.db)).rows.map((row) => row.name)
}

/** The tables (and columns) in which `text` occurs anywhere, case-insensitively: [] when it is gone. */
export async function tablesContaining(storage: Storage, text: string): Promise<string[]> {
  const found: string[] = []
  const needle = text.toLowerCase()
  for (const name of await tableNames(storage)) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(storage.db)).rows
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (String(value).toLowerCase().includes(needle)) found.push(`${name}.${column}`)
      }
    }
  }
  return [...new Set(found)]
}
