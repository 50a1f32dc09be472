import { deleteLoginFailure, findLoginFailure, saveLoginFailure } from '../storage/loginFailures.ts'
import type { Db } from '../storage/schema.ts'

/** Failed sign-ins allowed per IP and e-mail before the pair is locked. */
export const MAX_FAILURES = 5
/** How long a locked pair must wait. */
export const LOCK_MS = 15 * 60 * 1000
/** Failures older than this are forgotten. */
const WINDOW_MS = 15 * 60 * 1000

/** The rate-limit key: IP and normalised e-mail together. */
export function loginKey(ip: string, email: string): string {
  return `${ip}|${email.trim().toLowerCase()}`
}

/** Milliseconds until the key may try again, or 0 when it is not locked. */
export async function lockedFor(db: Db, key: string, now: number = Date.now()): Promise<number> {
  const row = await findLoginFailure(db, key)
  return row && row.lockedUntil > now ? row.lockedUntil - now : 0
}

/** Counts a failure; the fifth within the window locks the key for LOCK_MS. Stored in the database, so all instances agree. */
export async function recordFailure(db: Db, key: string, now: number = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findLoginFailure(trx, key)
    const failures = row && now - row.lastAt < WINDOW_MS ? row.failures + 1 : 1
    const lockedUntil = failures >= MAX_FAILURES ? now + LOCK_MS : 0
    await saveLoginFailure(trx, key, { failures, lockedUntil, lastAt: now })
  })
}

/** Forgets the failures of a key after a successful sign-in. */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await deleteLoginFailure(db, key)
}
