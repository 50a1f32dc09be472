import type { ApiProblem } from '../api/problem.ts'
import type { SuperbrugerDb } from './database.ts'
import { db } from './database.ts'
import { newId } from '../domain/ids.ts'
import type { Millis } from '../domain/records/fields.ts'

const CLIENT_ID_KEY = 'sync.clientId'
const CURSOR_KEY = 'sync.cursor'
const BASE_KEY = 'sync.base'
const STATUS_KEY = 'sync.status'

/** The last sync outcome as stored in meta, shared by every tab. */
export interface SyncStatus {
  readonly lastSyncAt: Millis | null
  /** Why the last sync failed (stored as it came, so its kind names never change). */
  readonly lastError: ApiProblem | null
  readonly lastErrorAt: Millis | null
}

const NO_STATUS: SyncStatus = { lastSyncAt: null, lastError: null, lastErrorAt: null }

/**
 * This database's device id for the server: made once and kept, so mutation ids stay
 * exactly-once across restarts (a second tab racing here gets the same id).
 */
export async function ensureClientId(database: SuperbrugerDb = db()): Promise<string> {
  return database.transaction('rw', database.meta, async () => {
    const row = await database.meta.get(CLIENT_ID_KEY)
    if (typeof row?.value === 'string') return row.value
    const id = newId<string>()
    await database.meta.put({ key: CLIENT_ID_KEY, value: id })
    return id
  })
}

/**
 * Gives this device a new client id, after the server answered `mutation_gap`: it has lost
 * mutations it once acknowledged (restored from a backup), so the waiting ones go in under a
 * new identity instead of never (the server starts a new client where its outbox starts).
 */
export async function renewClientId(database: SuperbrugerDb = db()): Promise<string> {
  const id = newId<string>()
  await database.meta.put({ key: CLIENT_ID_KEY, value: id })
  return id
}

/** The pull cursor: the newest server sequence fully applied here (0 before the first pull). */
export async function getCursor(database: SuperbrugerDb = db()): Promise<number> {
  const row = await database.meta.get(CURSOR_KEY)
  return typeof row?.value === 'number' ? row.value : 0
}

/** Stores the pull cursor; call inside the transaction that applied the page. */
/** Where this device's copy began (the server's head at its first page from cursor 0); undefined before. */
export async function getBase(database: SuperbrugerDb = db()): Promise<number | undefined> {
  const row = await database.meta.get(BASE_KEY)
  return typeof row?.value === 'number' ? row.value : undefined
}

/** Remembers where this device's copy began; `undefined` forgets it (a reset starts a new copy). */
export async function setBase(base: number | undefined, database: SuperbrugerDb = db()): Promise<void> {
  if (base === undefined) await database.meta.delete(BASE_KEY)
  else await database.meta.put({ key: BASE_KEY, value: base })
}

export async function setCursor(cursor: number, database: SuperbrugerDb = db()): Promise<void> {
  await database.meta.put({ key: CURSOR_KEY, value: cursor })
}

/** The last sync outcome (never synced: all null). */
export async function getSyncStatus(database: SuperbrugerDb = db()): Promise<SyncStatus> {
  const row = await database.meta.get(STATUS_KEY)
  return row ? { ...NO_STATUS, ...(row.value as Partial<SyncStatus>) } : NO_STATUS
}

/** Records a successful sync: clears the error. */
export async function recordSyncSuccess(at: Millis, database: SuperbrugerDb = db()): Promise<void> {
  await database.meta.put({ key: STATUS_KEY, value: { lastSyncAt: at, lastError: null, lastErrorAt: null } })
}

/** Records a failed sync; the last successful time stays. */
export async function recordSyncFailure(problem: ApiProblem, at: Millis, database: SuperbrugerDb = db()): Promise<void> {
  await database.transaction('rw', database.meta, async () => {
    const status = await getSyncStatus(database)
    await database.meta.put({ key: STATUS_KEY, value: { ...status, lastError: problem, lastErrorAt: at } })
  })
}
