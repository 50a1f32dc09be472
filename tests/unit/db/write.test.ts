import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRecord, deleteRecord, patchRecord, RecordMissingError } from '../../../src/db/write.ts'
import type { DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }

describe('record + outbox writes', () => {
  it('creates a record and queues a put in one transaction', async () => {
    const dep = await createRecord('departments', author, { name: 'Plan', location: 'Rådhuset' }, 1000)
    expect(dep).toMatchObject({ name: 'Plan', teamId: 't1', createdBy: 'p1', rev: 0, deletedAt: null, createdAt: 1000 })
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ table: 'departments', recordId: dep.id, op: 'put', baseRev: 0 })
    expect(outbox[0]?.fields).toMatchObject({ name: 'Plan' })
  })

  it('drops NUL characters (the server refuses them) from what is stored and queued', async () => {
    const dep = await createRecord('departments', author, { name: 'Pl\u0000an', location: 'Rå\u0000dhuset' })
    expect(dep).toMatchObject({ name: 'Plan', location: 'Rådhuset' })
    await patchRecord('departments', dep.id, { location: '\u0000Bygning B' })
    const queued = (await db().outbox.toArray()).map((m) => JSON.stringify(m.fields))
    expect(queued.join('')).not.toContain('\\u0000')
    expect((await db().departments.get(dep.id))?.location).toBe('Bygning B')
  })

  it('patches with the record rev as base and keeps mutation order', async () => {
    const dep = await createRecord('departments', author, { name: 'Plan', location: '' })
    await db().departments.update(dep.id, { rev: 7 })
    await patchRecord('departments', dep.id, { location: 'Bygning B' }, 2000)
    const outbox = await db().outbox.orderBy('mutationId').toArray()
    expect(outbox.map((m) => m.op)).toEqual(['put', 'patch'])
    expect(outbox[1]).toMatchObject({ baseRev: 7, fields: { location: 'Bygning B', updatedAt: 2000 } })
    expect((await db().departments.get(dep.id))?.location).toBe('Bygning B')
  })

  it('delete wipes the content and leaves a tombstone', async () => {
    const dep = await createRecord('departments', author, { name: 'Hemmelig afdeling', location: 'Kælder' })
    await deleteRecord('departments', dep.id, 3000)
    const stored = await db().departments.get(dep.id)
    expect(stored?.deletedAt).toBe(3000)
    expect(JSON.stringify(stored)).not.toContain('Hemmelig')
    expect((await db().outbox.toArray()).at(-1)).toMatchObject({ op: 'delete', recordId: dep.id })
  })

  it('refuses to patch a deleted record and queues nothing', async () => {
    const dep = await createRecord('departments', author, { name: 'X', location: '' })
    await deleteRecord('departments', dep.id)
    await expect(patchRecord('departments', dep.id, { name: 'Y' })).rejects.toBeInstanceOf(RecordMissingError)
    expect(await db().outbox.count()).toBe(2)
  })

  it('writes nothing when the outbox write fails', async () => {
    const id = 'fixed' as DepartmentId
    await db().outbox.hook('creating', () => { throw new Error('disk full') })
    await expect(createRecord('departments', author, { name: 'Z', location: '' })).rejects.toThrow('disk full')
    expect(await db().departments.count()).toBe(0)
    expect(await db().departments.get(id)).toBeUndefined()
  })
})

describe('patches carry only real changes', () => {
  it('queues only the fields that changed', async () => {
    const dep = await createRecord('departments', author, { name: 'Plan', location: 'A' })
    await patchRecord('departments', dep.id, { name: 'Plan', location: 'B' }, 5000)
    const last = (await db().outbox.orderBy('mutationId').toArray()).at(-1)
    expect(last?.fields).toEqual({ location: 'B', updatedAt: 5000 })
  })

  it('writes and queues nothing when nothing changed', async () => {
    const dep = await createRecord('departments', author, { name: 'Plan', location: 'A' }, 1000)
    const result = await patchRecord('departments', dep.id, { name: 'Plan', location: 'A' }, 9000)
    expect(result.updatedAt).toBe(1000)
    expect(await db().outbox.count()).toBe(1)
  })
})
