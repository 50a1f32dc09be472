// Browser-only image work, loaded on demand when a photo is added (never on the first screen).
import { FIRST_SHRINK_STEP, nextShrinkStep, PHOTO_MAX_BYTES, resizeTarget, type PhotoRef } from '../../domain/photos.ts'

/** Why a chosen file could not become a photo. */
export class PhotoFileError extends Error {
  constructor(readonly reason: 'notImage' | 'tooLarge') {
    super(reason)
    this.name = 'PhotoFileError'
  }
}

async function encode(bitmap: ImageBitmap, maxEdge: number, quality: number): Promise<{ blob: Blob; width: number; height: number }> {
  const size = resizeTarget(bitmap.width, bitmap.height, maxEdge)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) throw new PhotoFileError('notImage')
  context.drawImage(bitmap, 0, 0, size.width, size.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
  if (!blob) throw new PhotoFileError('notImage')
  return { blob, ...size }
}

/** Lower-case hex SHA-256 of the bytes: the photo's name on the device and the server. */
export async function hashOf(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Turns a camera picture or a chosen file into a JPEG of at most PHOTO_MAX_EDGE px and
 * PHOTO_MAX_BYTES, lowering the quality, then the size, until it fits; with its reference.
 */
export async function preparePhoto(file: Blob, takenAt: number): Promise<{ blob: Blob; ref: PhotoRef }> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new PhotoFileError('notImage')
  }
  try {
    let step = FIRST_SHRINK_STEP
    for (;;) {
      const result = await encode(bitmap, step.maxEdge, step.quality)
      const next = nextShrinkStep(step, result.blob.size)
      if (!next) {
        if (result.blob.size > PHOTO_MAX_BYTES) throw new PhotoFileError('tooLarge')
        const ref: PhotoRef = { hash: await hashOf(result.blob), width: result.width, height: result.height, bytes: result.blob.size, takenAt }
        return { blob: result.blob, ref }
      }
      step = next
    }
  } finally {
    bitmap.close()
  }
}

/** Whether adding about `bytes` more may fail for lack of room: 'full' refuses, 'low' warns. */
export async function roomForPhoto(): Promise<'plenty' | 'low' | 'full'> {
  const estimate = await navigator.storage?.estimate?.().catch(() => null)
  if (!estimate?.quota || estimate.usage === undefined) return 'plenty'
  const { storageRoomOf } = await import('../../domain/storageRoom.ts')
  return storageRoomOf(estimate.usage, estimate.quota).level
}
