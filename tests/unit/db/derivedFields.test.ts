import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import {
  LOCAL_ONLY_FIELDS, tombstoneOf, withDerivedChanges, withDerivedFields, withLocalFields, withoutLocalFields,
} from '../../../src/db/derivedFields.ts'
import { importRecord } from '../../../src/db/importRecord.ts'
import { searchRequestKeys } from '../../../src/db/requestSearch.ts'
import { createRequest, updateRequest } from '../../../src/db/requests.ts'
import { applyPulledPage, resetLocalCopies } from '../../../src/db/syncApply.ts'
import { addManualEntry, updateEntry } from '../../../src/db/timeEntries.ts'
import { getRunningTimer, startTimer, stopTimer } from '../../../src/db/timer.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import type { PulledRecord } from '../../../src/domain/protocol.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Request } from '../../../src/domain/records/request.ts'
import type { TimeEntry } from '../../../src/domain/records/timeEntry.ts'

const me = 'p1' as PersonId
const author = { teamId: 't1' as TeamId, personId: me }
// Wednesday 2 December 2026, 10:00 in Copenhagen (week 49); the next Monday is in week 50.
const NOW = Date.UTC(2026, 11, 2, 9, 0)
const NEXT_MONDAY = Date.UTC(2026, 11, 7, 9, 0)
const sync = { teamId: 't1', createdAt: NOW, createdBy: 'p2', updatedAt: NOW, deletedAt: null }

function pulledRequest(id: string, description: string, rev: number): PulledRecord {
  const record = {
    ...sync, id, rev, requesterName: 'Bo', departmentId: null, channel: 'telefon', category: 'acadre', presetId: null,
    description, status: 'ny', owner: 'superbruger', assigneeId: null, referrals: [], history: [], assetId: null,
    helpdeskCaseNo: '', resolution: '', tipId: null,
  }
  return { table: 'requests', record: record as never }
}

function pulledEntry(id: string, end: number | null, rev: number): PulledRecord {
  const record = { ...sync, id, rev, personId: me, start: NOW, end, activity: 'daglig hjælp', requestId: null, note: '', week: '2026-W49' }
  return { table: 'timeEntries', record: record as never }
}

/** Every stored request and time entry carries its local-only fields as the rule computes them now. */
async function expectDerivedFieldsCurrent(): Promise<void> {
  const rows = [
    ...(await db().requests.toArray()).map((row) => ['requests', row] as const),
    ...(await db().timeEntries.toArray()).map((row) => ['timeEntries', row] as const),
  ]
  expect(rows.length).toBeGreaterThan(0)
  for (const [table, row] of rows) {
    const stored = row as unknown as Record<string, unknown>
    for (const field of LOCAL_ONLY_FIELDS) if (field in withLocalFields(table, {})) expect(field in stored, `${table} ${String(stored.id)} ${field}`).toBe(true)
    expect(withLocalFields(table, stored)).toEqual(stored)
  }
}

/** No queued change carries a local-only field. */
async function expectOutboxWithoutLocalFields(): Promise<void> {
  const entries = await db().outbox.toArray()
  expect(entries.length).toBeGreaterThan(0)
  for (const entry of entries) for (const field of LOCAL_ONLY_FIELDS) expect(Object.keys(entry.fields)).not.toContain(field)
}

describe('the derivation rules', () => {
  it.each([
    ['requests', { description: 'Printer på 2. sal', requesterName: 'Åse', resolution: '', helpdeskCaseNo: 'IT-1' }, { words: ['åse', 'printer', 'på', '2', 'sal', 'it', '1'] }],
    ['requests', { deletedAt: 5 }, { words: [] }],
    ['timeEntries', { end: null }, { running: 1 }],
    ['timeEntries', { end: 10 }, { running: 0 }],
    ['timeEntries', { deletedAt: 5 }, { running: 0 }],
  ] as const)('local fields of %s %j', (table, record, derived) => {
    expect(withLocalFields(table, { ...record })).toEqual({ ...record, ...derived })
  })

  it('adds nothing to tables without derived fields, and keeps a synced week as it came', () => {
    expect(withLocalFields('tips', { title: 'x' })).toEqual({ title: 'x' })
    expect(withLocalFields('timeEntries', { start: NOW, end: null, week: '2026-W01' })).toMatchObject({ week: '2026-W01' })
  })

  it('computes the synced week too for a record made here', () => {
    expect(withDerivedFields('timeEntries', { start: NEXT_MONDAY, end: null })).toEqual({ start: NEXT_MONDAY, end: null, week: '2026-W50', running: 1 })
  })

  it('recomputes in a change only what follows the changed fields', () => {
    const existing = { start: NOW, end: 5, week: '2026-W49', running: 0, note: '' }
    expect(withDerivedChanges('timeEntries', existing, { note: 'x' })).toEqual({ note: 'x' })
    expect(withDerivedChanges('timeEntries', existing, { end: null })).toEqual({ end: null, running: 1 })
    expect(withDerivedChanges('timeEntries', existing, { start: NEXT_MONDAY })).toEqual({ start: NEXT_MONDAY, week: '2026-W50' })
    expect(withDerivedChanges('requests', { description: 'a', resolution: 'b' }, { resolution: 'c d' })).toEqual({ resolution: 'c d', words: ['a', 'c', 'd'] })
  })

  it('leaves local-only fields out of what is pushed and keeps only sync fields in a tombstone', () => {
    expect(withoutLocalFields({ id: 'r1', words: ['a'], running: 1, week: '2026-W49' })).toEqual({ id: 'r1', week: '2026-W49' })
    const record = { id: 'r1', teamId: 't1' as TeamId, createdAt: 1, createdBy: me, updatedAt: 2, rev: 4, deletedAt: null, description: 'x' }
    expect(tombstoneOf(record, 9)).toEqual({ id: 'r1', teamId: 't1', createdAt: 1, createdBy: 'p1', updatedAt: 9, rev: 4, deletedAt: 9 })
  })
})

describe('every writer keeps the derived fields', () => {
  it('local writes: words follow the texts, running the end, week the start; nothing local is queued', async () => {
    const request = await createRequest(author, { ...emptyDraft(me), description: 'Scanneren på kontoret' }, null, NOW)
    await updateRequest(request.id, { resolution: 'Driver geninstalleret' }, me, NOW + 1)
    expect(await searchRequestKeys('geninst')).toEqual([request.id])
    const timer = await startTimer(author, { activity: 'daglig hjælp' }, NOW)
    expect((await getRunningTimer(me))?.id).toBe(timer.id)
    await stopTimer(timer.id, NOW + 60_000)
    expect(await getRunningTimer(me)).toBeUndefined()
    await updateEntry(timer.id, { end: null }, NOW + 120_000)
    expect((await getRunningTimer(me))?.id).toBe(timer.id)
    await updateEntry(timer.id, { start: NEXT_MONDAY }, NEXT_MONDAY)
    expect((await db().timeEntries.get(timer.id))?.week).toBe('2026-W50')
    await addManualEntry(author, { start: NOW, end: NOW + 60_000, activity: 'daglig hjælp', requestId: request.id, note: '' })
    await expectDerivedFieldsCurrent()
    await expectOutboxWithoutLocalFields()
  })

  it('a moved start sends the week with it, based on the revision the start was edited at', async () => {
    const entry = await addManualEntry(author, { start: NOW, end: NOW + 60_000, activity: 'daglig hjælp', requestId: null, note: '' })
    await db().timeEntries.update(entry.id, { rev: 7 })
    await updateEntry(entry.id, { start: NEXT_MONDAY, end: NEXT_MONDAY + 60_000 }, NEXT_MONDAY, { rev: 7, fields: { start: 5 } })
    const patches = (await db().outbox.toArray()).filter((e) => e.op === 'patch')
    expect(patches).toEqual([
      expect.objectContaining({ baseRev: 5, fields: { start: NEXT_MONDAY, week: '2026-W50', updatedAt: NEXT_MONDAY } }),
      expect.objectContaining({ baseRev: 7, fields: { end: NEXT_MONDAY + 60_000, updatedAt: NEXT_MONDAY } }),
    ])
  })

  it('pulled records: a request is found by a word and a running timer by the index', async () => {
    await applyPulledPage([pulledRequest('r-pulled', 'Skabeloncenter mangler brevpapir', 3), pulledEntry('e-pulled', null, 4)], 4)
    expect(await searchRequestKeys('brevpap')).toEqual(['r-pulled'])
    expect((await getRunningTimer(me))?.id).toBe('e-pulled')
    await expectDerivedFieldsCurrent()
  })

  it('pulled records with a pending local change: the index follows the change, not the server copy', async () => {
    await applyPulledPage([pulledEntry('e1', null, 4)], 4)
    await stopTimer('e1' as TimeEntry['id'], NOW + 60_000)
    await applyPulledPage([pulledEntry('e1', null, 5)], 5)
    expect(await getRunningTimer(me)).toBeUndefined()
    await resetLocalCopies()
    await applyPulledPage([pulledEntry('e1', null, 5)], 5)
    expect(await getRunningTimer(me)).toBeUndefined()
    await expectDerivedFieldsCurrent()
  })

  it('a reset keeps new local records findable', async () => {
    const request = await createRequest(author, { ...emptyDraft(me), description: 'Headsettet knitrer' }, null, NOW)
    await startTimer(author, { activity: 'daglig hjælp' }, NOW)
    await resetLocalCopies()
    expect(await searchRequestKeys('headset')).toEqual([request.id])
    expect(await getRunningTimer(me)).toBeDefined()
    await expectDerivedFieldsCurrent()
  })

  it('imports: words of the masked text and the running flag are stored, and neither is queued', async () => {
    const record = {
      ...(pulledRequest('r-import', 'Borger 150530-4000 ringede om Digital Post', 0).record as unknown as Request),
      words: ['stale'],
    }
    expect(await importRecord('requests', record, NOW)).toBe(true)
    expect(await importRecord('timeEntries', pulledEntry('e-import', null, 0).record as unknown as TimeEntry, NOW)).toBe(true)
    expect(await searchRequestKeys('digital')).toEqual(['r-import'])
    expect(await searchRequestKeys('stale')).toEqual([])
    expect(await searchRequestKeys('4000')).toEqual([])
    expect((await getRunningTimer(me))?.id).toBe('e-import')
    await expectDerivedFieldsCurrent()
    await expectOutboxWithoutLocalFields()
  })
})
