import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createAsset, updateAsset } from '../../../src/db/assets.ts'
import { createDepartment, updateDepartment } from '../../../src/db/departments.ts'
import { createRequest, updateRequest } from '../../../src/db/requests.ts'
import { saveTeamLists } from '../../../src/db/teamLists.ts'
import { addManualEntry, updateEntry } from '../../../src/db/timeEntries.ts'
import { updatePersonName } from '../../../src/db/profile.ts'
import { createRecord } from '../../../src/db/write.ts'
import { applyPulledPage } from '../../../src/db/syncApply.ts'
import { editBaseOf } from '../../../src/domain/editBase.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import { DEFAULT_TEAM_CATEGORIES, DEFAULT_TEAM_PRESETS } from '../../../src/domain/teamLists.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { SyncTableName } from '../../../src/domain/records/syncTables.ts'

// Every edit function takes the revision its form opened at and queues only the fields given
// (issue #12, defect 1): the patch must carry that base, not the record's current revision.

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const OPENED = 4
const NOW = Date.UTC(2026, 10, 28, 13, 30)
const AT_OPENING = { rev: OPENED, fields: {} }

/** Pretends the record came from the server at `rev` (nothing waiting), as a sync leaves it. */
async function synced(table: SyncTableName, id: string, rev: number, changes: Record<string, unknown> = {}): Promise<void> {
  const stored = { ...(await db().table(table).get(id)), ...changes, rev } as Record<string, unknown>
  delete stored.words
  delete stored.running
  await db().outbox.clear()
  await applyPulledPage([{ table, record: stored as never }], rev)
}

async function onlyPatch() {
  const entries = await db().outbox.toArray()
  return onePatch(entries)
}

function onePatch(entries: Awaited<ReturnType<typeof allPatches>>) {
  expect(entries).toHaveLength(1)
  const [entry] = entries
  expect(entry!.op).toBe('patch')
  const { updatedAt, ...fields } = entry!.fields
  expect(typeof updatedAt).toBe('number')
  return { baseRev: entry!.baseRev, fields }
}

async function allPatches() {
  return db().outbox.orderBy('mutationId').toArray()
}

describe('edits based on what the form showed', () => {
  it('fields with different bases go as one patch per base, in one write; a status change takes its history along', async () => {
    const r = await createRequest(author, { ...emptyDraft(), description: 'Printer' }, null, NOW)
    await synced('requests', r.id, OPENED + 2)
    // The form opened at OPENED; the case number came in by sync at OPENED + 2 and was then replaced.
    await updateRequest(r.id, { status: 'venter', helpdeskCaseNo: 'IT-9' }, author.personId, NOW, { rev: OPENED, fields: { helpdeskCaseNo: OPENED + 2 } })
    const entries = await allPatches()
    expect(entries.map((e) => [e.baseRev, Object.keys(e.fields).sort()])).toEqual([
      [OPENED, ['history', 'status', 'updatedAt']],
      [OPENED + 2, ['helpdeskCaseNo', 'updatedAt']],
    ])
  })


  it('a request: only the changed field, from the opening revision, though a sync moved the record on', async () => {
    const r = await createRequest(author, { ...emptyDraft(), description: 'Printer' }, null, NOW)
    await synced('requests', r.id, OPENED)
    await synced('requests', r.id, OPENED + 3, { helpdeskCaseNo: 'IT-4711' })
    await updateRequest(r.id, { requesterName: 'Søren' }, author.personId, NOW, AT_OPENING)
    expect(await onlyPatch()).toEqual({ baseRev: OPENED, fields: { requesterName: 'Søren' } })
  })

  it('an asset: only the changed fields go', async () => {
    const a = await createAsset(author, {
      code: '', type: 'printer', name: 'Printer 2. sal', model: '', serial: '', building: 'A', floor: '2', room: '', departmentId: null, notes: '',
    })
    await synced('assets', a.id, OPENED + 1)
    await updateAsset(a.id, { room: ' 2.14 ' }, AT_OPENING)
    expect(await onlyPatch()).toEqual({ baseRev: OPENED, fields: { room: '2.14' } })
  })

  it('a time entry: the week follows a new start; nothing else is sent', async () => {
    const e = await addManualEntry(author, { start: NOW, end: NOW + 30 * 60_000, activity: 'daglig hjælp', requestId: null, note: '' })
    await synced('timeEntries', e.id, OPENED + 2)
    await updateEntry(e.id, { note: 'Møde om Acadre' }, NOW, AT_OPENING)
    expect(await onlyPatch()).toEqual({ baseRev: OPENED, fields: { note: 'Møde om Acadre' } })
  })

  it('a department: a location alone does not re-check or send the name', async () => {
    const d = await createDepartment(author, { name: 'Byggeri', location: '' })
    await synced('departments', d.id, OPENED + 1)
    await updateDepartment(d.id, { location: 'Bygning B' }, NOW, AT_OPENING)
    expect(await onlyPatch()).toEqual({ baseRev: OPENED, fields: { location: 'Bygning B' } })
  })

  it('a person: initials alone', async () => {
    const p = await createRecord('people', author, {
      name: 'Søren', initials: 'SØ', email: '', role: 'superbruger', homeDepartmentId: null, competences: [],
    })
    await synced('people', p.id, OPENED + 1)
    await updatePersonName(p.id, { initials: 'sh' }, AT_OPENING)
    expect(await onlyPatch()).toEqual({ baseRev: OPENED, fields: { initials: 'SH' } })
  })

  it('team lists: a changed category list goes without the preset list another device changed', async () => {
    const team = await createRecord('teams', author, { name: 'PTM', budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 24 } })
    await synced('teams', team.id, OPENED)
    const opened = editBaseOf({ categories: DEFAULT_TEAM_CATEGORIES, presets: DEFAULT_TEAM_PRESETS }, OPENED)
    const renamed = DEFAULT_TEAM_CATEGORIES.map((c, i) => (i === 0 ? { ...c, label: 'Acadre (ESDH)' } : c))
    // Another koordinator hid a preset meanwhile; this device has it, the form does not show it.
    const hidden = DEFAULT_TEAM_PRESETS.map((p, i) => (i === 0 ? { ...p, active: false } : p))
    await synced('teams', team.id, OPENED + 1, { presets: hidden })
    await saveTeamLists(team.id, renamed, DEFAULT_TEAM_PRESETS, NOW, opened)
    const { baseRev, fields } = await onlyPatch()
    expect(baseRev).toBe(OPENED)
    expect(Object.keys(fields)).toEqual(['categories'])
    expect((await db().teams.get(team.id))?.presets).toEqual(hidden)
  })
})
