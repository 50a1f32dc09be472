import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { addPhoto, listDueUploads, readPhotoBlob, recordUpload, removePhoto, TooManyPhotosError, wipeOrphanPhotoBlobs } from '../../../src/db/photos.ts'
import { acknowledgeOutbox } from '../../../src/db/pushAnswer.ts'
import { resetLocalCopies } from '../../../src/db/syncApply.ts'
import { resolveConflict } from '../../../src/db/conflicts.ts'
import { createRecord, deleteRecord, RecordMissingError } from '../../../src/db/write.ts'
import { MAX_PHOTOS_PER_RECORD, type PhotoRef } from '../../../src/domain/photos.ts'
import type { PersonId, RequestId, TeamId } from '../../../src/domain/records/fields.ts'
import { kickPhotoUploads } from '../../../src/sync/photoUpload.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const ref = (n: number): PhotoRef => ({ hash: n.toString(16).padStart(64, '0'), width: 1600, height: 1200, bytes: 10, takenAt: 1000 })
const blob = (n: number) => new Blob([`image ${n}`], { type: 'image/jpeg' })

async function newTip() {
  const tip = await createRecord('tips', author, { title: 'Del kalender', body: 'Sådan', tags: [], category: null, requestIds: [] })
  return { table: 'tips' as const, id: tip.id }
}

async function clearOutbox() {
  const ids = (await db().outbox.toArray()).map((m) => m.mutationId!)
  await acknowledgeOutbox(Math.max(...ids), { conflicts: [], rejected: [] }, 4000)
}

describe('photos on the device', () => {
  it('stores the image and the record’s new photo list in one go, with a patch of only the list queued', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(1), blob(1), 2000)
    expect((await db().tips.get(owner.id))?.photos).toEqual([ref(1)])
    expect(await readPhotoBlob(ref(1).hash)).toBeDefined()
    const patch = (await db().outbox.toArray()).at(-1)
    expect(patch).toMatchObject({ op: 'patch', recordId: owner.id, fields: { photos: [ref(1)], updatedAt: 2000 } })
    await addPhoto(owner, ref(1), blob(1), 3000)
    expect((await db().tips.get(owner.id))?.photos).toHaveLength(1)
  })

  it('keeps neither the image nor a patch when the record is gone or full', async () => {
    await expect(addPhoto({ table: 'requests', id: 'missing' as RequestId }, ref(2), blob(2))).rejects.toBeInstanceOf(RecordMissingError)
    expect(await db().photoBlobs.count()).toBe(0)
    const owner = await newTip()
    for (let i = 0; i < MAX_PHOTOS_PER_RECORD; i++) await addPhoto(owner, ref(100 + i), blob(i))
    const queued = await db().outbox.count()
    await expect(addPhoto(owner, ref(999), blob(999))).rejects.toBeInstanceOf(TooManyPhotosError)
    expect(await readPhotoBlob(ref(999).hash)).toBeUndefined()
    expect(await db().outbox.count()).toBe(queued)
  })

  it('offers a photo for upload only once its record has left the outbox, then not again once sent', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(3), blob(3))
    expect(await listDueUploads(5000)).toEqual([])
    await clearOutbox()
    expect((await listDueUploads(5000)).map((p) => p.hash)).toEqual([ref(3).hash])
    await recordUpload(ref(3).hash, 'stored', 5000)
    expect(await listDueUploads(5000)).toEqual([])
  })

  it('uploads on its own queue: a lost answer leaves the photo waiting, the next run sends it again', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(4), blob(4))
    await clearOutbox()
    const sent: string[] = []
    let clock = 10_000
    await kickPhotoUploads({ now: () => clock, upload: async (hash) => { sent.push(hash); return { ok: false, problem: { kind: 'offline', message: 'lost' } } } })
    expect((await db().photoBlobs.get(ref(4).hash))?.state).toBe('upload')
    clock += 10_000
    await kickPhotoUploads({ now: () => clock, upload: async (hash) => { sent.push(hash); return { ok: true, value: { hash, stored: false } } } })
    expect(sent).toEqual([ref(4).hash, ref(4).hash])
    expect((await db().photoBlobs.get(ref(4).hash))?.state).toBe('sent')
  })

  it('starts no photo while a change waits in the outbox; the sync that sends it starts them again', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(7), blob(7))
    await clearOutbox()
    await newTip()
    const sent: string[] = []
    const upload = async (hash: string) => { sent.push(hash); return { ok: true as const, value: { hash, stored: true } } }
    await kickPhotoUploads({ now: () => 10_000, upload })
    expect(sent).toEqual([])
    expect((await db().photoBlobs.get(ref(7).hash))?.state).toBe('upload')
    await clearOutbox()
    await kickPhotoUploads({ now: () => 10_000, upload })
    expect(sent).toEqual([ref(7).hash])
    expect((await db().photoBlobs.get(ref(7).hash))?.state).toBe('sent')
  })

  it('keeps an image two records share when one of them drops it', async () => {
    const a = await newTip()
    const b = await newTip()
    await addPhoto(a, ref(9), blob(9))
    await addPhoto(b, ref(9), blob(9))
    await removePhoto(a, ref(9).hash)
    expect(await readPhotoBlob(ref(9).hash)).toBeDefined()
    await removePhoto(b, ref(9).hash)
    expect(await readPhotoBlob(ref(9).hash)).toBeUndefined()
  })

  it('wipes the image when its record is deleted or the photo is taken off', async () => {
    const a = await newTip()
    const b = await newTip()
    await addPhoto(a, ref(5), blob(5))
    await addPhoto(b, ref(6), blob(6))
    await removePhoto(a, ref(5).hash)
    expect((await db().tips.get(a.id))?.photos).toEqual([])
    expect(await readPhotoBlob(ref(5).hash)).toBeUndefined()
    await deleteRecord('tips', b.id)
    expect(await wipeOrphanPhotoBlobs()).toBe(1)
    expect(await db().photoBlobs.count()).toBe(0)
  })

  it('keeps a photo that lost a clash over the photo list while the conflict is shown', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(7), blob(7))
    // The server kept another device's list; the pull wrote it over this device's copy.
    await db().tips.update(owner.id, { photos: [ref(8)] })
    await db().conflicts.add({ id: 'c1', table: 'tips', recordId: owner.id, field: 'photos', yours: [ref(7)], theirs: [ref(8)], mutationId: 2, at: 5 })
    expect(await wipeOrphanPhotoBlobs()).toBe(0)
    expect(await readPhotoBlob(ref(7).hash)).toBeDefined()
    await db().conflicts.clear()
    expect(await wipeOrphanPhotoBlobs()).toBe(1)
  })

  it('keeps an image not yet uploaded while its record is being downloaded again after a reset', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(9), blob(9))
    await clearOutbox()
    // A refused change elsewhere made the device drop its copies; this tip is not back yet.
    await resetLocalCopies()
    expect(await db().tips.get(owner.id)).toBeUndefined()
    expect(await wipeOrphanPhotoBlobs()).toBe(0)
    expect(await readPhotoBlob(ref(9).hash)).toBeDefined()
    expect((await listDueUploads(10_000)).map((p) => p.hash)).toEqual([ref(9).hash])
  })

  it('choosing "yours" in a clash over the photo list keeps the photos the other phone added', async () => {
    const owner = await newTip()
    await addPhoto(owner, ref(10), blob(10))
    // The server kept another phone's list; the pull wrote it over this device's copy.
    await db().tips.update(owner.id, { photos: [ref(11)] })
    await db().conflicts.add({ id: 'c2', table: 'tips', recordId: owner.id, field: 'photos', yours: [ref(10)], theirs: [ref(11)], mutationId: 2, at: 5 })
    await resolveConflict('c2', 'yours')
    expect((await db().tips.get(owner.id))?.photos?.map((p) => p.hash)).toEqual([ref(10).hash, ref(11).hash])
  })
})
