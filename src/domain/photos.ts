// Photos on a request, an asset or a tip: the record carries a list of references; the images
// themselves travel separately, by their SHA-256 content hash, after the record has synced.

/** Longest edge of a photo as stored (px): enough to read a dialog on a screenshot. */
export const PHOTO_MAX_EDGE = 1600
/** Largest photo the device stores and sends (bytes). */
export const PHOTO_MAX_BYTES = 300 * 1024
/** Most photos one record may carry. */
export const MAX_PHOTOS_PER_RECORD = 20
/** Image types the server accepts, told apart by their first bytes, never by what the client claims. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]
/** Tables whose records may carry photos. */
export const PHOTO_TABLES = ['requests', 'assets', 'tips'] as const

/** One photo as its record refers to it. */
export interface PhotoRef {
  /** SHA-256 of the stored bytes, 64 lower-case hex digits. */
  readonly hash: string
  readonly width: number
  readonly height: number
  readonly bytes: number
  readonly takenAt: number
}

const HASH = /^[0-9a-f]{64}$/

/** Whether `text` is a content hash as photos are named by (lower-case hex SHA-256). */
export function isPhotoHash(text: string): boolean {
  return HASH.test(text)
}

/** Size to draw an image of `width`×`height` at so its longest edge is at most `maxEdge`; never enlarges. */
export function resizeTarget(width: number, height: number, maxEdge: number = PHOTO_MAX_EDGE): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) throw new RangeError('an image has a positive size')
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** One attempt at encoding: the longest edge and the JPEG quality. */
export interface ShrinkStep {
  readonly maxEdge: number
  readonly quality: number
}

/** The first attempt: full size at good quality. */
export const FIRST_SHRINK_STEP: ShrinkStep = { maxEdge: PHOTO_MAX_EDGE, quality: 0.82 }
const MIN_QUALITY = 0.5
const MIN_EDGE = 320

/**
 * What to try after an attempt gave `bytes`: null when it fits `limit`; else a lower quality, then
 * a smaller edge at the first quality again; null too when nothing smaller is sensible (the caller
 * then refuses the photo rather than keep one over the limit).
 */
export function nextShrinkStep(step: ShrinkStep, bytes: number, limit: number = PHOTO_MAX_BYTES): ShrinkStep | null {
  if (bytes <= limit) return null
  if (step.quality - 0.12 >= MIN_QUALITY) return { maxEdge: step.maxEdge, quality: Math.round((step.quality - 0.12) * 100) / 100 }
  const maxEdge = Math.round(step.maxEdge * 0.75)
  if (maxEdge < MIN_EDGE) return null
  return { maxEdge, quality: FIRST_SHRINK_STEP.quality }
}

/** The image type the first bytes show (JPEG, PNG or WebP); null for anything else. */
export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to))
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** The hashes of every photo in `records`' photo lists, once each. */
export function photoHashesOf(records: Iterable<{ readonly photos?: readonly PhotoRef[] }>): Set<string> {
  const hashes = new Set<string>()
  for (const record of records) for (const photo of record.photos ?? []) hashes.add(photo.hash)
  return hashes
}
