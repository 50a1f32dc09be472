import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db, useDatabase } from '../../src/db/database.ts'
import { applyPending, applyPulledPage, resetLocalCopies } from '../../src/db/syncApply.ts'
import { getCursor } from '../../src/db/syncState.ts'
import { createRecord, patchRecord } from '../../src/db/write.ts'
import type { PulledRecord } from '../../src/domain/protocol.ts'
import type { PersonId, TeamId } from '../../src/domain/records/fields.ts'
import { requestContent } from './support/content.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const live = { id: 'r1', teamId: 't1', createdAt: 1, createdBy: 'p1', updatedAt: 1, rev: 4, deletedAt: null, status: 'ny', description: 'x' }
const dead = { id: 'r1', teamId: 't1', createdAt: 1, createdBy: 'p1', updatedAt: 9, rev: 5, deletedAt: 9 }

beforeEach(async () => {
  useDatabase(`apply-${Math.random().toString(36).slice(2)}`)
  await db().open()
})

afterEach(async () => {
  db().close()
  await db().delete()
})

describe('applyPending: a queued change over the local copy', () => {
  it.each([
    ['put creates a missing record', undefined, { op: 'put', fields: { id: 'r1', status: 'ny' }, at: 2 }, { id: 'r1', status: 'ny' }],
    ['put leaves an existing record alone', live, { op: 'put', fields: { id: 'r1', status: 'løst' }, at: 2 }, null],
    ['patch changes a live record', live, { op: 'patch', fields: { status: 'løst', updatedAt: 3 }, at: 3 }, { ...live, status: 'løst', updatedAt: 3 }],
    ['patch of a missing record does nothing', undefined, { op: 'patch', fields: { status: 'løst' }, at: 3 }, null],
    ['patch of a tombstone does nothing', dead, { op: 'patch', fields: { status: 'løst' }, at: 3 }, null],
    ['delete wipes the content', live, { op: 'delete', fields: {}, at: 7 }, { id: 'r1', teamId: 't1', createdAt: 1, createdBy: 'p1', updatedAt: 7, rev: 4, deletedAt: 7 }],
    ['delete of a tombstone does nothing', dead, { op: 'delete', fields: {}, at: 7 }, null],
  ] as const)('%s', (_name, current, entry, expected) => {
    expect(applyPending(current as Record<string, unknown> | undefined, entry)).toEqual(expected)
  })
})

describe('pulled pages and resets', () => {
  it('applies a page, re-applies pending edits on top and stores the cursor in the same step', async () => {
    const mine = await createRecord('requests', author, requestContent({ description: 'Min' }))
    await patchRecord('requests', mine.id, { status: 'i gang' })
    const server = { ...mine, rev: 12, status: 'venter', resolution: 'Fra serveren', words: undefined }
    const page: PulledRecord[] = [{ table: 'requests', record: server as never }]
    await applyPulledPage(page, 12)
    expect(await db().requests.get(mine.id)).toMatchObject({ rev: 12, status: 'i gang', resolution: 'Fra serveren' })
    expect((await db().requests.get(mine.id))?.words).toEqual(expect.arrayContaining(['min', 'fra', 'serveren']))
    expect(await getCursor()).toBe(12)
  })

  it('reset drops synced copies, keeps the outbox and shows its new records again', async () => {
    const mine = await createRecord('requests', author, requestContent({ description: 'Ikke sendt' }))
    await applyPulledPage([{ table: 'requests', record: { ...mine, id: 'other', rev: 3 } as never }], 3)
    expect(await db().requests.count()).toBe(2)
    await resetLocalCopies()
    expect(await db().outbox.count()).toBe(1)
    expect((await db().requests.toArray()).map((r) => r.id)).toEqual([mine.id])
    expect((await db().requests.get(mine.id))?.words).toContain('sendt')
    expect(await getCursor()).toBe(0)
  })
})

describe('no old text left behind by a pulled deletion or anonymisation', () => {
  const conflict = (id: string, recordId: string) => ({
    id, table: 'requests' as const, recordId, field: 'description', yours: 'Hanne Hansens printer', theirs: 'Printer', mutationId: 1, at: 1,
  })
  const rejection = (id: string, recordId: string) => ({
    id, mutationId: 2, table: 'requests' as const, recordId, op: 'patch' as const, fields: { description: 'Hanne Hansens printer' }, reason: 'forbidden' as const, at: 1,
  })

  it('drops kept conflicts and refused changes of records that come back deleted or anonymised, and only those', async () => {
    await db().conflicts.bulkAdd([conflict('c1', 'r1'), conflict('c2', 'r2'), conflict('c3', 'r3')])
    await db().rejections.bulkAdd([rejection('x1', 'r1'), rejection('x3', 'r3')])
    const anonymised = { ...live, id: 'r2', rev: 6, description: 'Anonymiseret', requesterName: 'Anonymiseret' }
    const untouched = { ...live, id: 'r3', rev: 7, description: 'Printer' }
    await applyPulledPage([
      { table: 'requests', record: dead as never },
      { table: 'requests', record: anonymised as never },
      { table: 'requests', record: untouched as never },
    ], 7)
    expect((await db().conflicts.toArray()).map((c) => c.id)).toEqual(['c3'])
    expect((await db().rejections.toArray()).map((r) => r.id)).toEqual(['x3'])
  })
})
