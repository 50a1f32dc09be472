import { db } from './database.ts'
import { patchRecord, RecordMissingError } from './write.ts'
import { photosToUpload, recordKey, afterUpload, type QueuedPhoto, type UploadOutcome } from '../domain/photoQueue.ts'
import { MAX_PHOTOS_PER_RECORD, PHOTO_TABLES, type PhotoRef } from '../domain/photos.ts'
import type { AssetId, RequestId, TipId } from '../domain/records/fields.ts'

/** A record that can carry photos. */
export type PhotoOwner =
  | { readonly table: 'requests'; readonly id: RequestId }
  | { readonly table: 'assets'; readonly id: AssetId }
  | { readonly table: 'tips'; readonly id: TipId }

/** A photo image as stored on this device, with its upload state. */
export interface PhotoBlobRow extends QueuedPhoto {
  readonly blob: Blob
  readonly addedAt: number
}

/** Raised when a record already carries as many photos as one may. */
export class TooManyPhotosError extends Error {
  constructor() {
    super(`A record carries at most ${MAX_PHOTOS_PER_RECORD} photos`)
    this.name = 'TooManyPhotosError'
  }
}

/**
 * Stores a photo for `owner` and adds it to the record's photo list, in one transaction with the
 * record's outbox patch: either the record names the photo and the image is here, or neither.
 */
export async function addPhoto(owner: PhotoOwner, ref: PhotoRef, blob: Blob, now: number = Date.now()): Promise<void> {
  const local = db()
  await local.transaction('rw', [local.photoBlobs, local.table(owner.table), local.outbox], async () => {
    const record = (await local.table(owner.table).get(owner.id)) as { photos?: readonly PhotoRef[]; deletedAt: number | null } | undefined
    if (!record || record.deletedAt !== null) throw new RecordMissingError(owner.table, owner.id)
    const photos = record.photos ?? []
    if (photos.some((p) => p.hash === ref.hash)) return
    if (photos.length >= MAX_PHOTOS_PER_RECORD) throw new TooManyPhotosError()
    await local.photoBlobs.put({ hash: ref.hash, table: owner.table, recordId: owner.id, state: 'upload', tries: 0, nextAt: 0, blob, addedAt: now })
    await patchRecord(owner.table, owner.id, { photos: [...photos, ref] }, now)
  })
}

/**
 * Takes a photo off its record, then drops the image here unless another record names the same
 * picture (the server likewise wipes it once no record names it).
 */
export async function removePhoto(owner: PhotoOwner, hash: string, now: number = Date.now()): Promise<void> {
  const local = db()
  await local.transaction('rw', [local.table(owner.table), local.outbox], async () => {
    const record = (await local.table(owner.table).get(owner.id)) as { photos?: readonly PhotoRef[] } | undefined
    const photos = record?.photos ?? []
    if (!photos.some((p) => p.hash === hash)) return
    await patchRecord(owner.table, owner.id, { photos: photos.filter((p) => p.hash !== hash) }, now)
  })
  await wipeOrphanPhotoBlobs()
}

/** The image of a photo if this device has it. */
export async function readPhotoBlob(hash: string): Promise<Blob | undefined> {
  return (await db().photoBlobs.get(hash))?.blob
}

/** Keeps an image fetched from the server for viewing offline (never uploaded again). */
export async function storeFetchedPhoto(owner: PhotoOwner, hash: string, blob: Blob, now: number = Date.now()): Promise<void> {
  const local = db()
  await local.transaction('rw', local.photoBlobs, async () => {
    if (await local.photoBlobs.get(hash)) return
    await local.photoBlobs.put({ hash, table: owner.table, recordId: owner.id, state: 'fetched', tries: 0, nextAt: 0, blob, addedAt: now })
  })
}

/** The photos due for upload now (see photosToUpload), their records synced. */
export async function listDueUploads(now: number = Date.now()): Promise<PhotoBlobRow[]> {
  const local = db()
  return local.transaction('r', [local.photoBlobs, local.outbox], async () => {
    const waiting = await local.photoBlobs.where('state').equals('upload').toArray()
    if (waiting.length === 0) return []
    const pending = new Set<string>()
    await local.outbox.each((entry) => { pending.add(recordKey(entry.table, entry.recordId)) })
    return photosToUpload(waiting, pending, now)
  })
}

/** How many photos still wait to be sent. */
export async function countWaitingUploads(): Promise<number> {
  return db().photoBlobs.where('state').equals('upload').count()
}

/** Records how an upload went (see afterUpload); a photo deleted meanwhile stays deleted. */
export async function recordUpload(hash: string, outcome: UploadOutcome, now: number = Date.now()): Promise<void> {
  const local = db()
  await local.transaction('rw', local.photoBlobs, async () => {
    const row = await local.photoBlobs.get(hash)
    if (row) await local.photoBlobs.put(afterUpload(row, outcome, now))
  })
}

/**
 * Deletes images whose record is gone, anonymised or no longer names them (deleted here or by
 * sync): a photo lives on the device only as long as its record. One this device added that lost a
 * clash over the photo list is kept while the conflict is shown, so choosing "yours" keeps it; one
 * waiting to upload is kept while its record is missing here (a download after a reset). Returns how many.
 */
export async function wipeOrphanPhotoBlobs(): Promise<number> {
  const local = db()
  return local.transaction('rw', [local.photoBlobs, local.requests, local.assets, local.tips, local.conflicts], async () => {
    const orphans: string[] = []
    const waiting: Array<{ hash: string; table: string; recordId: string }> = []
    await local.photoBlobs.each((row) => {
      orphans.push(row.hash)
      if (row.state === 'upload') waiting.push({ hash: row.hash, table: row.table, recordId: row.recordId })
    })
    const keep = new Set<string>()
    for (const name of PHOTO_TABLES) {
      await local.table(name).each((record: { photos?: readonly PhotoRef[]; deletedAt: number | null }) => {
        if (record.deletedAt === null) for (const photo of record.photos ?? []) keep.add(photo.hash)
      })
    }
    await local.conflicts.each((conflict) => {
      if (conflict.field !== 'photos') return
      for (const value of [conflict.yours, conflict.theirs]) {
        if (Array.isArray(value)) for (const photo of value as PhotoRef[]) keep.add(photo.hash)
      }
    })
    // An image not yet on the server is its only copy: while its record is missing here (its table
    // is being downloaded again after a reset) it is kept; only a record that is here and deleted,
    // or no longer names it, lets it go.
    for (const photo of waiting) {
      if (!(PHOTO_TABLES as readonly string[]).includes(photo.table)) continue
      const record = await local.table(photo.table).get(photo.recordId) as { deletedAt: number | null } | undefined
      if (record === undefined) keep.add(photo.hash)
    }
    const gone = orphans.filter((hash) => !keep.has(hash))
    await local.photoBlobs.bulkDelete(gone)
    return gone.length
  })
}

/** The local state of each of `hashes` this device holds (absent: only on the server). */
export async function listPhotoStates(hashes: readonly string[]): Promise<Map<string, PhotoBlobRow['state']>> {
  const rows = await db().photoBlobs.bulkGet([...hashes])
  return new Map(rows.filter((row) => row !== undefined).map((row) => [row.hash, row.state]))
}
