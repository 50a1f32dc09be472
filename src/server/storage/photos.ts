import { PHOTO_TABLES } from '../../domain/photos.ts'
import { takeWriteLock } from './records.ts'
import type { Db } from './schema.ts'
import type { Storage, Trx } from './storage.ts'

// Photos are team-scoped rows keyed by content hash. A photo is kept only while a live record of
// its team refers to its hash: a record's photo list is JSON in `records.data`, and a hash is 64
// hex digits, so a LIKE on the data finds the records that may name it on SQLite and PostgreSQL alike.

/** A stored photo as the routes read it. */
export interface StoredPhoto {
  readonly teamId: string
  readonly hash: string
  readonly contentType: string
  readonly data: Buffer
}

/** Each of `teams` with a live request, asset or tip whose photo list names `hash` (the LIKE narrows, the parsed list decides). */
export async function findPhotoTeams(db: Db, teams: readonly string[], hash: string): Promise<string[]> {
  if (teams.length === 0) return []
  const rows = await db.selectFrom('records').select(['team_id', 'data'])
    .where('tbl', 'in', [...PHOTO_TABLES]).where('team_id', 'in', [...teams]).where('deleted_at', 'is', null)
    .where('data', 'like', `%"hash":"${hash}"%`).execute()
  const found = new Set<string>()
  for (const row of rows) {
    const photos = (JSON.parse(row.data) as { photos?: unknown }).photos
    if (Array.isArray(photos) && photos.some((p) => (p as { hash?: unknown })?.hash === hash)) found.add(row.team_id)
  }
  return [...found].sort()
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

/** The photo hashes the stored requests, assets and tips among `keys` name now (read before a push changes them). */
export async function photoHashesIn(db: Db, keys: ReadonlyArray<{ table: string; id: string }>): Promise<string[]> {
  const wanted = keys.filter((k) => (PHOTO_TABLES as readonly string[]).includes(k.table))
  if (wanted.length === 0) return []
  const rows = await db.selectFrom('records').select(['tbl', 'id', 'data'])
    .where('tbl', 'in', [...PHOTO_TABLES]).where('id', 'in', [...new Set(wanted.map((k) => k.id))]).execute()
  const keySet = new Set(wanted.map((k) => `${k.table}/${k.id}`))
  const hashes = new Set<string>()
  for (const row of rows) {
    if (!keySet.has(`${row.tbl}/${row.id}`)) continue
    const photos = (JSON.parse(row.data) as { photos?: unknown }).photos
    if (Array.isArray(photos)) for (const p of photos) if (typeof (p as { hash?: unknown })?.hash === 'string') hashes.add((p as { hash: string }).hash)
  }
  return [...hashes]
}

/** Most hashes the narrowing LIKE is written out for; beyond it every record with a photo is read. */
const MAX_LIKE_HASHES = 50

/** The `team/hash` pairs the live requests, assets and tips of `teams` name in their photo lists. */
async function referencedPhotos(trx: Trx, teams: readonly string[], hashes?: readonly string[]): Promise<Set<string>> {
  // The LIKE only narrows the rows to parse (one pass, not one per photo); the parsed list decides.
  const narrow = hashes && hashes.length <= MAX_LIKE_HASHES ? hashes.map((hash) => `%"hash":"${hash}"%`) : ['%"hash":"%']
  const rows = await trx.selectFrom('records').select(['team_id', 'data'])
    .where('tbl', 'in', [...PHOTO_TABLES]).where('team_id', 'in', [...teams]).where('deleted_at', 'is', null)
    .where((eb) => eb.or(narrow.map((pattern) => eb('data', 'like', pattern)))).execute()
  const referenced = new Set<string>()
  for (const row of rows) {
    const photos = (JSON.parse(row.data) as { photos?: unknown }).photos
    if (!Array.isArray(photos)) continue
    for (const p of photos) if (typeof (p as { hash?: unknown })?.hash === 'string') referenced.add(`${row.team_id}/${(p as { hash: string }).hash}`)
  }
  return referenced
}

/** Rows deleted per statement: well under SQLite's bound-parameter limit. */
const DELETE_CHUNK = 500

/**
 * Deletes every photo (of `teams`, or of all teams; only `hashes` when given) that no live record
 * of its team names any more: after a deletion, an anonymisation or an edit that took a photo off.
 * One pass reads the records' photo lists (never one scan per photo), under the ordering lock
 * pushes take to number their changes, so a push cannot name a photo between the read and the
 * delete. Returns how many.
 */
export async function wipeUnreferencedPhotos(storage: Storage, teams?: readonly string[], hashes?: readonly string[]): Promise<number> {
  if (teams?.length === 0 || hashes?.length === 0) return 0
  return storage.db.transaction().execute(async (trx) => {
    await takeWriteLock(trx, storage.kind)
    await storage.lockSequence(trx)
    let query = trx.selectFrom('photos').select(['team_id', 'hash'])
    if (teams) query = query.where('team_id', 'in', [...teams])
    if (hashes) query = query.where('hash', 'in', [...hashes])
    const stored = await query.execute()
    if (stored.length === 0) return 0
    const referenced = await referencedPhotos(trx, [...new Set(stored.map((p) => p.team_id))], hashes)
    const byTeam = new Map<string, string[]>()
    for (const p of stored) {
      if (referenced.has(`${p.team_id}/${p.hash}`)) continue
      byTeam.set(p.team_id, [...(byTeam.get(p.team_id) ?? []), p.hash])
    }
    let deleted = 0
    for (const [teamId, unreferenced] of byTeam) {
      for (let i = 0; i < unreferenced.length; i += DELETE_CHUNK) {
        const result = await trx.deleteFrom('photos').where('team_id', '=', teamId)
          .where('hash', 'in', unreferenced.slice(i, i + DELETE_CHUNK)).executeTakeFirst()
        deleted += Number(result.numDeletedRows)
      }
    }
    return deleted
  })
}
