/** How much room the app's data has left on the device, in plain words for the person. */
export interface StorageRoom {
  /** plenty: nothing to do; low: say it before it runs out; full: new changes may not be saved. */
  readonly level: 'plenty' | 'low' | 'full'
  readonly freeBytes: number
  readonly usedBytes: number
}

const MB = 1024 * 1024
/** Below this much free room the app warns: a working week of requests and photos fits in far less. */
export const LOW_ROOM_BYTES = 200 * MB
/** Below this much free room a write may fail. */
export const FULL_ROOM_BYTES = 20 * MB

/** The room left from the browser's estimate (usage and quota of this origin). */
export function storageRoomOf(usageBytes: number, quotaBytes: number): StorageRoom {
  const freeBytes = Math.max(0, quotaBytes - usageBytes)
  const level = freeBytes < FULL_ROOM_BYTES ? 'full' : freeBytes < LOW_ROOM_BYTES || freeBytes < quotaBytes * 0.1 ? 'low' : 'plenty'
  return { level, freeBytes, usedBytes: usageBytes }
}

/** A size as people say it: "under 1 MB", "12 MB", "3,4 GB" (Danish decimal comma unless `en`). */
export function formatSize(bytes: number, locale: 'da' | 'en' = 'da'): string {
  if (bytes < MB) return 'under 1 MB'
  const gb = bytes / (1024 * MB)
  if (gb >= 1) {
    const text = new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: gb < 10 ? 1 : 0 }).format(gb)
    return `${text} GB`
  }
  return `${Math.round(bytes / MB)} MB`
}
