// Which photos to upload next, and what a failed upload leaves: pure, so the queue is tested
// without a browser. Uploads never hold up record sync: they run after it, one photo at a time.

/** Where a photo stands on this device. */
export type PhotoState = 'upload' | 'sent' | 'fetched' | 'refused'

/** The queue's view of one stored photo. */
export interface QueuedPhoto {
  readonly hash: string
  readonly table: string
  readonly recordId: string
  readonly state: PhotoState
  readonly tries: number
  /** Not tried again before this time (0: at once). */
  readonly nextAt: number
}

/** Waits after failed tries: 10 s, 30 s, 2 min, 10 min, then every 30 min. */
const BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000]

/** The key a record's pending outbox entries are looked up by. */
export function recordKey(table: string, recordId: string): string {
  return `${table}/${recordId}`
}

/**
 * The photos to send now, oldest try first: waiting to upload, due, and whose record has no change
 * still in the outbox (the server takes a photo only once a synced record names it).
 */
export function photosToUpload<T extends QueuedPhoto>(photos: readonly T[], pendingRecords: ReadonlySet<string>, now: number): T[] {
  return photos
    .filter((p) => p.state === 'upload' && p.nextAt <= now && !pendingRecords.has(recordKey(p.table, p.recordId)))
    .sort((a, b) => a.nextAt - b.nextAt || a.tries - b.tries)
}

/** How an upload went, as the queue tells outcomes apart. */
export type UploadOutcome = 'stored' | 'offline' | 'server' | 'notLinked' | 'refused'

/**
 * The photo's state after an upload: sent; refused for good (the server said the file itself is
 * wrong); or tried again later with a growing wait (no network, server trouble, or the record not
 * yet on the server).
 */
export function afterUpload<T extends QueuedPhoto>(photo: T, outcome: UploadOutcome, now: number): T {
  if (outcome === 'stored') return { ...photo, state: 'sent', nextAt: 0 }
  if (outcome === 'refused') return { ...photo, state: 'refused', tries: photo.tries + 1 }
  const tries = photo.tries + 1
  return { ...photo, tries, nextAt: now + BACKOFF_MS[Math.min(tries, BACKOFF_MS.length) - 1]! }
}
