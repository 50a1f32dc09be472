/** What the browser reports about this origin's storage. */
export interface StorageState {
  readonly persisted: boolean
  readonly usageBytes: number | null
  readonly quotaBytes: number | null
}

/**
 * Asks the browser to keep our data even under storage pressure, and reports the result.
 * Safe where the Storage API is missing (returns not persisted, unknown sizes).
 */
export async function requestPersistentStorage(): Promise<StorageState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  if (!storage?.persist) return { persisted: false, usageBytes: null, quotaBytes: null }
  const persisted = (await storage.persisted()) || (await storage.persist())
  const estimate = storage.estimate ? await storage.estimate() : {}
  return { persisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null }
}
