import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { SuperbrugerDb } from '../../../src/db/database.ts'
import { schemaV1 } from '../../../src/db/migrations.ts'

const sync = { teamId: 't1', createdAt: 1, createdBy: 'p1', updatedAt: 1, rev: 0, deletedAt: null }

describe('migrations', () => {
  it('upgrades a version-1 database with data to the current schema without losing records', async () => {
    const name = `migrate-${Math.random().toString(36).slice(2)}`
    const old = new Dexie(name)
    old.version(1).stores(schemaV1)
    await old.table('requests').add({
      ...sync, id: 'r1', requesterName: 'Jette Hansen', description: 'Printeren på 2. sal driller',
      resolution: 'Papir fyldt på', helpdeskCaseNo: 'HD-4711', status: 'løst', departmentId: null, assetId: null, assigneeId: null,
    })
    await old.table('timeEntries').bulkAdd([
      { ...sync, id: 'e1', personId: 'p1', start: 1000, end: null, week: '2026-W48' },
      { ...sync, id: 'e2', personId: 'p1', start: 1000, end: 2000, week: '2026-W48' },
    ])
    await old.table('outbox').add({ table: 'requests', recordId: 'r1', op: 'put', fields: {}, baseRev: 0, at: 1 })
    old.close()

    const current = new SuperbrugerDb(name)
    await current.open()
    expect(current.verno).toBeGreaterThanOrEqual(2)
    const request = await current.requests.get('r1' as never)
    expect(request?.words).toEqual(expect.arrayContaining(['jette', 'hansen', 'printeren', '2', 'sal', 'papir', 'hd', '4711']))
    expect(await current.requests.where('words').startsWith('print').primaryKeys()).toEqual(['r1'])
    expect(await current.timeEntries.where('[personId+running]').equals(['p1', 1]).primaryKeys()).toEqual(['e1'])
    expect(await current.outbox.count()).toBe(1)
    current.close()
    await Dexie.delete(name)
  })
})
