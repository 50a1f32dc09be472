import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { SuperbrugerDb } from '../../../src/db/database.ts'
import { schemaV1, schemaV2, schemaV3, schemaV4, schemaV5, schemaV6, schemaV7, schemaV8, schemaV10, schemaV11, schemaV13, schemaV14 } from '../../../src/db/migrations.ts'

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

/** Every schema version as it shipped, declared the way the app declared them then (9 was never used). */
const shipped: Array<[number, Record<string, string>]> = [
  [1, schemaV1], [2, schemaV2], [3, schemaV3], [4, schemaV4], [5, schemaV5], [6, schemaV6], [7, schemaV7],
  [8, schemaV8], [10, schemaV10], [11, schemaV11], [12, schemaV11], [13, schemaV13], [14, schemaV14],
]

/** The stores, keys and indexes IndexedDB actually holds for `database`. */
function storedSchema(database: Dexie): unknown {
  const idb = database.backendDB()
  const names = [...idb.objectStoreNames].sort()
  const tx = idb.transaction(names, 'readonly')
  return names.map((name) => {
    const store = tx.objectStore(name)
    const indexes = [...store.indexNames].sort().map((index) => {
      const { keyPath, multiEntry, unique } = store.index(index)
      return { index, keyPath, multiEntry, unique }
    })
    return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes }
  })
}

describe('schema declarations', () => {
  it.each(shipped.map(([version]) => version))('brings a version %i database to exactly the schema a new one gets', async (version) => {
    const fresh = new SuperbrugerDb(`fresh-${Math.random().toString(36).slice(2)}`)
    await fresh.open()
    const expected = storedSchema(fresh)
    await fresh.delete()

    const name = `shipped-v${version}-${Math.random().toString(36).slice(2)}`
    const old = new Dexie(name)
    for (const [v, schema] of shipped.filter(([v]) => v <= version)) old.version(v).stores(schema)
    await old.open()
    await old.table('requests').add({ ...sync, id: 'r1', description: 'Skærmen blinker', requesterName: 'Ane', resolution: '', helpdeskCaseNo: '', status: 'ny', departmentId: null, assetId: null, assigneeId: null })
    old.close()

    const upgraded = new SuperbrugerDb(name)
    await upgraded.open()
    expect(upgraded.verno).toBe(14)
    expect(storedSchema(upgraded)).toEqual(expected)
    expect(await upgraded.requests.get('r1' as never)).toMatchObject({ description: 'Skærmen blinker' })
    // Version 7's upgrade built the report facts of what an older database held.
    if (version < 7) expect(await upgraded.reportRequests.get('r1')).toMatchObject({ id: 'r1' })
    await upgraded.delete()
  })
})
