import { sql } from 'kysely'
import { PHOTO_TABLES } from '../../domain/photos.ts'
import type { Db } from './schema.ts'

// Photos are team-scoped rows keyed by content hash. A photo is kept only while a live record of
// its team refers to its hash: a record's photo list is JSON in `records.data`, and a hash is 64
// hex digits, so a LIKE on the data finds the records that name it on SQLite and PostgreSQL alike.

/** A stored photo as the routes read it. */
export interface StoredPhoto {
  readonly teamId: string
  readonly hash: string
  readonly contentType: string
  readonly data: Buffer
}

/** The first of `teams` with a live request, asset or tip whose photo list names `hash`; null when none does. */
export async function findPhotoTeam(db: Db, teams: readonly string[], hash: string): Promise<string | null> {
  if (teams.length === 0) return null
  const row = await db.selectFrom('records').select('team_id')
    .where('tbl', 'in', [...PHOTO_TABLES]).where('team_id', 'in', [...teams]).where('deleted_at', 'is', null)
    .where('data', 'like', `%"hash":"${hash}"%`)
    .orderBy('team_id').limit(1).executeTakeFirst()
  return row?.team_id ?? null
}

/** Stores a photo once: a second store of the same team and hash changes nothing. Returns whether it was new. */
export async function insertPhoto(db: Db, photo: StoredPhoto, createdBy: string, now: number): Promise<boolean> {
  const result = await db.insertInto('photos').values({
    team_id: photo.teamId, hash: photo.hash, content_type: photo.contentType, bytes: photo.data.length,
    data: photo.data.toString('base64'), created_by: createdBy, created_at: now,
  }).onConflict((oc) => oc.columns(['team_id', 'hash']).doNothing()).executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** The photo with `hash` in one of `teams`; null when none of them has it. */
export async function loadPhoto(db: Db, teams: readonly string[], hash: string): Promise<StoredPhoto | null> {
  if (teams.length === 0) return null
  const row = await db.selectFrom('photos').select(['team_id', 'hash', 'content_type', 'data'])
    .where('hash', '=', hash).where('team_id', 'in', [...teams]).orderBy('team_id').limit(1).executeTakeFirst()
  return row ? { teamId: row.team_id, hash: row.hash, contentType: row.content_type, data: Buffer.from(row.data, 'base64') } : null
}

/** Photo hashes each of `teams` holds, for the data-protection export. */
export async function listPhotoHashes(db: Db, teams: readonly string[]): Promise<Array<{ teamId: string; hash: string; bytes: number; contentType: string }>> {
  if (teams.length === 0) return []
  const rows = await db.selectFrom('photos').select(['team_id', 'hash', 'bytes', 'content_type']).where('team_id', 'in', [...teams]).execute()
  return rows.map((r) => ({ teamId: r.team_id, hash: r.hash, bytes: Number(r.bytes), contentType: r.content_type }))
}

/**
 * Deletes every photo (of `teams`, or of all teams) that no live record of its team names any
 * more: after a deletion, an anonymisation or an edit that took a photo off. Returns how many.
 */
export async function wipeUnreferencedPhotos(db: Db, teams?: readonly string[]): Promise<number> {
  if (teams?.length === 0) return 0
  let query = db.deleteFrom('photos')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('records as r').select('r.id')
      .whereRef('r.team_id', '=', 'photos.team_id')
      .where('r.tbl', 'in', [...PHOTO_TABLES]).where('r.deleted_at', 'is', null)
      .where('r.data', 'like', sql<string>`'%"hash":"' || photos.hash || '"%'`))))
  if (teams) query = query.where('team_id', 'in', [...teams])
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}
