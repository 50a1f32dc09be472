import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listRejections } from '../../src/db/conflicts.ts'
import { ensureClientId, getCursor, getSyncStatus } from '../../src/db/syncState.ts'
import { createRecord, deleteRecord, patchRecord } from '../../src/db/write.ts'
import type { PersonId } from '../../src/domain/records/fields.ts'
import { purgeTombstones } from '../../src/server/storage/tombstones.ts'
import { createSyncEngine } from '../../src/sync/engine.ts'
import { requestContent, timeContent } from './support/content.ts'
import { startWorld, type World } from './support/world.ts'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

describe('client sync engine: resets, sign-out and refusals', () => {
  it('re-downloads on resetRequired and keeps the outbox', async () => {
    const a = await world.device()
    const c = await world.device()
    const doomed = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Kortvarig' })))
    const stays = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Bliver' })))
    await a.syncOk()
    await c.syncOk()
    const oldCursor = await getCursor(c.database)
    await a.local(() => deleteRecord('requests', doomed.id))
    await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Ny efter sletning' })))
    await a.syncOk()
    expect(await purgeTombstones(world.server.app.storage, Date.now() + 1000)).toBe(1)

    // C's user writes while C's sync runs: the write is pending when the reset arrives.
    let pending: string | null = null
    const engine = createSyncEngine({
      database: () => c.database,
      transport: {
        ...c.transport,
        async pull(cursor, limit) {
          if (pending === null) {
            pending = (await c.local(() => createRecord('requests', c.author!, requestContent({ description: 'Ikke sendt endnu' })))).id
            await c.local(() => patchRecord('requests', stays.id, { resolution: 'Lokal rettelse' }))
          }
          return c.transport.pull(cursor, limit)
        },
      },
    })
    expect(await engine.syncOnce()).toMatchObject({ ok: true })
    expect(c.sent.filter((p) => p === '/api/sync/pull').length).toBeGreaterThanOrEqual(2)
    expect(await getCursor(c.database)).toBeGreaterThan(oldCursor)
    expect(await c.outboxSize()).toBe(2)
    const live = (await c.live('requests')).map((r) => r.description).sort()
    expect(live).toEqual(['Bliver', 'Ikke sendt endnu', 'Ny efter sletning'])
    expect(await c.get('requests', stays.id)).toMatchObject({ resolution: 'Lokal rettelse' })
    expect(await c.get('requests', doomed.id)).toBeUndefined()

    await c.syncOk()
    await a.syncOk()
    expect(await a.live('requests')).toEqual(await c.live('requests'))
  })

  it('keeps the outbox and asks to sign in when the session has expired', async () => {
    const a = await world.device()
    await a.local(() => createRecord('requests', a.author!, requestContent()))
    a.dropSession()
    const result = await a.sync()
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unauthorised', code: 'unauthenticated' } })
    expect(!result.ok && result.problem.message).toMatch(/Log ind/)
    expect(await a.outboxSize()).toBe(1)
    expect((await getSyncStatus(a.database)).lastError).toMatchObject({ kind: 'unauthorised' })

    const email = (await world.server.app.storage.db.selectFrom('users').select('email').where('id', '=', a.author!.personId).executeTakeFirstOrThrow()).email
    await a.signIn(email, 'secret-pw', world.teamId)
    expect(await a.syncOk()).toMatchObject({ pushed: 1 })
    expect((await getSyncStatus(a.database)).lastError).toBeNull()
  })

  it('records a refused change, takes it out of the outbox and shows the server version again', async () => {
    const owner = await world.device()
    const other = await world.device()
    const entry = await owner.local(() => createRecord('timeEntries', owner.author!, timeContent(owner.author!.personId, { note: 'Min tid' })))
    await owner.syncOk()
    await other.syncOk()
    // Another superuser may not change someone else's time entry, nor log time in their name.
    await other.local(() => patchRecord('timeEntries', entry.id, { note: 'Ændret af en anden' }))
    const foreign = await other.local(() => createRecord('timeEntries', other.author!, timeContent(owner.author!.personId as PersonId)))
    const fine = await other.local(() => createRecord('requests', other.author!, requestContent()))
    expect(await other.syncOk()).toMatchObject({ rejected: 2 })
    expect(await other.outboxSize()).toBe(0)

    const refused = await listRejections(other.database)
    expect(refused.map((r) => r.recordId).sort()).toEqual([entry.id, foreign.id].sort())
    expect(refused.find((r) => r.recordId === entry.id)).toMatchObject({ op: 'patch', reason: 'forbidden', fields: { note: 'Ændret af en anden' } })
    expect(await other.get('timeEntries', entry.id)).toMatchObject({ note: 'Min tid' })
    expect(await other.get('timeEntries', foreign.id)).toBeUndefined()
    expect(await other.get('requests', fine.id)).toMatchObject({ rev: expect.any(Number) })
    expect((await other.get('requests', fine.id))?.rev).toBeGreaterThan(0)
    // Not retried: the next sync sends nothing.
    expect(await other.syncOk()).toMatchObject({ pushed: 0, rejected: 0 })
  })

  it('a refused delete brings the request back, also when tombstones are purged meanwhile', async () => {
    // The server convergence property found this schedule (CI seed -788183839); here with the app's engine.
    const owner = await world.device()
    const other = await world.device()
    const request = await owner.local(() => createRecord('requests', owner.author!, requestContent({ description: 'Ejerens henvendelse' })))
    await owner.syncOk()
    await other.syncOk()
    // A superbruger deletes only requests they logged or are responsible for.
    await other.local(() => deleteRecord('requests', request.id))
    expect(await other.get('requests', request.id)).toMatchObject({ deletedAt: expect.any(Number) })
    const mine = await other.local(() => createRecord('requests', other.author!, requestContent({ description: 'Min egen' })))
    expect(await other.syncOk()).toMatchObject({ rejected: 1 })
    await purgeTombstones(world.server.app.storage, Date.now() + 1000)
    await other.syncOk()
    await owner.syncOk()

    expect(await other.get('requests', request.id)).toMatchObject({ deletedAt: null, description: 'Ejerens henvendelse' })
    expect((await other.live('requests')).map((r) => r.id).sort()).toEqual([request.id, mine.id].sort())
    expect(await other.live('requests')).toEqual(await owner.live('requests'))
    expect(await listRejections(other.database)).toEqual([expect.objectContaining({ recordId: request.id, op: 'delete', reason: 'forbidden' })])
  })

  it('a change refused after a tombstone purge leaves no record the server no longer has', async () => {
    const a = await world.device()
    const b = await world.device()
    const first = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Første' })))
    const second = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Anden' })))
    await a.syncOk()
    await b.syncOk()
    await a.local(() => deleteRecord('requests', first.id))
    await a.local(() => deleteRecord('requests', second.id))
    await a.syncOk()
    expect(await purgeTombstones(world.server.app.storage, Date.now() + 1000)).toBe(2)
    // B edits a record the server no longer has: refused, and B downloads again.
    await b.local(() => patchRecord('requests', first.id, { description: 'Rettet offline' }))
    expect(await b.syncOk()).toMatchObject({ rejected: 1 })
    expect(await b.live('requests')).toEqual([])
    expect(await listRejections(b.database)).toEqual([expect.objectContaining({ recordId: first.id, fields: { description: 'Rettet offline', updatedAt: expect.any(Number) } })])
  })

  it('after the server is restored from an older backup, the waiting changes still go in under a new client id', async () => {
    const a = await world.device()
    const b = await world.device()
    await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Før backup' })))
    await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Efter backup' })))
    await a.syncOk()
    const oldClientId = await ensureClientId(a.database)
    // The restored server remembers only the first of the two mutations it had acknowledged.
    await sql`update clients set last_mutation_id = 1 where client_id = ${oldClientId}`.execute(world.server.app.storage.db)
    const waiting = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Venter på at blive sendt' })))

    expect(await a.syncOk()).toMatchObject({ pushed: 1 })
    expect(await a.outboxSize()).toBe(0)
    expect(await ensureClientId(a.database)).not.toBe(oldClientId)
    await b.syncOk()
    expect(await b.get('requests', waiting.id)).toMatchObject({ description: 'Venter på at blive sendt' })
    // The new identity goes on as usual.
    await a.local(() => patchRecord('requests', waiting.id, { resolution: 'Løst' }))
    expect(await a.syncOk()).toMatchObject({ pushed: 1 })
    await b.syncOk()
    expect(await b.get('requests', waiting.id)).toMatchObject({ resolution: 'Løst' })
  })

  it('a new device downloads in small pages after a tombstone purge without being sent round in resets', async () => {
    const a = await world.device()
    const first = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Nr. 0' })))
    for (let i = 1; i < 12; i++) await a.local(() => createRecord('requests', a.author!, requestContent({ description: `Nr. ${i}` })))
    await a.syncOk()
    await a.local(() => deleteRecord('requests', first.id))
    await a.syncOk()
    expect(await purgeTombstones(world.server.app.storage, Date.now() + 1000)).toBe(1)
    const fresh = await world.device('superbruger', { pullLimit: 3 })
    expect(await fresh.syncOk()).toMatchObject({ ok: true })
    expect((await fresh.live('requests')).length).toBe(11)
    expect(await fresh.syncOk()).toMatchObject({ ok: true, pulled: 0 })
  })

  it('reports a server error without losing the outbox', async () => {
    const a = await world.device()
    await a.local(() => createRecord('requests', a.author!, requestContent()))
    const broken = createSyncEngine({
      database: () => a.database,
      transport: { ...a.transport, push: async () => ({ ok: false, problem: { kind: 'server', code: 'server_error', retryAfterMs: 3000 } }) },
    })
    expect(await broken.syncOnce()).toMatchObject({ ok: false, problem: { kind: 'server', retryAfterMs: 3000 } })
    expect(await a.outboxSize()).toBe(1)
  })
})
