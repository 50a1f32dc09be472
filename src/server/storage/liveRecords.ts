import type { SyncTableName } from '../../domain/records/syncTables.ts'
import type { Db } from './schema.ts'

// Reads of live (not deleted) records for the server's own work: admin, retention, people search, demo.

/** A live record's id and content as stored (JSON text). */
export interface LiveRecordRow {
  readonly id: string
  readonly data: string
}

/** A live record with its table, team, author and sequence number. */
export interface LiveRecordFullRow extends LiveRecordRow {
  readonly table: SyncTableName
  readonly teamId: string
  readonly createdBy: string
  readonly seq: number
}

/** Whether a team record exists and is not deleted. */
export async function teamExists(db: Db, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('records').select('id')
    .where('tbl', '=', 'teams').where('id', '=', teamId).where('deleted_at', 'is', null).executeTakeFirst()
  return row !== undefined
}

/** Every live team record. */
export async function listLiveTeams(db: Db): Promise<LiveRecordRow[]> {
  return db.selectFrom('records').select(['id', 'data']).where('tbl', '=', 'teams').where('deleted_at', 'is', null).execute()
}

/** The live records of one team in the given tables, with their table. */
export async function listLiveTeamRecords(db: Db, teamId: string, tables: readonly SyncTableName[]): Promise<Array<LiveRecordRow & { table: SyncTableName }>> {
  const rows = await db.selectFrom('records').select(['tbl', 'id', 'data'])
    .where('team_id', '=', teamId).where('tbl', 'in', [...tables]).where('deleted_at', 'is', null).execute()
  return rows.map((row) => ({ table: row.tbl as SyncTableName, id: row.id, data: row.data }))
}

/** The live records of one table in any of `teams`. */
export async function listLiveRecordsOf(db: Db, table: SyncTableName, teams: readonly string[]): Promise<LiveRecordRow[]> {
  return db.selectFrom('records').select(['id', 'data'])
    .where('tbl', '=', table).where('team_id', 'in', [...teams]).where('deleted_at', 'is', null).execute()
}

/** Up to `limit` live records of `teams` with a sequence number above `afterSeq`, in sequence order. */
export async function readLiveRecordPage(db: Db, teams: readonly string[], afterSeq: number, limit: number): Promise<LiveRecordFullRow[]> {
  const rows = await db.selectFrom('records').select(['tbl', 'id', 'team_id', 'data', 'seq', 'created_by'])
    .where('team_id', 'in', [...teams]).where('deleted_at', 'is', null).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
  return rows.map((row) => ({ table: row.tbl as SyncTableName, id: row.id, teamId: row.team_id, createdBy: row.created_by, seq: row.seq, data: row.data }))
}

/** A live asset found by its label code, with its team. */
export interface AssetByCode extends LiveRecordRow {
  readonly teamId: string
}

/**
 * The live asset whose `code` is exactly `code` (a normalised label code of letters and digits), in
 * any team; undefined when there is none. The LIKE narrows the rows, the parsed field decides.
 */
export async function findAssetByCode(db: Db, code: string): Promise<AssetByCode | undefined> {
  if (!/^[A-Z0-9]+$/.test(code)) return undefined
  const rows = await db.selectFrom('records').select(['id', 'team_id', 'data'])
    .where('tbl', '=', 'assets').where('deleted_at', 'is', null).where('data', 'like', `%${code}%`).execute()
  const row = rows.find((r) => (JSON.parse(r.data) as { code?: unknown }).code === code)
  return row ? { id: row.id, teamId: row.team_id, data: row.data } : undefined
}

/** One live record's content and team, or undefined when it is missing or deleted. */
export async function getLiveRecord(db: Db, table: SyncTableName, id: string): Promise<(LiveRecordRow & { teamId: string; createdBy: string }) | undefined> {
  const row = await db.selectFrom('records').select(['id', 'data', 'team_id', 'created_by'])
    .where('tbl', '=', table).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()
  return row ? { id: row.id, data: row.data, teamId: row.team_id, createdBy: row.created_by } : undefined
}
