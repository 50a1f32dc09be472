import type { Db } from './schema.ts'

/** A live tip marked public: its id, team, sequence number of its last change and content as stored (JSON text). */
export interface PublicTipRow {
  readonly id: string
  readonly teamId: string
  readonly seq: number
  readonly data: string
}

/**
 * The live tips marked public, in any team or in `teamId` only. The LIKE narrows the rows to those
 * that may be public; the caller parses each and decides on the field itself.
 */
export async function listPublicTipRows(db: Db, teamId?: string): Promise<PublicTipRow[]> {
  let query = db.selectFrom('records').select(['id', 'team_id', 'seq', 'data'])
    .where('tbl', '=', 'tips').where('deleted_at', 'is', null).where('data', 'like', '%"public":true%')
  if (teamId !== undefined) query = query.where('team_id', '=', teamId)
  const rows = await query.execute()
  return rows.map((row) => ({ id: row.id, teamId: row.team_id, seq: Number(row.seq), data: row.data }))
}

/** Which of `hashes` the photo store holds for `teamId` (uploaded and not wiped). */
export async function listStoredPhotoHashes(db: Db, teamId: string, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const rows = await db.selectFrom('photos').select('hash').where('team_id', '=', teamId).where('hash', 'in', [...hashes]).execute()
  return new Set(rows.map((row) => row.hash))
}
