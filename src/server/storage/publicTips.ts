import type { Db } from './schema.ts'

/** A live tip marked public: its id, team and content as stored (JSON text). */
export interface PublicTipRow {
  readonly id: string
  readonly teamId: string
  readonly data: string
}

/**
 * The live tips marked public, in any team or in `teamId` only. The LIKE narrows the rows to those
 * that may be public; the caller parses each and decides on the field itself.
 */
export async function listPublicTipRows(db: Db, teamId?: string): Promise<PublicTipRow[]> {
  let query = db.selectFrom('records').select(['id', 'team_id', 'data'])
    .where('tbl', '=', 'tips').where('deleted_at', 'is', null).where('data', 'like', '%"public":true%')
  if (teamId !== undefined) query = query.where('team_id', '=', teamId)
  const rows = await query.execute()
  return rows.map((row) => ({ id: row.id, teamId: row.team_id, data: row.data }))
}
