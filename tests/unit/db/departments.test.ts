import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRecord } from '../../../src/db/write.ts'
import {
  countDepartmentUse, createDepartment, DepartmentNameError, listTeamDepartments, removeDepartment, updateDepartment,
} from '../../../src/db/departments.ts'
import { listDepartments } from '../../../src/db/profile.ts'
import type { DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }

function request(departmentId: DepartmentId | null) {
  return {
    requesterName: 'Anna', departmentId, channel: 'fremmøde' as const, category: 'hardware' as const, presetId: null,
    description: 'Skærm', status: 'ny' as const, owner: 'superbruger' as const, assigneeId: null, referrals: [], history: [],
    assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null, words: [],
  }
}

describe('departments', () => {
  it('adds a department with a tidy name and queues it for sync', async () => {
    const d = await createDepartment(author, { name: '  Vej   og Park ', location: ' Rådhuset ' })
    expect(d).toMatchObject({ name: 'Vej og Park', location: 'Rådhuset', teamId: 't1', deletedAt: null })
    expect(await db().outbox.toArray()).toEqual([expect.objectContaining({ table: 'departments', recordId: d.id, op: 'put' })])
  })

  it('refuses an empty name or one the team already has (any case), storing nothing', async () => {
    await createDepartment(author, { name: 'Plan', location: '' })
    await expect(createDepartment(author, { name: '  ', location: '' })).rejects.toMatchObject({ reason: 'empty' })
    await expect(createDepartment(author, { name: 'PLAN', location: '' })).rejects.toBeInstanceOf(DepartmentNameError)
    expect(await db().departments.count()).toBe(1)
    // another team may use the name
    await expect(createDepartment({ ...author, teamId: 't2' as TeamId }, { name: 'Plan', location: '' })).resolves.toMatchObject({ teamId: 't2' })
  })

  it('lists only the live departments of one team, in Danish order', async () => {
    for (const name of ['Økonomi', 'Byggeri', 'Ældre']) await createDepartment(author, { name, location: '' })
    await createDepartment({ ...author, teamId: 't2' as TeamId }, { name: 'Andet team', location: '' })
    expect((await listTeamDepartments(author.teamId)).map((d) => d.name)).toEqual(['Byggeri', 'Økonomi', 'Ældre'].sort((a, b) => a.localeCompare(b, 'da')))
  })

  it('renames and sets a location, queuing only the changed fields; keeps its own name but cannot take another', async () => {
    const d = await createDepartment(author, { name: 'Plan', location: '' })
    await createDepartment(author, { name: 'Byggeri', location: '' })
    const renamed = await updateDepartment(d.id, { name: 'Plan', location: 'Bygning B' })
    expect(renamed).toMatchObject({ name: 'Plan', location: 'Bygning B' })
    const patch = (await db().outbox.toArray()).at(-1)
    expect(patch).toMatchObject({ op: 'patch', recordId: d.id })
    expect(Object.keys(patch!.fields).sort()).toEqual(['location', 'updatedAt'])
    await expect(updateDepartment(d.id, { name: 'byggeri', location: '' })).rejects.toMatchObject({ reason: 'taken' })
    expect((await db().departments.get(d.id))?.name).toBe('Plan')
  })

  it('counts what refers to a department and removes it as a tombstone; requests keep the id and still load', async () => {
    const d = await createDepartment(author, { name: 'Plan', location: 'Rådhuset' })
    const req = await createRecord('requests', author, request(d.id))
    const gone = await createRecord('requests', author, request(d.id))
    await db().requests.update(gone.id, { deletedAt: 1 })
    await createRecord('assets', author, {
      code: 'K7M4QX', type: 'pc', name: 'PC', model: '', serial: '', building: '', floor: '', room: '', departmentId: d.id, notes: '', retiredAt: null,
    })
    expect(await countDepartmentUse(d.id)).toEqual({ requests: 1, assets: 1, people: 0 })
    await removeDepartment(d.id)
    expect(await db().departments.get(d.id)).toMatchObject({ id: d.id, deletedAt: expect.any(Number) })
    expect((await db().departments.get(d.id)) as unknown as Record<string, unknown>).not.toHaveProperty('name')
    expect(await listTeamDepartments(author.teamId)).toEqual([])
    expect((await listDepartments()).map((x) => x.id)).not.toContain(d.id)
    expect((await db().outbox.toArray()).at(-1)).toMatchObject({ op: 'delete', recordId: d.id })
    expect((await db().requests.get(req.id))?.departmentId).toBe(d.id)
  })
})
