import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as v from 'valibot'
import { db, useDatabase } from '../../../src/db/database.ts'
import {
  countLocalData, dismissLocalMove, moveLocalData, shouldOfferLocalMove, summariseLocalMove,
} from '../../../src/db/moveLocalData.ts'
import { ensureDefaultTemplates, ensureProfile, listDepartments, type Profile } from '../../../src/db/profile.ts'
import { createRequest } from '../../../src/db/requests.ts'
import { startTimer } from '../../../src/db/timer.ts'
import { markAbsent } from '../../../src/db/absences.ts'
import { answerItem, listTemplates, startRun } from '../../../src/db/checklists.ts'
import { createAsset } from '../../../src/db/assets.ts'
import { addPhoto, readPhotoBlob } from '../../../src/db/photos.ts'
import { createRecord } from '../../../src/db/write.ts'
import { DEFAULT_TEMPLATES } from '../../../src/domain/checklistTemplates.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import { putSchema, type SyncTableName } from '../../../src/domain/records/syncTables.ts'
import type { ChecklistTemplateId, DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import { newId } from '../../../src/domain/ids.ts'
import type { PhotoRef } from '../../../src/domain/photos.ts'

const ACCOUNT = { teamId: 'team-server' as TeamId, personId: 'anne-server' as PersonId }
const HOUR = 3_600_000
let suffix = ''
let localName = ''
let accountName = ''

beforeEach(() => {
  suffix = `${Date.now()}-${Math.random().toString(36).slice(2)}`
  localName = `local-${suffix}`
  accountName = `account-${suffix}`
})

afterEach(async () => {
  db().close()
  for (const name of [localName, accountName]) {
    const open = useDatabase(name)
    open.close()
    await open.delete()
  }
})

/** Opens the local-only database as the app does before a sign-in and lets `fill` log in it. */
async function logLocally(fill: (me: Profile) => Promise<void> = async () => undefined): Promise<Profile> {
  useDatabase(localName)
  const me = await ensureProfile()
  await ensureDefaultTemplates(me)
  await fill(me)
  return me
}

/** Opens the account's database with what its first pull brought: departments and templates of the server's team. */
async function openAccount(departments: readonly string[] = ['Plan', 'Byggeri'], templates = true): Promise<void> {
  useDatabase(accountName)
  const base = { teamId: ACCOUNT.teamId, createdAt: 1, createdBy: 'admin' as PersonId, updatedAt: 1, rev: 1, deletedAt: null }
  await db().departments.bulkAdd(departments.map((name) => ({ ...base, id: newId<DepartmentId>(), name, location: '' })))
  if (templates) {
    await db().checklistTemplates.bulkAdd(DEFAULT_TEMPLATES.map((t) => ({
      ...base, ...structuredClone(t), id: newId<ChecklistTemplateId>(), archived: false,
    })))
  }
}

async function localCount(table: SyncTableName | 'outbox'): Promise<number> {
  useDatabase(localName)
  const n = await db().table(table).count()
  useDatabase(accountName)
  return n
}

async function departmentId(name: string): Promise<DepartmentId> {
  const found = (await listDepartments()).find((d) => d.name === name)
  if (!found) throw new Error(`no department ${name}`)
  return found.id
}

async function logRequestAndTime(me: Profile, description: string, department = 'Plan'): Promise<void> {
  const draft = { ...emptyDraft(me.personId), description, departmentId: await departmentId(department) }
  await createRequest(me, draft, { logMinutes: 15, activity: 'daglig hjælp' })
}

describe('moving the local-only data into an account', () => {
  it('moves nothing and creates no local database when none exists', async () => {
    await openAccount()
    expect(await countLocalData(localName)).toEqual({ requests: 0, timeEntries: 0, absences: 0, checklistRuns: 0, assets: 0, tips: 0 })
    expect(await shouldOfferLocalMove(ACCOUNT.personId, localName)).toBe(false)
    const result = await moveLocalData(ACCOUNT, localName)
    expect(result.moved.requests).toBe(0)
    expect(await db().outbox.count()).toBe(0)
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(localName)
  })

  it('offers nothing for a local database that only has its own team, person, departments and templates', async () => {
    await logLocally()
    await openAccount()
    expect(await shouldOfferLocalMove(ACCOUNT.personId, localName)).toBe(false)
    expect(await summariseLocalMove(ACCOUNT, localName)).toMatchObject({ movable: { requests: 0, timeEntries: 0, checklistRuns: 0 } })
    await moveLocalData(ACCOUNT, localName)
    expect(await db().outbox.count()).toBe(0)
    expect(await db().teams.count()).toBe(0)
    expect(await db().people.count()).toBe(0)
    expect(await db().departments.count()).toBe(2)
  })

  it('moves requests and time entries with the account team, person and queued puts the server accepts', async () => {
    const me = await logLocally(async (profile) => {
      await logRequestAndTime(profile, 'Printer på 2. sal')
      await logRequestAndTime(profile, 'Acadre låst', 'Byggeri')
    })
    await openAccount()
    expect(await summariseLocalMove(ACCOUNT, localName)).toMatchObject({ movable: { requests: 2, timeEntries: 2 }, dismissed: false })

    const result = await moveLocalData(ACCOUNT, localName)
    expect(result.moved).toEqual({ requests: 2, timeEntries: 2, absences: 0, checklistRuns: 0, assets: 0, tips: 0 })
    const requests = await db().requests.toArray()
    expect(requests.map((r) => r.description).sort()).toEqual(['Acadre låst', 'Printer på 2. sal'])
    for (const r of requests) {
      expect(r).toMatchObject({ teamId: ACCOUNT.teamId, createdBy: ACCOUNT.personId, assigneeId: ACCOUNT.personId, rev: 0 })
      expect(r.history.every((h) => h.by === ACCOUNT.personId)).toBe(true)
      expect(r.words).toContain(r.description.split(' ')[0]?.toLowerCase())
    }
    const entries = await db().timeEntries.toArray()
    expect(entries.every((e) => e.personId === ACCOUNT.personId && e.teamId === ACCOUNT.teamId)).toBe(true)
    // Ids are kept, so each time entry still points at its request.
    expect(entries.map((e) => e.requestId).sort()).toEqual(requests.map((r) => r.id).sort())
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(4)
    for (const m of outbox) {
      expect(m.op).toBe('put')
      expect(v.safeParse(putSchema(m.table), m.fields).issues).toBeUndefined()
      expect(JSON.stringify(m.fields)).not.toContain(me.personId)
      expect(JSON.stringify(m.fields)).not.toContain(me.teamId)
    }
    expect(await localCount('requests')).toBe(0)
    expect(await localCount('timeEntries')).toBe(0)
    expect(await localCount('outbox')).toBe(0)
    // The local team, person and departments stay where they were.
    expect(await localCount('people')).toBe(1)
    expect(await localCount('departments')).toBeGreaterThan(0)
  })

  it('maps departments by name and clears those the account does not have', async () => {
    await logLocally(async (me) => {
      await logRequestAndTime(me, 'I Plan', 'Plan')
      await logRequestAndTime(me, 'I Ejendomme', 'Ejendomme')
      await createAsset(me, { code: '', type: 'printer', name: 'Printer', model: '', serial: '', building: '', floor: '', room: '', departmentId: await departmentId('Byggeri'), notes: '' })
    })
    await openAccount(['plan ', 'Byggeri'])
    await moveLocalData(ACCOUNT, localName)
    const accountDepartments = new Map((await db().departments.toArray()).map((d) => [d.name.trim().toLowerCase(), d.id]))
    const byText = new Map((await db().requests.toArray()).map((r) => [r.description, r.departmentId]))
    expect(byText.get('I Plan')).toBe(accountDepartments.get('plan'))
    expect(byText.get('I Ejendomme')).toBeNull()
    expect((await db().assets.toArray())[0]?.departmentId).toBe(accountDepartments.get('byggeri'))
  })

  it('running it twice moves nothing twice', async () => {
    await logLocally(async (me) => {
      await logRequestAndTime(me, 'Første')
      await markAbsent(me, '2026-W48')
    })
    await openAccount()
    const first = await moveLocalData(ACCOUNT, localName)
    const second = await moveLocalData(ACCOUNT, localName)
    expect(first.moved).toMatchObject({ requests: 1, timeEntries: 1, absences: 1 })
    expect(second.moved).toMatchObject({ requests: 0, timeEntries: 0, absences: 0 })
    expect(await db().requests.count()).toBe(1)
    expect(await db().outbox.count()).toBe(3)
  })

  it('a move interrupted while writing the account stores nothing there and leaves everything local; a retry moves it once', async () => {
    await logLocally(async (me) => {
      await logRequestAndTime(me, 'En')
      await logRequestAndTime(me, 'To')
    })
    await openAccount()
    let puts = 0
    const add = db().outbox.add.bind(db().outbox)
    const spy = vi.spyOn(db().outbox, 'add').mockImplementation((entry, key) => {
      if (++puts === 3) throw new Error('the tab was closed')
      return add(entry, key)
    })
    await expect(moveLocalData(ACCOUNT, localName)).rejects.toThrow('the tab was closed')
    spy.mockRestore()
    expect(await db().requests.count()).toBe(0)
    expect(await db().outbox.count()).toBe(0)
    expect(await localCount('requests')).toBe(2)

    const retry = await moveLocalData(ACCOUNT, localName)
    expect(retry.moved).toMatchObject({ requests: 2, timeEntries: 2 })
    expect(await db().requests.count()).toBe(2)
    expect(await db().outbox.count()).toBe(4)
    expect(await localCount('requests')).toBe(0)
  })

  it('a move interrupted after the account committed never stores the records again; a retry removes the local copies', async () => {
    await logLocally(async (me) => logRequestAndTime(me, 'Halvt flyttet'))
    useDatabase(localName)
    const snapshot = { requests: await db().requests.toArray(), timeEntries: await db().timeEntries.toArray() }
    await openAccount()
    await moveLocalData(ACCOUNT, localName)
    // As if the app died between the two transactions: the local copies are still there
    // (with and without the account's note of what it committed).
    for (const keepNote of [true, false]) {
      useDatabase(localName)
      await db().requests.bulkAdd(snapshot.requests)
      await db().timeEntries.bulkAdd(snapshot.timeEntries)
      useDatabase(accountName)
      if (keepNote) await db().meta.put({ key: 'localMove.pending', value: { requests: snapshot.requests.map((r) => r.id), timeEntries: snapshot.timeEntries.map((e) => e.id) } })
      // What the account already holds is not offered again.
      expect(await summariseLocalMove(ACCOUNT, localName)).toMatchObject({ movable: { requests: 0, timeEntries: 0 } })
      const retry = await moveLocalData(ACCOUNT, localName)
      expect(retry.moved).toMatchObject({ requests: 0, timeEntries: 0 })
      expect(await db().requests.count()).toBe(1)
      expect(await db().timeEntries.count()).toBe(1)
      expect(await db().outbox.count()).toBe(2)
      expect(await db().meta.get('localMove.pending')).toBeUndefined()
      expect(await localCount('requests')).toBe(0)
      expect(await localCount('timeEntries')).toBe(0)
    }
  })

  it('moves a running timer still running, stopping the account\'s earlier one where it began', async () => {
    const t0 = Date.UTC(2026, 10, 23, 8)
    await logLocally(async (me) => { await startTimer(me, { activity: 'daglig hjælp' }, t0 + HOUR) })
    await openAccount()
    await startTimer(ACCOUNT, { activity: 'udvikling' }, t0)
    await db().outbox.clear()
    await moveLocalData(ACCOUNT, localName, t0 + 2 * HOUR)
    const entries = (await db().timeEntries.toArray()).sort((a, b) => a.start - b.start)
    expect(entries.map((e) => [e.start, e.end, e.running])).toEqual([[t0, t0 + HOUR, 0], [t0 + HOUR, null, 1]])
    expect((await db().outbox.toArray()).map((m) => m.op).sort()).toEqual(['patch', 'put'])
  })

  it('moves a running timer stopped where the account\'s later timer began', async () => {
    const t0 = Date.UTC(2026, 10, 23, 8)
    await logLocally(async (me) => { await startTimer(me, { activity: 'daglig hjælp' }, t0) })
    await openAccount()
    await startTimer(ACCOUNT, { activity: 'udvikling' }, t0 + HOUR)
    await moveLocalData(ACCOUNT, localName, t0 + 2 * HOUR)
    const entries = (await db().timeEntries.toArray()).sort((a, b) => a.start - b.start)
    expect(entries.map((e) => [e.start, e.end, e.running])).toEqual([[t0, t0 + HOUR, 0], [t0 + HOUR, null, 1]])
  })

  it('moves a checklist run onto the account template with the same title, with its answers', async () => {
    await logLocally(async (me) => {
      const template = (await listTemplates())[0]!
      const run = await startRun(me, template.id, { kind: 'person', refId: null, label: 'Ny kollega' })
      await answerItem(me, run.id, template.items[0]!.key, '2026-12-01')
    })
    await openAccount()
    const result = await moveLocalData(ACCOUNT, localName)
    expect(result).toMatchObject({ moved: { checklistRuns: 1 }, leftBehind: { checklistRuns: 0 } })
    const run = (await db().checklistRuns.toArray())[0]!
    const template = await db().checklistTemplates.get(run.templateId)
    expect(template?.title).toBe(run.title)
    expect(await db().checklistAnswers.toArray()).toMatchObject([{ runId: run.id, answeredBy: ACCOUNT.personId, value: '2026-12-01' }])
    expect(await localCount('checklistAnswers')).toBe(0)
  })

  it('leaves a checklist run local when the account has no template for it, and counts it', async () => {
    await logLocally(async (me) => {
      const template = (await listTemplates())[0]!
      await startRun(me, template.id, { kind: 'person', refId: null, label: 'Ny kollega' })
      await logRequestAndTime(me, 'Med')
    })
    await openAccount(['Plan'], false)
    expect(await summariseLocalMove(ACCOUNT, localName)).toMatchObject({ movable: { checklistRuns: 0, requests: 1 }, leftBehind: { checklistRuns: 1 } })
    const result = await moveLocalData(ACCOUNT, localName)
    expect(result).toMatchObject({ moved: { checklistRuns: 0, requests: 1 }, leftBehind: { checklistRuns: 1 } })
    expect(await db().checklistRuns.count()).toBe(0)
    expect(await localCount('checklistRuns')).toBe(1)
  })

  it('keeps an asset whose code the account already has local and points moved requests at the account\'s', async () => {
    let code = ''
    await logLocally(async (me) => {
      const asset = await createAsset(me, { code: '', type: 'pc', name: 'Min pc', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '' })
      code = asset.code
      await createRequest(me, { ...emptyDraft(me.personId), description: 'Pc starter ikke', assetId: asset.id })
      await createRecord('tips', me, { title: 'Genstart', body: 'Sluk og tænd', tags: [], category: null, requestIds: [] })
    })
    await openAccount()
    const theirs = await createAsset(ACCOUNT, { code, type: 'pc', name: 'Teamets pc', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '' })
    const result = await moveLocalData(ACCOUNT, localName)
    expect(result).toMatchObject({ moved: { requests: 1, assets: 0, tips: 1 }, leftBehind: { assets: 1 } })
    expect((await db().requests.toArray())[0]?.assetId).toBe(theirs.id)
    expect(await db().assets.count()).toBe(1)
    expect(await localCount('assets')).toBe(1)
  })

  it('moves the images of moved records with them, waiting to be uploaded, and keeps a left-behind asset\'s image local', async () => {
    const ref = (n: number): PhotoRef => ({ hash: n.toString(16).padStart(64, '0'), width: 1600, height: 1200, bytes: 10, takenAt: 1000 })
    const image = (n: number) => new Blob([`billede ${n}`], { type: 'image/jpeg' })
    let code = ''
    let requestId = ''
    let tipId = ''
    await logLocally(async (me) => {
      const asset = await createAsset(me, { code: '', type: 'pc', name: 'Min pc', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '' })
      code = asset.code
      requestId = (await createRequest(me, { ...emptyDraft(me.personId), description: 'Fejlbesked ved login' })).id
      tipId = (await createRecord('tips', me, { title: 'Genstart', body: 'Sluk og tænd', tags: [], category: null, requestIds: [] })).id
      await addPhoto({ table: 'requests', id: requestId as never }, ref(1), image(1), 1000)
      await addPhoto({ table: 'tips', id: tipId as never }, ref(2), image(2), 1000)
      await addPhoto({ table: 'assets', id: asset.id }, ref(3), image(3), 1000)
    })
    await openAccount()
    await createAsset(ACCOUNT, { code, type: 'pc', name: 'Teamets pc', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '' })
    const result = await moveLocalData(ACCOUNT, localName, 5000)
    expect(result).toMatchObject({ moved: { requests: 1, tips: 1, assets: 0 }, leftBehind: { assets: 1 } })

    const copied = (await db().photoBlobs.toArray()).map(({ hash, table, recordId, state, tries }) => ({ hash, table, recordId, state, tries }))
    expect(copied.sort((a, b) => a.hash.localeCompare(b.hash))).toEqual([
      { hash: ref(1).hash, table: 'requests', recordId: requestId, state: 'upload', tries: 0 },
      { hash: ref(2).hash, table: 'tips', recordId: tipId, state: 'upload', tries: 0 },
    ])
    expect(await readPhotoBlob(ref(1).hash)).toBeDefined()
    expect((await db().requests.get(requestId as never))?.photos).toEqual([ref(1)])
    // Only the image of the asset that stayed local is left in the local database.
    useDatabase(localName)
    expect((await db().photoBlobs.toArray()).map((row) => row.hash)).toEqual([ref(3).hash])
    useDatabase(accountName)
  })

  it('merges an absence week the account already has instead of doubling it', async () => {
    await logLocally(async (me) => { await markAbsent(me, '2026-W48'); await markAbsent(me, '2026-W49') })
    await openAccount()
    await markAbsent(ACCOUNT, '2026-W48')
    const result = await moveLocalData(ACCOUNT, localName)
    expect(result.moved.absences).toBe(2)
    expect((await db().absences.toArray()).map((a) => a.week).sort()).toEqual(['2026-W48', '2026-W49'])
    expect(await localCount('absences')).toBe(0)
  })

  it('"Ikke nu" is remembered per account, in the local database', async () => {
    await logLocally(async (me) => logRequestAndTime(me, 'Venter'))
    await openAccount()
    expect(await shouldOfferLocalMove(ACCOUNT.personId, localName)).toBe(true)
    await dismissLocalMove(ACCOUNT.personId, localName)
    expect(await shouldOfferLocalMove(ACCOUNT.personId, localName)).toBe(false)
    expect(await shouldOfferLocalMove('someone-else', localName)).toBe(true)
    expect(await summariseLocalMove(ACCOUNT, localName)).toMatchObject({ dismissed: true, movable: { requests: 1 } })
  })
})
