import { uploadPhoto } from '../api/photos.ts'
import type { ApiResult } from '../api/problem.ts'
import { listDueUploads, recordUpload, wipeOrphanPhotoBlobs } from '../db/photos.ts'
import { countOutbox } from '../db/outbox.ts'
import type { UploadOutcome } from '../domain/photoQueue.ts'

/** How the upload loop reaches the server and the clock (tests and the bench pass their own). */
export interface PhotoUploadOptions {
  readonly upload?: typeof uploadPhoto
  readonly now?: () => number
}

/** Answers that say the file itself is wrong: sending it again cannot help. */
const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(['photo_too_large', 'photo_not_image'])

/**
 * What an upload's answer means for the photo. Only a file the server will never take is given up;
 * any other refusal (a damaged transfer, a 403 or 404 from a server being updated) is tried again
 * later, since the image may exist nowhere else.
 */
export function outcomeOf(result: ApiResult<unknown>): UploadOutcome {
  if (result.ok) return 'stored'
  const { kind, code } = result.problem
  if (kind === 'offline') return 'offline'
  if (code === 'photo_not_linked') return 'notLinked'
  return kind === 'rejected' && code !== undefined && REFUSED_FOR_GOOD.has(code) ? 'refused' : 'server'
}

let running: Promise<void> | null = null
let again = false

async function drain(options: PhotoUploadOptions): Promise<void> {
  const upload = options.upload ?? uploadPhoto
  const now = options.now ?? Date.now
  do {
    again = false
    await wipeOrphanPhotoBlobs()
    for (const photo of await listDueUploads(now())) {
      // Records first: a change waiting to be sent would share a slow link with the photo. The
      // sync that sends it starts the queue again.
      if (await countOutbox() > 0) return
      const outcome = outcomeOf(await upload(photo.hash, photo.blob))
      await recordUpload(photo.hash, outcome, now())
      // Without a network or with the server in trouble, the rest would fail the same way.
      if (outcome === 'offline' || outcome === 'server') return
    }
  } while (again)
}

/**
 * Sends the photos whose records have synced, one at a time, outside the sync lock: record sync
 * never waits for a photo, and no photo starts while a change waits in the outbox. Called after each sync; a call while a run is going makes it look
 * once more when done. Resolves when the queue is empty or the network gave up.
 */
export function kickPhotoUploads(options: PhotoUploadOptions = {}): Promise<void> {
  if (running) {
    again = true
    return running
  }
  running = drain(options).catch((error: unknown) => console.error(error)).finally(() => { running = null })
  return running
}
