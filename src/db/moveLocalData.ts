import Dexie from 'dexie'
import { db, DEFAULT_DB_NAME, SuperbrugerDb } from './database.ts'
import { importRecord } from './importRecord.ts'
import type { PhotoBlobRow } from './photos.ts'
import { PROFILE_KEY, type Profile } from './profile.ts'
import { stopTimer } from './timer.ts'
import type { Author } from './write.ts'
import {
  MOVE_KINDS, noMoveCounts, planLocalMove, totalMoveCount, type AccountData, type LocalData, type MoveCounts,
  type MovePlan, type MoveTable,
} from '../domain/localMove.ts'
import { PHOTO_TABLES, type PhotoRef } from '../domain/photos.ts'
import type { SyncTables } from '../domain/records/syncTables.ts'

// What was logged before signing in lives in the local-only database; this moves it into the
// signed-in account's database (db()) as new records with queued puts, so they sync. Local
// copies are deleted only after the account's transaction committed; until then nothing is lost.

/** What the local-only database holds for an account, as the move would do it now. */
export interface LocalMoveSummary {
  /** Records the move would carry over. */
  readonly movable: MoveCounts
  /** Records that would stay local (see planLocalMove). */
  readonly leftBehind: MoveCounts
  /** Whether this account answered "Ikke nu" to the offer. */
  readonly dismissed: boolean
}

/** What a move did. */
export interface LocalMoveResult {
  readonly moved: MoveCounts
  readonly leftBehind: MoveCounts
}

type Done = MovePlan['done']

/** Account meta: ids the account committed but the local database may still hold (an interrupted move). */
const PENDING_KEY = 'localMove.pending'
/** Local meta: accounts that answered "Ikke nu". */
const DISMISSED_KEY = 'localMove.dismissed'
const TABLES: readonly MoveTable[] = [...MOVE_KINDS, 'checklistAnswers']

async function withLocal<T>(name: string, empty: T, use: (local: SuperbrugerDb) => Promise<T>): Promise<T> {
  // Never create the local database just to find it empty.
  if (!(await Dexie.exists(name))) return empty
  const local = new SuperbrugerDb(name)
  try {
    await local.open()
    return await use(local)
  } finally {
    local.close()
  }
}

async function readLocal(local: SuperbrugerDb): Promise<LocalData> {
  return local.transaction('r', local.tables, async () => ({
    personId: ((await local.meta.get(PROFILE_KEY))?.value as Profile | undefined)?.personId ?? null,
    requests: await local.requests.toArray(),
    timeEntries: await local.timeEntries.toArray(),
    absences: await local.absences.toArray(),
    checklistRuns: await local.checklistRuns.toArray(),
    checklistAnswers: await local.checklistAnswers.toArray(),
    checklistTemplates: await local.checklistTemplates.toArray(),
    assets: await local.assets.toArray(),
    tips: await local.tips.toArray(),
    departments: await local.departments.toArray(),
  }))
}

/** Reads the account's side of the plan; call inside a transaction on the account's tables. */
async function readAccount(target: SuperbrugerDb, author: Author, local: LocalData): Promise<AccountData> {
  const existing = new Set<string>()
  for (const table of TABLES) {
    const ids = (local[table] as readonly { id: string }[]).map((r) => r.id)
    const found = await target.table(table).bulkGet(ids)
    found.forEach((row, i) => { if (row !== undefined) existing.add(ids[i] as string) })
  }
  const person = author.personId
  const absences = await target.absences.where('[personId+week]').between([person, Dexie.minKey], [person, Dexie.maxKey]).toArray()
  const running = (await target.timeEntries.where('[personId+running]').equals([person, 1]).toArray()).filter((e) => e.deletedAt === null)
  return {
    teamId: author.teamId, personId: person, existing,
    departments: await target.departments.toArray(),
    templates: await target.checklistTemplates.toArray(),
    assets: await target.assets.toArray(),
    absenceWeeks: absences.filter((a) => a.deletedAt === null).map((a) => a.week),
    runningTimer: running.sort((a, b) => b.start - a.start)[0] ?? null,
  }
}

function accountTables(target: SuperbrugerDb) {
  return [...TABLES, 'departments', 'checklistTemplates', 'outbox', 'meta', 'photoBlobs'].map((name) => target.table(name))
}

const PHOTO_TABLE_NAMES: ReadonlySet<string> = new Set(PHOTO_TABLES)

/**
 * Gives the account a copy of each image the moved records name, waiting to be uploaded like one
 * taken there (after the record's put has gone). An image the account already has stays, unless
 * it only holds it as fetched from the server: it is then sent again, for the account's team.
 * Call inside the account's transaction that stores the records.
 */
async function copyPhotoBlobs(target: SuperbrugerDb, moved: MovePlan['records'], blobs: ReadonlyMap<string, PhotoBlobRow>, now: number): Promise<void> {
  for (const { table, record } of moved) {
    if (!PHOTO_TABLE_NAMES.has(table)) continue
    for (const photo of (record as { photos?: readonly PhotoRef[] }).photos ?? []) {
      const image = blobs.get(photo.hash)
      if (!image) continue
      const held = await target.photoBlobs.get(photo.hash)
      if (held && held.state !== 'fetched') continue
      await target.photoBlobs.put({ hash: photo.hash, table: table as PhotoBlobRow['table'], recordId: record.id, state: 'upload', tries: 0, nextAt: 0, blob: image.blob, addedAt: now })
    }
  }
}

/**
 * Deletes the moved ids (and their never-sent outbox entries) from the local database, and the
 * images no local record names any more, in one transaction.
 */
async function deleteLocal(local: SuperbrugerDb, done: Done): Promise<void> {
  await local.transaction('rw', [...TABLES.map((t) => local.table(t)), local.outbox, local.photoBlobs], async () => {
    for (const table of TABLES) {
      const ids = done[table] ?? []
      await local.table(table).bulkDelete([...ids])
      await local.outbox.where('[table+recordId]').anyOf(ids.map((id) => [table, id])).delete()
    }
    const named = new Set<string>()
    for (const table of PHOTO_TABLES) {
      await local.table(table).each((r: { photos?: readonly PhotoRef[]; deletedAt: number | null }) => {
        if (r.deletedAt === null) for (const photo of r.photos ?? []) named.add(photo.hash)
      })
    }
    await local.photoBlobs.filter((row) => !named.has(row.hash)).delete()
  })
}

async function changePending(target: SuperbrugerDb, done: Done, add: boolean): Promise<void> {
  const row = await target.meta.get(PENDING_KEY)
  const pending = (row?.value ?? {}) as Partial<Record<MoveTable, string[]>>
  const next: Partial<Record<MoveTable, string[]>> = {}
  for (const table of TABLES) {
    const ids = new Set(pending[table] ?? [])
    for (const id of done[table] ?? []) if (add) ids.add(id); else ids.delete(id)
    if (ids.size > 0) next[table] = [...ids]
  }
  if (Object.keys(next).length > 0) await target.meta.put({ key: PENDING_KEY, value: next })
  else await target.meta.delete(PENDING_KEY)
}

/** Finishes what an interrupted move committed to the account but left in the local database. */
async function finishPending(local: SuperbrugerDb, target: SuperbrugerDb): Promise<void> {
  const pending = (await target.meta.get(PENDING_KEY))?.value as Done | undefined
  if (!pending) return
  await deleteLocal(local, pending)
  await target.transaction('rw', target.meta, () => changePending(target, pending, false))
}

async function isDismissed(local: SuperbrugerDb, accountId: string): Promise<boolean> {
  const row = await local.meta.get(DISMISSED_KEY)
  return Array.isArray(row?.value) && row.value.includes(accountId)
}

/** Live records of each kind in the local-only database (all zero when it does not exist). */
export async function countLocalData(name: string = DEFAULT_DB_NAME): Promise<MoveCounts> {
  return withLocal(name, noMoveCounts(), async (local) => {
    const counts = noMoveCounts()
    for (const kind of MOVE_KINDS) counts[kind] = await local.table(kind).filter((r: { deletedAt: unknown }) => r.deletedAt === null).count()
    return counts
  })
}

/** Whether to ask `accountId` right after sign-in: the local database holds records and they did not say "Ikke nu". */
export async function shouldOfferLocalMove(accountId: string, name: string = DEFAULT_DB_NAME): Promise<boolean> {
  if (totalMoveCount(await countLocalData(name)) === 0) return false
  return withLocal(name, false, async (local) => !(await isDismissed(local, accountId)))
}

/**
 * What a move into the account of `author` (whose database is db()) would carry over now. Writes
 * nothing but the end of an interrupted move: local copies of records the account committed go.
 */
export async function summariseLocalMove(author: Author, name: string = DEFAULT_DB_NAME): Promise<LocalMoveSummary | null> {
  return withLocal(name, null, async (local) => {
    const target = db()
    await finishPending(local, target)
    const data = await readLocal(local)
    const account = await target.transaction('r', accountTables(target), () => readAccount(target, author, data))
    const plan = planLocalMove(data, account, Date.now())
    return { movable: plan.moved, leftBehind: plan.leftBehind, dismissed: await isDismissed(local, author.personId) }
  })
}

/** Remembers that `accountId` answered "Ikke nu": the offer is then only on the account page. */
export async function dismissLocalMove(accountId: string, name: string = DEFAULT_DB_NAME): Promise<void> {
  await withLocal(name, undefined, async (local) => {
    await local.transaction('rw', local.meta, async () => {
      const row = await local.meta.get(DISMISSED_KEY)
      const ids = Array.isArray(row?.value) ? (row.value as string[]) : []
      if (!ids.includes(accountId)) await local.meta.put({ key: DISMISSED_KEY, value: [...ids, accountId] })
    })
  })
}

/**
 * Moves the local-only records into the account of `author` (db() must be its database): one
 * transaction stores them with their queued puts and the images they name, and notes their ids;
 * only after it committed are they (and images no local record names any more) deleted locally. Safe to interrupt and to repeat: a record the account already holds
 * is never stored again, and a retry first finishes an interrupted deletion.
 */
export async function moveLocalData(author: Author, name: string = DEFAULT_DB_NAME, now: number = Date.now()): Promise<LocalMoveResult> {
  const nothing: LocalMoveResult = { moved: noMoveCounts(), leftBehind: noMoveCounts() }
  return withLocal(name, nothing, async (local) => {
    const target = db()
    if (target.name === local.name) throw new Error('The local database cannot move into itself')
    await finishPending(local, target)
    const data = await readLocal(local)
    const blobs = new Map((await local.photoBlobs.toArray()).map((row) => [row.hash, row]))
    const plan = await target.transaction('rw', accountTables(target), async () => {
      const planned = planLocalMove(data, await readAccount(target, author, data), now)
      for (const { table, record } of planned.records) {
        await importRecord(table, record as SyncTables[typeof table], now)
      }
      await copyPhotoBlobs(target, planned.records, blobs, now)
      if (planned.stopAccountTimer) await stopTimer(planned.stopAccountTimer.id, planned.stopAccountTimer.end)
      await changePending(target, planned.done, true)
      return planned
    })
    await deleteLocal(local, plan.done)
    await target.transaction('rw', target.meta, () => changePending(target, plan.done, false))
    return { moved: plan.moved, leftBehind: plan.leftBehind }
  })
}
