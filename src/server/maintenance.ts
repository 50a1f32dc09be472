import type { FastifyBaseLogger } from 'fastify'
import { purgeExpiredSessions } from './auth/sessions.ts'
import { runRetentionIfDue } from './retention/retentionJob.ts'
import type { Storage } from './storage/storage.ts'
import { purgeTombstones } from './storage/tombstones.ts'

const EVERY_MS = 60 * 60 * 1000

/** Runs one round of housekeeping: purge old tombstones and expired sessions. */
export async function runMaintenance(storage: Storage, tombstoneRetentionMs: number, now: number = Date.now()): Promise<{ tombstones: number; sessions: number }> {
  const tombstones = await purgeTombstones(storage, now - tombstoneRetentionMs)
  const sessions = await purgeExpiredSessions(storage.db, now)
  return { tombstones, sessions }
}

/**
 * Runs housekeeping hourly, and the deletion-deadline job when it is due (once a day across all
 * instances); failures are logged, never fatal. Returns the stop function.
 */
export function scheduleMaintenance(storage: Storage, tombstoneRetentionMs: number, log: FastifyBaseLogger, auditRetentionMonths = 24): () => void {
  const timer = setInterval(() => {
    runMaintenance(storage, tombstoneRetentionMs)
      .then((result) => log.info(result, 'maintenance done'))
      .catch((error: unknown) => log.error({ err: error }, 'maintenance failed'))
    runRetentionIfDue(storage, auditRetentionMonths)
      .then((result) => { if (result) log.info(result, 'deletion deadlines applied') })
      .catch((error: unknown) => log.error({ err: error }, 'deletion-deadline job failed'))
  }, EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
