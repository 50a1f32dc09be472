import { db } from './database.ts'

/** Reads a meta value, or `fallback` when it was never set. */
export async function getMeta<T>(key: string, fallback: T): Promise<T> {
  const row = await db().meta.get(key)
  return row === undefined ? fallback : (row.value as T)
}

/** Stores a meta value (device-local; never synced). */
export async function setMeta(key: string, value: unknown): Promise<void> {
  await db().meta.put({ key, value })
}
