import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createDepartment, removeDepartment } from '../../../src/db/departments.ts'
import { getHomeArea, loadDepartmentPage, setHomeArea } from '../../../src/db/departmentPage.ts'
import { createRecord, deleteRecord } from '../../../src/db/write.ts'
import type { ContentOf, DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Person } from '../../../src/domain/records/person.ts'
import type { Request, RequestStatus } from '../../../src/domain/records/request.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }

function request(departmentId: DepartmentId | null, status: RequestStatus, description: string): ContentOf<Request> {
  return {
    requesterName: 'Anna', departmentId, channel: 'fremmøde', category: 'hardware', presetId: null,
    description, status, owner: 'superbruger', assigneeId: null, referrals: [], history: [],
    assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null, words: [],
  }
}

function person(name: string, role: Person['role'], homeDepartmentId: DepartmentId | null): ContentOf<Person> {
  return { name, initials: name.slice(0, 2), email: `${name}@x.dk`, role, homeDepartmentId, competences: ['Acadre'] }
}

describe("a department's page", () => {
  it("shows the area's superusers, its open requests newest first, its assets and its checklists in progress", async () => {
    const byggeri = await createDepartment(author, { name: 'Byggeri', location: '' })
    const plan = await createDepartment(author, { name: 'Plan', location: '' })
    await createRecord('people', author, person('Ole', 'superbruger', byggeri.id))
    await createRecord('people', author, person('Anne', 'koordinator', byggeri.id))
    await createRecord('people', author, person('Lene', 'leder', byggeri.id))
    await createRecord('people', author, person('Per', 'superbruger', plan.id))
    await createRecord('requests', author, request(byggeri.id, 'ny', 'Ældst'), 1_000)
    await createRecord('requests', author, request(byggeri.id, 'venter', 'Nyest'), 2_000)
    await createRecord('requests', author, request(byggeri.id, 'løst', 'Løst'), 3_000)
    await createRecord('requests', author, request(plan.id, 'ny', 'Plans'), 4_000)
    const gone = await createRecord('requests', author, request(byggeri.id, 'ny', 'Slettet'), 5_000)
    await deleteRecord('requests', gone.id)
    const asset = { type: 'printer', model: '', serial: '', building: '', floor: '', notes: '', retiredAt: null } as const
    await createRecord('assets', author, { ...asset, code: 'PR-2', name: 'Printer 2', room: '2.14', departmentId: byggeri.id })
    await createRecord('assets', author, { ...asset, code: 'PR-1', name: 'Printer 1', room: '', departmentId: byggeri.id })
    await createRecord('assets', author, { ...asset, code: 'PR-0', name: 'Gammel', room: '', departmentId: byggeri.id, retiredAt: 9 })
    const run = { templateId: 'tpl', templateVersion: 1, dueDate: null, completedAt: null, overrideReason: '' }
    await createRecord('checklistRuns', author, { ...run, title: 'Databeskyttelse', status: 'i gang', subject: { kind: 'department', refId: byggeri.id, label: 'Byggeri' } } as never)
    await createRecord('checklistRuns', author, { ...run, title: 'Færdig', status: 'fuldført', subject: { kind: 'department', refId: byggeri.id, label: 'Byggeri' } } as never)

    const page = (await loadDepartmentPage(byggeri.id))!
    expect(page.department.name).toBe('Byggeri')
    expect(page.superusers.map((p) => p.name)).toEqual(['Anne', 'Ole'])
    expect(page.openRequests.map((r) => r.description)).toEqual(['Nyest', 'Ældst'])
    expect(page.assets.map((a) => a.code)).toEqual(['PR-1', 'PR-2'])
    expect(page.checklists.map((c) => c.title)).toEqual(['Databeskyttelse'])
  })

  it('is undefined for an unknown or removed department', async () => {
    const d = await createDepartment(author, { name: 'Byggeri', location: '' })
    await removeDepartment(d.id)
    expect(await loadDepartmentPage(d.id)).toBeUndefined()
    expect(await loadDepartmentPage('nope' as DepartmentId)).toBeUndefined()
  })

  it("sets a person's home area as a synced change of that one field, and reads it back", async () => {
    const d = await createDepartment(author, { name: 'Byggeri', location: '' })
    const me = await createRecord('people', author, person('Ole', 'superbruger', null))
    expect(await getHomeArea(me.id)).toBeUndefined()
    await setHomeArea(me.id, d.id)
    expect(await getHomeArea(me.id)).toMatchObject({ id: d.id, name: 'Byggeri' })
    const queued = (await db().outbox.toArray()).filter((m) => m.table === 'people' && m.op === 'patch')
    expect(queued.map((m) => Object.keys(m.fields).filter((k) => k !== 'updatedAt'))).toEqual([['homeDepartmentId']])
    await removeDepartment(d.id)
    expect(await getHomeArea(me.id)).toBeUndefined()
  })
})
