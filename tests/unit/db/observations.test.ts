import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createObservation, listObservations, listObservationsMadeBetween, moveObservation, ObservationDraftError, ObservationStatusError } from '../../../src/db/observations.ts'
import type { DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const byg = 'byg' as DepartmentId

describe('observations on the device', () => {
  it('saves a new one as "ny" with the CPR number masked, queued for sync', async () => {
    const o = await createObservation(author, { kind: 'informationssikkerhed', departmentId: byg, text: '  Sedler med 010203-1234 på skærmen ' }, 1_000)
    expect(o).toMatchObject({ status: 'ny', kind: 'informationssikkerhed', departmentId: byg, history: [{ at: 1_000, by: 'p1', from: null, to: 'ny' }] })
    expect(o.text).not.toContain('010203-1234')
    expect(o.text).toBe("Sedler med 010203-XXXX på skærmen")
    const queued = await db().outbox.toArray()
    expect(queued).toEqual([expect.objectContaining({ table: 'observations', recordId: o.id, op: 'put' })])
    expect(JSON.stringify(queued)).not.toContain('1234')
  })

  it('refuses an empty text and stores nothing', async () => {
    await expect(createObservation(author, { kind: 'idé', departmentId: null, text: '  ' })).rejects.toBeInstanceOf(ObservationDraftError)
    expect(await db().observations.count()).toBe(0)
  })

  it('moves one on with the change in its history, only along the rules', async () => {
    const o = await createObservation(author, { kind: 'idé', departmentId: null, text: 'Fælles skabelon' }, 1_000)
    const moved = await moveObservation(o.id, 'drøftet i gruppen', 'k1' as PersonId, 2_000)
    expect(moved).toMatchObject({ status: 'drøftet i gruppen' })
    expect(moved.history.at(-1)).toEqual({ at: 2_000, by: 'k1', from: 'ny', to: 'drøftet i gruppen' })
    await expect(moveObservation(o.id, 'ny', 'k1' as PersonId)).rejects.toBeInstanceOf(ObservationStatusError)
    const patches = (await db().outbox.toArray()).filter((m) => m.op === 'patch')
    expect(patches.map((m) => Object.keys(m.fields).filter((k) => k !== 'updatedAt').sort())).toEqual([['history', 'status']])
  })

  it('lists open ones by default, newest first, by department; and those made in a period', async () => {
    const a = await createObservation(author, { kind: 'idé', departmentId: byg, text: 'Første' }, 1_000)
    const b = await createObservation(author, { kind: 'ros', departmentId: null, text: 'Anden' }, 2_000)
    const c = await createObservation(author, { kind: 'idé', departmentId: byg, text: 'Tredje' }, 3_000)
    await moveObservation(c.id, 'lagt væk', 'k1' as PersonId, 4_000)
    expect((await listObservations({ status: 'open' })).map((o) => o.text)).toEqual(['Anden', 'Første'])
    expect((await listObservations({ status: 'all' })).map((o) => o.text)).toEqual(['Tredje', 'Anden', 'Første'])
    expect((await listObservations({ status: 'lagt væk' })).map((o) => o.id)).toEqual([c.id])
    expect((await listObservations({ status: 'all', departmentId: byg })).map((o) => o.id)).toEqual([c.id, a.id])
    expect((await listObservations({ status: 'all', departmentId: null })).map((o) => o.id)).toEqual([b.id])
    expect((await listObservationsMadeBetween(1_500, 3_000)).map((o) => o.id)).toEqual([b.id])
  })
})
