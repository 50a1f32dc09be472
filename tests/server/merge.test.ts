import { expect, it } from 'vitest'
import { decodeStamps } from '../../src/server/storage/stamps.ts'
import { describeBackends } from './support/backends.ts'
import { deleteOf, patchOf, putOf, useServer } from './support/harness.ts'

describeBackends('push: field merge, conflicts and delete wins', (kind) => {
  const server = useServer(kind)

  /** A request created by A and seen (pulled) by both A and B at `rev`. */
  async function shared() {
    const team = await server().team()
    const a = await server().user('superbruger', [team])
    const b = await server().user('superbruger', [team])
    await a.pushOk({ clientId: 'device-A-1', mutations: [putOf(1, 'requests', 'shared', team, a.actor.id)] })
    const rev = (await b.pullAll()).find((r) => r.record.id === 'shared')!.record.rev
    const record = async () => (await a.pullAll()).find((r) => r.record.id === 'shared')?.record as Record<string, unknown> | undefined
    return { team, a, b, rev, record }
  }

  it('disjoint fields changed from the same base both apply', async () => {
    const { a, b, rev, record } = await shared()
    await b.pushOk({ clientId: 'device-B-1', mutations: [patchOf(1, 'requests', 'shared', { status: 'i gang' }, rev)] })
    const response = await a.pushOk({ clientId: 'device-A-1', mutations: [patchOf(2, 'requests', 'shared', { resolution: 'Genstartet' }, rev)] })
    expect(response.conflicts).toEqual([])
    expect(await record()).toMatchObject({ status: 'i gang', resolution: 'Genstartet' })
  })

  it('the same field changed from an old base keeps the server value and returns both values', async () => {
    const { a, b, rev, record } = await shared()
    await b.pushOk({ clientId: 'device-B-1', mutations: [patchOf(1, 'requests', 'shared', { status: 'venter', description: 'B' }, rev)] })
    const response = await a.pushOk({ clientId: 'device-A-1', mutations: [patchOf(2, 'requests', 'shared', { status: 'løst', helpdeskCaseNo: 'IT-42' }, rev)] })
    const stored = await server().app.storage.db.selectFrom('conflicts').selectAll().execute()
    expect(response.conflicts).toEqual([{ table: 'requests', id: 'shared', field: 'status', yours: 'løst', theirs: 'venter', mutationId: 2, conflictId: stored[0]!.id }])
    expect(await record()).toMatchObject({ status: 'venter', description: 'B', helpdeskCaseNo: 'IT-42' })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ user_id: a.actor.id, record_id: 'shared', field: 'status', yours: '"løst"', theirs: '"venter"' })
  })

  it('a patch based on the newest rev overwrites without conflict', async () => {
    const { a, b, rev, record } = await shared()
    const after = await b.pushOk({ clientId: 'device-B-1', mutations: [patchOf(1, 'requests', 'shared', { status: 'venter' }, rev)] })
    const response = await a.pushOk({ clientId: 'device-A-1', mutations: [patchOf(2, 'requests', 'shared', { status: 'løst' }, after.seq)] })
    expect(response.conflicts).toEqual([])
    expect(await record()).toMatchObject({ status: 'løst' })
  })

  it("a device's own earlier change never conflicts with its later edit, even before it pulled", async () => {
    const { a, record } = await shared()
    const response = await a.pushOk({ clientId: 'device-A-1', mutations: [
      patchOf(2, 'requests', 'shared', { status: 'i gang' }, 0),
      patchOf(3, 'requests', 'shared', { status: 'løst' }, 0),
    ] })
    expect(response.conflicts).toEqual([])
    expect(await record()).toMatchObject({ status: 'løst' })
  })

  // The one who logged the request deletes it (a colleague may not; see accessRules.test.ts).
  it('delete wins over a concurrent edit and wipes the content in the database row', async () => {
    const { a, b, rev, record } = await shared()
    await a.pushOk({ clientId: 'device-A-1', mutations: [deleteOf(2, 'requests', 'shared', rev)] })
    const late = await b.pushOk({ clientId: 'device-B-1', mutations: [patchOf(1, 'requests', 'shared', { description: 'CPR 010203-1234' }, rev)] })
    expect(late.conflicts).toEqual([])
    const tomb = await record()
    expect(tomb?.deletedAt).toEqual(expect.any(Number))
    expect(tomb).not.toHaveProperty('description')
    const row = await server().app.storage.db.selectFrom('records').selectAll().where('id', '=', 'shared').executeTakeFirstOrThrow()
    expect(row.deleted_at).not.toBeNull()
    expect(row.data).not.toMatch(/Kan ikke|CPR|description|status/)
    expect(decodeStamps(row.stamps)).toEqual({})
  })

  it('a put of a deleted id does not bring the record back', async () => {
    const { a, b, rev, team, record } = await shared()
    await a.pushOk({ clientId: 'device-A-1', mutations: [deleteOf(2, 'requests', 'shared', rev)] })
    await b.pushOk({ clientId: 'device-B-2', mutations: [putOf(1, 'requests', 'shared', team, b.actor.id)] })
    expect((await record())?.deletedAt).not.toBeNull()
  })

  it('a record created and deleted offline arrives as a tombstone', async () => {
    const { a, team } = await shared()
    await a.pushOk({ clientId: 'device-A-1', mutations: [putOf(2, 'tips', 'tip-1', team, a.actor.id), deleteOf(3, 'tips', 'tip-1')] })
    const tip = (await a.pullAll()).find((r) => r.record.id === 'tip-1')
    expect(tip?.record).toMatchObject({ id: 'tip-1', deletedAt: expect.any(Number) })
    expect(tip?.record).not.toHaveProperty('title')
  })

  it('the server decides createdBy, rev and deletedAt of a new record', async () => {
    const { a, team } = await shared()
    await a.pushOk({ clientId: 'device-A-1', mutations: [putOf(2, 'tips', 'tip-2', team, 'someone-else')] })
    const tip = (await a.pullAll()).find((r) => r.record.id === 'tip-2')!.record
    expect(tip).toMatchObject({ createdBy: a.actor.id, deletedAt: null })
    expect(tip.rev).toBeGreaterThan(0)
  })
})
