import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRecord, deleteRecord, patchRecord } from '../../src/db/write.ts'
import { listConflicts, resolveConflict } from '../../src/db/conflicts.ts'
import { getSyncStatus } from '../../src/db/syncState.ts'
import { createSyncEngine } from '../../src/sync/engine.ts'
import { startWorld, type World } from './support/world.ts'
import { requestContent, timeContent } from './support/content.ts'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

describe('client sync engine against the real server', () => {
  it('sends offline creates, edits and deletes and both devices converge', async () => {
    const a = await world.device()
    const b = await world.device()
    a.offline = true
    const kept = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Printer på 2. sal' })))
    const gone = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Slettes' })))
    await a.local(() => patchRecord('requests', kept.id, { status: 'i gang' }))
    await a.local(() => deleteRecord('requests', gone.id))
    const time = await a.local(() => createRecord('timeEntries', a.author!, timeContent(a.author!.personId, { end: null })))
    expect(await a.sync()).toMatchObject({ ok: false, problem: { kind: 'offline' } })
    expect(await a.outboxSize()).toBe(5)

    a.offline = false
    expect(await a.syncOk()).toMatchObject({ pushed: 5 })
    expect(await a.outboxSize()).toBe(0)
    await b.syncOk()

    expect(await b.get('requests', kept.id)).toMatchObject({ description: 'Printer på 2. sal', status: 'i gang', deletedAt: null })
    expect((await b.get('requests', kept.id))?.rev).toBeGreaterThan(0)
    expect(await b.get('requests', gone.id)).toMatchObject({ deletedAt: expect.any(Number) })
    expect(JSON.stringify(await b.get('requests', gone.id))).not.toContain('Slettes')
    // Derived local fields are recomputed for pulled records, so search and the timer index work.
    expect((await b.get('requests', kept.id))?.words).toEqual(expect.arrayContaining(['printer', 'sal']))
    expect((await b.get('timeEntries', time.id))?.running).toBe(1)
    expect(await b.live('requests')).toEqual(await a.live('requests'))
    expect(await b.live('timeEntries')).toEqual(await a.live('timeEntries'))
    expect((await getSyncStatus(a.database)).lastSyncAt).toEqual(expect.any(Number))
  })

  it('merges edits of different fields from two devices', async () => {
    const a = await world.device()
    const b = await world.device()
    const r = await a.local(() => createRecord('requests', a.author!, requestContent()))
    await a.syncOk()
    await b.syncOk()
    await a.local(() => patchRecord('requests', r.id, { status: 'venter' }))
    await b.local(() => patchRecord('requests', r.id, { helpdeskCaseNo: 'IT-4711' }))
    await a.syncOk()
    await b.syncOk()
    await a.syncOk()
    for (const d of [a, b]) expect(await d.get('requests', r.id)).toMatchObject({ status: 'venter', helpdeskCaseNo: 'IT-4711' })
    expect(await listConflicts(a.database)).toEqual([])
    expect(await listConflicts(b.database)).toEqual([])
  })

  it('stores a clash on one field as a conflict with both values and shows the server value', async () => {
    const a = await world.device()
    const b = await world.device()
    const r = await a.local(() => createRecord('requests', a.author!, requestContent()))
    await a.syncOk()
    await b.syncOk()
    await a.local(() => patchRecord('requests', r.id, { description: 'A skrev dette', status: 'i gang' }))
    await b.local(() => patchRecord('requests', r.id, { description: 'B skrev dette', resolution: 'Genstartet' }))
    await a.syncOk()
    expect(await b.syncOk()).toMatchObject({ conflicts: 1 })
    await a.syncOk()

    const conflicts = await listConflicts(b.database)
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({ table: 'requests', recordId: r.id, field: 'description', yours: 'B skrev dette', theirs: 'A skrev dette' })
    for (const d of [a, b]) {
      expect(await d.get('requests', r.id)).toMatchObject({ description: 'A skrev dette', status: 'i gang', resolution: 'Genstartet' })
    }
    expect(await listConflicts(a.database)).toEqual([])

    // B's user keeps their own value: it is sent as a new edit and reaches A.
    await b.local(() => resolveConflict(conflicts[0]!.id, 'yours'))
    expect(await listConflicts(b.database)).toEqual([])
    await b.syncOk()
    await a.syncOk()
    expect(await a.get('requests', r.id)).toMatchObject({ description: 'B skrev dette' })
    expect(await listConflicts(b.database)).toEqual([])
  })

  it('runs one sync at a time per device, so parallel triggers send nothing twice', async () => {
    const a = await world.device()
    for (let i = 0; i < 3; i++) await a.local(() => createRecord('requests', a.author!, requestContent({ description: `Sag ${i}` })))
    const results = await Promise.all([a.sync(), a.sync(), a.sync()])
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.map((r) => (r.ok ? r.pushed : -1)).sort()).toEqual([0, 0, 3])
    expect(a.sent.filter((p) => p === '/api/sync/push')).toHaveLength(1)
  })

  it('lets a delete win over a concurrent edit', async () => {
    const a = await world.device()
    const b = await world.device()
    const r = await a.local(() => createRecord('requests', a.author!, requestContent()))
    await a.syncOk()
    await b.syncOk()
    await a.local(() => deleteRecord('requests', r.id))
    await b.local(() => patchRecord('requests', r.id, { description: 'Ny tekst' }))
    await a.syncOk()
    await b.syncOk()
    for (const d of [a, b]) {
      expect(await d.get('requests', r.id)).toMatchObject({ deletedAt: expect.any(Number) })
      expect(await d.live('requests')).toEqual([])
    }
  })

  it('applies a push exactly once when its answer was lost', async () => {
    const a = await world.device()
    const b = await world.device()
    const r = await a.local(() => createRecord('requests', a.author!, requestContent({ history: [] })))
    await a.local(() => patchRecord('requests', r.id, {
      referrals: [{ at: 1, from: null, to: null, note: 'henvist én gang' }],
    }))
    a.loseNextAnswer = true
    expect(await a.sync()).toMatchObject({ ok: false, problem: { kind: 'offline' } })
    expect(await a.outboxSize()).toBe(2)
    const rows = await world.server.app.storage.db.selectFrom('records').select('id').where('tbl', '=', 'requests').execute()
    expect(rows).toHaveLength(1)

    expect(await a.syncOk()).toMatchObject({ pushed: 2 })
    expect(await a.outboxSize()).toBe(0)
    await b.syncOk()
    expect(await b.live('requests')).toHaveLength(1)
    expect((await b.get('requests', r.id))?.referrals).toHaveLength(1)
    const client = await world.server.app.storage.db.selectFrom('clients').select('last_mutation_id').execute()
    expect(client.map((c) => c.last_mutation_id)).toContain(2)
  })

  it('pulls in pages and keeps unsent local edits visible on top of pulled records', async () => {
    const a = await world.device()
    const b = await world.device('superbruger', { pullLimit: 3 })
    const ids: string[] = []
    for (let i = 0; i < 8; i++) ids.push((await a.local(() => createRecord('requests', a.author!, requestContent({ description: `Sag ${i}` })))).id)
    await a.syncOk()
    await b.syncOk()
    expect(b.sent.filter((p) => p === '/api/sync/pull').length).toBeGreaterThanOrEqual(3)
    expect(await b.live('requests')).toHaveLength(8)

    // A changes a record; while B's sync runs (after its push, before its pull) B's user edits
    // another field of it: the pulled version must not hide that unsent edit.
    await a.local(() => patchRecord('requests', ids[0]!, { status: 'løst' }))
    await a.syncOk()
    let edited = false
    const midSync = createSyncEngine({
      database: () => b.database,
      transport: {
        ...b.transport,
        async pull(cursor, limit) {
          if (!edited) {
            edited = true
            await b.local(() => patchRecord('requests', ids[0]!, { resolution: 'B har løst det' }))
          }
          return b.transport.pull(cursor, limit)
        },
      },
    })
    expect(await midSync.syncOnce()).toMatchObject({ ok: true })
    expect(await b.outboxSize()).toBe(1)
    expect(await b.get('requests', ids[0]!)).toMatchObject({ status: 'løst', resolution: 'B har løst det' })
    await b.syncOk()
    await a.syncOk()
    expect(await a.get('requests', ids[0]!)).toMatchObject({ status: 'løst', resolution: 'B har løst det' })
  })
})
