import { expect, it } from 'vitest'
import type { PushResponse } from '../../src/domain/protocol.ts'
import type { Storage } from '../../src/server/storage/storage.ts'
import { applyPushes, type PushJob } from '../../src/server/sync/push.ts'
import { PushQueue } from '../../src/server/sync/pushQueue.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer, type SignedIn } from './support/harness.ts'

/** The storage with its sequence allocations counted (one per committed batch that changed something). */
function counting(storage: Storage, failBatchesOver = Infinity): { storage: Storage; allocations: number[] } {
  const allocations: number[] = []
  const wrapped: Storage = {
    ...storage,
    async allocateSequence(trx, count, teams) {
      // A fault injected into a real database transaction: a batch larger than this fails whole.
      if (count > failBatchesOver) throw new Error('injected failure of a whole batch')
      allocations.push(count)
      return storage.allocateSequence(trx, count, teams)
    },
  }
  return { storage: wrapped, allocations }
}

describeBackends('push: batches of pushes (group commit)', (kind) => {
  const server = useServer(kind)

  async function people(count: number) {
    const team = await server().team()
    const users: SignedIn[] = []
    for (let i = 0; i < count; i++) users.push(await server().user('superbruger', [team]))
    return { team, users }
  }

  const job = (who: SignedIn, clientId: string, mutations: PushJob['request']['mutations'], now = Date.now()): PushJob =>
    ({ actor: who.actor, request: { clientId, mutations }, now })

  it('applies the pushes of several devices in one transaction, each answered for itself, numbered in order', async () => {
    const { team, users: [a, b, c] } = await people(3)
    const { storage, allocations } = counting(server().app.storage)
    const outcomes = await applyPushes(storage, [
      job(a!, 'device-a-01', [putOf(1, 'requests', 'a-1', team, a!.actor.id), putOf(2, 'requests', 'a-2', team, a!.actor.id)]),
      job(b!, 'device-b-01', [putOf(1, 'requests', 'b-1', team, b!.actor.id)]),
      job(c!, 'device-c-01', [putOf(4, 'requests', 'c-4', team, c!.actor.id)]),
    ])
    expect(allocations).toEqual([4])
    expect(outcomes.map((o) => o.ok && o.response.lastMutationId)).toEqual([2, 1, 4])
    const seqs = outcomes.map((o) => (o as { response: PushResponse }).response.seq)
    expect(new Set(seqs).size).toBe(1)
    const pulled = (await a!.pullAll()).filter((r) => r.table === 'requests')
    expect(pulled.map((r) => r.record.id)).toEqual(['a-1', 'a-2', 'b-1', 'c-4'])
    expect(pulled.map((r) => r.record.rev)).toEqual([seqs[0]! - 3, seqs[0]! - 2, seqs[0]! - 1, seqs[0]])
    // Replaying the same batch (answers lost) changes nothing.
    const again = await applyPushes(storage, [
      job(a!, 'device-a-01', [putOf(2, 'requests', 'a-2', team, a!.actor.id)]),
      job(b!, 'device-b-01', [putOf(1, 'requests', 'b-1', team, b!.actor.id)]),
    ])
    expect(again.map((o) => o.ok && o.response)).toEqual([
      { lastMutationId: 2, seq: seqs[0], conflicts: [], rejected: [] },
      { lastMutationId: 1, seq: seqs[0], conflicts: [], rejected: [] },
    ])
    expect(allocations).toEqual([4])
  })

  it('a push with a gap or for another user\'s device fails alone; the others in its batch commit', async () => {
    const { team, users: [a, b, c] } = await people(3)
    await a!.pushOk({ clientId: 'device-a-01', mutations: [putOf(1, 'requests', 'a-1', team, a!.actor.id)] })
    await b!.pushOk({ clientId: 'device-b-01', mutations: [putOf(1, 'requests', 'b-1', team, b!.actor.id)] })
    const outcomes = await applyPushes(server().app.storage, [
      job(a!, 'device-a-01', [putOf(3, 'requests', 'a-3', team, a!.actor.id)]),
      job(b!, 'device-b-02', [putOf(1, 'requests', 'b-2', team, b!.actor.id)]),
      job(c!, 'device-b-01', [putOf(2, 'requests', 'c-2', team, c!.actor.id)], 5),
    ])
    expect(outcomes[0]).toMatchObject({ ok: false, error: { status: 409, code: 'mutation_gap', details: { expected: 2, received: 3 } } })
    expect(outcomes[1]).toMatchObject({ ok: true, response: { lastMutationId: 1 } })
    expect(outcomes[2]).toMatchObject({ ok: false, error: { status: 403, code: 'client_not_yours' } })
    const ids = (await a!.pullAll()).filter((r) => r.table === 'requests').map((r) => r.record.id)
    expect(ids).toEqual(['a-1', 'b-1', 'b-2'])
    // The other user's device is left as it was (not even marked as seen by the intruder).
    const device = await server().app.storage.db.selectFrom('clients').selectAll().where('client_id', '=', 'device-b-01').executeTakeFirstOrThrow()
    expect(device).toMatchObject({ user_id: b!.actor.id, last_mutation_id: 1 })
    expect(Number(device.last_seen_at)).not.toBe(5)
  })

  it('two pushes in one batch that change the same record merge as if one came after the other', async () => {
    const { team, users: [a, b] } = await people(2)
    const created = await a!.pushOk({ clientId: 'device-a-01', mutations: [putOf(1, 'requests', 'shared', team, a!.actor.id)] })
    const outcomes = await applyPushes(server().app.storage, [
      job(b!, 'device-b-01', [patchOf(1, 'requests', 'shared', { status: 'venter', description: 'B' }, created.seq)]),
      job(a!, 'device-a-01', [patchOf(2, 'requests', 'shared', { status: 'løst', resolution: 'Genstartet' }, created.seq)]),
    ])
    expect(outcomes[0]).toMatchObject({ ok: true, response: { conflicts: [] } })
    expect(outcomes[1]).toMatchObject({ ok: true, response: { conflicts: [{ id: 'shared', field: 'status', yours: 'løst', theirs: 'venter', mutationId: 2 }] } })
    const record = (await a!.pullAll()).find((r) => r.record.id === 'shared')!.record
    expect(record).toMatchObject({ status: 'venter', description: 'B', resolution: 'Genstartet' })
    const conflicts = await server().app.storage.db.selectFrom('conflicts').selectAll().execute()
    expect(conflicts).toMatchObject([{ user_id: a!.actor.id, client_id: 'device-a-01', field: 'status' }])
  })

  it('a base revision beyond anything the server handed out is taken as the newest, also inside a batch', async () => {
    const { team, users: [a, b] } = await people(2)
    const created = await a!.pushOk({ clientId: 'device-a-01', mutations: [putOf(1, 'requests', 'shared', team, a!.actor.id)] })
    const outcomes = await applyPushes(server().app.storage, [
      job(b!, 'device-b-01', [patchOf(1, 'requests', 'shared', { status: 'venter' }, created.seq)]),
      job(a!, 'device-a-01', [patchOf(2, 'requests', 'shared', { status: 'løst', description: 'A' }, 10 ** 12)]),
    ])
    // A cannot have seen B's change from this same batch: the status clashes, the description applies.
    expect(outcomes[1]).toMatchObject({ ok: true, response: { conflicts: [{ field: 'status', yours: 'løst', theirs: 'venter' }] } })
    expect((await a!.pullAll()).find((r) => r.record.id === 'shared')!.record).toMatchObject({ status: 'venter', description: 'A' })
  })

  it('each change of a deletion deadline in a batch is audited as made by whoever made it', async () => {
    const team = await server().team()
    const [ko1, ko2] = [await server().user('koordinator', [team]), await server().user('koordinator', [team])]
    const rev = (await ko1!.pullAll()).find((r) => r.table === 'teams')!.record.rev
    const outcomes = await applyPushes(server().app.storage, [
      job(ko1!, 'device-ko1-01', [patchOf(1, 'teams', team, { retention: { anonymiseAfterMonths: 1 } }, rev)]),
      job(ko2!, 'device-ko2-01', [patchOf(1, 'teams', team, { name: 'Nyt navn' }, rev)]),
    ])
    expect(outcomes.every((o) => o.ok)).toBe(true)
    const audit = () => server().app.storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'deadline_changed').orderBy('at').execute()
    expect((await audit()).map((row) => [row.actor_id, JSON.parse(row.details)])).toEqual([
      [ko1!.actor.id, { from: { anonymiseAfterMonths: 12 }, to: { anonymiseAfterMonths: 1 } }],
    ])
    // Changed and changed back within one batch: both changes are on record, though the value ends where it began.
    const now = await ko1!.pullAll().then((records) => records.find((r) => r.table === 'teams')!.record.rev)
    await applyPushes(server().app.storage, [
      job(ko2!, 'device-ko2-01', [patchOf(2, 'teams', team, { name: 'Andet navn' }, now)], 1000),
      job(ko1!, 'device-ko1-01', [
        patchOf(2, 'teams', team, { retention: { anonymiseAfterMonths: 6 } }, now),
        patchOf(3, 'teams', team, { retention: { anonymiseAfterMonths: 1 } }, now),
      ], 2000),
    ])
    const later = (await audit()).filter((row) => Number(row.at) === 2000).map((row) => [row.actor_id, JSON.parse(row.details)])
    expect(later).toHaveLength(2)
    expect(later).toEqual(expect.arrayContaining([
      [ko1!.actor.id, { from: { anonymiseAfterMonths: 1 }, to: { anonymiseAfterMonths: 6 } }],
      [ko1!.actor.id, { from: { anonymiseAfterMonths: 6 }, to: { anonymiseAfterMonths: 1 } }],
    ]))
  })

  it('a batch that fails as a whole is applied push by push, so only a failing push fails', async () => {
    const { team, users: [a, b] } = await people(2)
    const { storage, allocations } = counting(server().app.storage, 1)
    const outcomes = await applyPushes(storage, [
      job(a!, 'device-a-01', [putOf(1, 'requests', 'a-1', team, a!.actor.id)]),
      job(b!, 'device-b-01', [putOf(1, 'requests', 'b-1', team, b!.actor.id), putOf(2, 'requests', 'b-2', team, b!.actor.id)]),
    ])
    expect(allocations).toEqual([1])
    expect(outcomes[0]).toMatchObject({ ok: true, response: { lastMutationId: 1 } })
    expect(outcomes[1]).toMatchObject({ ok: false, error: { message: 'injected failure of a whole batch' } })
    const ids = (await a!.pullAll()).filter((r) => r.table === 'requests').map((r) => r.record.id)
    expect(ids).toEqual(['a-1'])
    // Nothing of the failed push was kept: it goes again in full.
    expect(await b!.pushOk({ clientId: 'device-b-01', mutations: [putOf(1, 'requests', 'b-1', team, b!.actor.id)] })).toMatchObject({ lastMutationId: 1 })
  })

  it('the queue batches pushes that arrive together and keeps one device\'s pushes in order', async () => {
    const { team, users: [a, b] } = await people(2)
    const { storage, allocations } = counting(server().app.storage)
    const queue = new PushQueue(storage)
    const answers = await Promise.all([
      queue.push(a!.actor, { clientId: 'device-a-01', mutations: [putOf(1, 'requests', 'a-1', team, a!.actor.id)] }),
      queue.push(b!.actor, { clientId: 'device-b-01', mutations: [putOf(1, 'requests', 'b-1', team, b!.actor.id)] }),
      queue.push(a!.actor, { clientId: 'device-a-01', mutations: [putOf(2, 'requests', 'a-2', team, a!.actor.id)] }),
      queue.push(b!.actor, { clientId: 'device-b-01', mutations: [putOf(2, 'requests', 'b-2', team, b!.actor.id)] }),
    ])
    expect(allocations).toEqual([2, 2])
    expect(answers.map((r) => r.lastMutationId)).toEqual([1, 1, 2, 2])
    const failed = await queue.push(a!.actor, { clientId: 'device-a-01', mutations: [putOf(4, 'requests', 'a-4', team, a!.actor.id)] }).catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 'mutation_gap' })
    await expect(queue.idle(1000)).resolves.toBeUndefined()
  })

  it('a device\'s next push waits while its previous one is being applied, also with batches running side by side', async () => {
    const { team, users: [a, b] } = await people(2)
    const queue = new PushQueue(server().app.storage)
    const first = queue.push(a!.actor, { clientId: 'device-a-new', mutations: [putOf(1, 'requests', 'a-1', team, a!.actor.id)] })
    // The first batch is running by now; the device's second push and another device's come in.
    await new Promise((resolve) => setImmediate(resolve))
    const second = queue.push(a!.actor, { clientId: 'device-a-new', mutations: [putOf(2, 'requests', 'a-2', team, a!.actor.id)] })
    const other = queue.push(b!.actor, { clientId: 'device-b-new', mutations: [putOf(1, 'requests', 'b-1', team, b!.actor.id)] })
    expect((await Promise.all([first, second, other])).map((r) => r.lastMutationId)).toEqual([1, 2, 1])
    const ids = (await a!.pullAll()).filter((r) => r.table === 'requests').map((r) => r.record.id)
    expect(ids.sort()).toEqual(['a-1', 'a-2', 'b-1'])
  })

  it('a batch never holds two pushes of one device', async () => {
    const { team, users: [a] } = await people(1)
    await expect(applyPushes(server().app.storage, [
      job(a!, 'device-a-01', [putOf(1, 'requests', 'a-1', team, a!.actor.id)]),
      job(a!, 'device-a-01', [putOf(2, 'requests', 'a-2', team, a!.actor.id)]),
    ])).rejects.toThrow('at most one push per device')
  })

  it('many devices pushing at once over HTTP all get their answers, and every record arrives once', async () => {
    const { team, users } = await people(12)
    const pushes = users.flatMap((u, n) => [1, 2].map((round) => ({ u, body: {
      clientId: `device-${n}-0001`, mutations: [1, 2, 3].map((i) => putOf((round - 1) * 3 + i, 'requests', `r-${n}-${round}-${i}`, team, u.actor.id)),
    } })))
    // Each device's second push may land before its first (HTTP gives no order): a gap, then again.
    const answers = await Promise.all(pushes.map(async ({ u, body }) => {
      for (;;) {
        const response = await u.push(body)
        if (response.statusCode === 200) return response.json<PushResponse>()
        expect(response.json()).toMatchObject({ error: 'mutation_gap' })
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }))
    expect(answers.every((r) => r.rejected.length === 0)).toBe(true)
    const ids = (await users[0]!.pullAll()).filter((r) => r.table === 'requests').map((r) => r.record.id)
    expect(ids).toHaveLength(72)
    expect(new Set(ids).size).toBe(72)
  })
})
