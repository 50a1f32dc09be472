import { expect, it } from 'vitest'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer } from './support/harness.ts'

describeBackends('push: exactly once per (client, mutation id)', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const batch = (ids: number[], clientId = 'phone-0001') => ({
      clientId, mutations: ids.map((n) => putOf(n, 'requests', `req-${n}`, team, sb.actor.id, { description: `nr ${n}` })),
    })
    return { team, sb, batch }
  }

  it('applies a batch and numbers each changed record with the next sequence', async () => {
    const { sb, batch } = await setup()
    const response = await sb.pushOk(batch([1, 2, 3]))
    expect(response).toMatchObject({ lastMutationId: 3, conflicts: [], rejected: [] })
    const records = (await sb.pullAll()).filter((r) => r.table === 'requests')
    expect(records.map((r) => r.record.id)).toEqual(['req-1', 'req-2', 'req-3'])
    const revs = records.map((r) => r.record.rev)
    expect(revs).toEqual([revs[0], revs[0]! + 1, revs[0]! + 2])
    expect(response.seq).toBe(revs[2])
  })

  it('replaying a whole batch (response lost) changes nothing', async () => {
    const { sb, batch } = await setup()
    const first = await sb.pushOk(batch([1, 2]))
    const again = await sb.pushOk(batch([1, 2]))
    expect(again).toEqual({ lastMutationId: 2, seq: first.seq, conflicts: [], rejected: [] })
    expect((await sb.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(2)
  })

  it('an overlapping batch applies only the new mutations', async () => {
    const { sb, batch, team } = await setup()
    await sb.pushOk(batch([1, 2]))
    // mutation 2 is replayed with other content: it must be skipped, not re-applied
    const overlap = { clientId: 'phone-0001', mutations: [
      patchOf(2, 'requests', 'req-1', { description: 'SKAL IKKE GEMMES' }, 0),
      putOf(3, 'requests', 'req-3', team, sb.actor.id),
    ] }
    expect(await sb.pushOk(overlap)).toMatchObject({ lastMutationId: 3 })
    const records = await sb.pullAll()
    expect(records.find((r) => r.record.id === 'req-1')?.record).toMatchObject({ description: 'nr 1' })
    expect(records.some((r) => r.record.id === 'req-3')).toBe(true)
  })

  it('a device new to the server starts where its outbox starts; after that a gap is an error again', async () => {
    const { sb, batch } = await setup()
    expect(await sb.pushOk(batch([51, 52]))).toMatchObject({ lastMutationId: 52 })
    expect(await sb.pushOk(batch([51, 52, 53]))).toMatchObject({ lastMutationId: 53 })
    const early = await sb.push(batch([55]))
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ error: 'mutation_gap', details: { expected: 54, received: 55, lastMutationId: 53 } })
    expect((await sb.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(3)
  })

  it('a batch that arrives before its predecessor (a gap) is rejected whole with the expected id', async () => {
    const { sb, batch } = await setup()
    await sb.pushOk(batch([1, 2]))
    const early = await sb.push(batch([4, 5]))
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ error: 'mutation_gap', details: { expected: 3, received: 4, lastMutationId: 2 } })
    expect(early.json().message).toMatch(/ændringer/i)
    expect((await sb.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(2)
    // once the missing batch arrives, the late one applies
    await sb.pushOk(batch([3]))
    expect(await sb.pushOk(batch([4, 5]))).toMatchObject({ lastMutationId: 5 })
    expect((await sb.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(5)
  })

  it('a gap inside a batch rejects all of it', async () => {
    const { sb, batch } = await setup()
    const response = await sb.push(batch([1, 3]))
    expect(response.statusCode).toBe(409)
    expect((await sb.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(0)
  })

  it('counts mutation ids per device: two devices of one user are independent', async () => {
    const { sb, batch } = await setup()
    await sb.pushOk(batch([1, 2], 'phone-0001'))
    expect(await sb.pushOk({ clientId: 'laptop-001', mutations: batch([1]).mutations.map((m) => ({ ...m, recordId: 'other', fields: { ...m.fields, id: 'other' } })) }))
      .toMatchObject({ lastMutationId: 1 })
    expect((await sb.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(3)
  })

  it('a device id already bound to another user is refused', async () => {
    const { sb, batch, team } = await setup()
    await sb.pushOk(batch([1]))
    const other = await server().user('superbruger', [team])
    const response = await other.push({ clientId: 'phone-0001', mutations: [] })
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toBe('client_not_yours')
  })

  it('an empty push registers the device and reports where it stands', async () => {
    const { sb, batch } = await setup()
    expect(await sb.pushOk({ clientId: 'phone-0001', mutations: [] })).toMatchObject({ lastMutationId: 0 })
    await sb.pushOk(batch([1]))
    expect(await sb.pushOk({ clientId: 'phone-0001', mutations: [] })).toMatchObject({ lastMutationId: 1 })
  })

  it('a record changed several times in one batch gets one new sequence number', async () => {
    const { sb, team } = await setup()
    const before = (await sb.pull()).nextCursor
    const response = await sb.pushOk({ clientId: 'phone-0001', mutations: [
      putOf(1, 'requests', 'r', team, sb.actor.id),
      patchOf(2, 'requests', 'r', { status: 'i gang' }, 0),
      patchOf(3, 'requests', 'r', { status: 'løst' }, 0),
    ] })
    expect(response.seq).toBe(before + 1)
    const [record] = (await sb.pull(before)).records
    expect(record?.record).toMatchObject({ id: 'r', status: 'løst', rev: before + 1 })
  })
})
