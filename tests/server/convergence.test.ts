import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createSession, SESSION_COOKIE } from '../../src/server/auth/sessions.ts'
import { insertUser } from '../../src/server/auth/users.ts'
import { purgeTombstones } from '../../src/server/storage/tombstones.ts'
import { decodeStamps } from '../../src/server/storage/stamps.ts'
import { describeBackends, type BackendKind } from './support/backends.ts'
import { startServer } from './support/harness.ts'
import { SimClient } from './support/simClient.ts'

const STATUSES = ['ny', 'i gang', 'venter', 'løst'] as const

type Action =
  | { kind: 'create'; client: number; table: 'requests' | 'tips'; text: string }
  | { kind: 'edit'; client: number; pick: number; field: 'description' | 'status'; text: string; status: (typeof STATUSES)[number] }
  | { kind: 'delete'; client: number; pick: number }
  | { kind: 'push'; client: number; lose: boolean }
  | { kind: 'pull'; client: number; lose: boolean }
  | { kind: 'purge' }

const client = fc.integer({ min: 0, max: 2 })
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), client, table: fc.constantFrom('requests' as const, 'tips' as const), text: fc.string({ maxLength: 8 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), client, pick: fc.nat(20), field: fc.constantFrom('description' as const, 'status' as const), text: fc.string({ maxLength: 8 }), status: fc.constantFrom(...STATUSES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), client, pick: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('push' as const), client, lose: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), client, lose: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const) }) },
)

/**
 * Found by this property (seed of a long run): a push whose response was lost is sent again
 * after someone else overwrote the field; the replay's answer carries today's head, which the
 * check once took for the sequence of the first write. The client now leaves such writes out.
 */
const LOST_PUSH_THEN_OVERWRITTEN: Action[] = [
  { kind: 'create', client: 1, table: 'requests', text: '' },
  { kind: 'edit', client: 1, pick: 0, field: 'description', text: ' ', status: 'ny' },
  { kind: 'push', client: 1, lose: true },
  { kind: 'pull', client: 0, lose: false },
  { kind: 'edit', client: 0, pick: 0, field: 'description', text: '', status: 'ny' },
  { kind: 'push', client: 0, lose: false },
]

/** Found by CI (seed -788183839): a delete, then a purge, while another device's cursor is still 0. */
const DELETED_THEN_PURGED: Action[] = [
  { kind: 'create', client: 1, table: 'requests', text: '' },
  { kind: 'push', client: 1, lose: false },
  { kind: 'pull', client: 0, lose: false },
  { kind: 'delete', client: 0, pick: 0 },
  { kind: 'push', client: 0, lose: false },
  { kind: 'create', client: 0, table: 'requests', text: '' },
  { kind: 'purge' },
]

async function runScenario(kind: BackendKind, actions: Action[]): Promise<void> {
  const server = await startServer(kind)
  try {
    const team = await server.team()
    const clients = await Promise.all([0, 1, 2].map(async (n) => {
      const user = await insertUser(server.app.storage.db, { email: `sim${n}@test.dk`, name: `Sim ${n}`, role: 'superbruger', teams: [team] }, null)
      const token = await createSession(server.app.storage.db, user.id, 3_600_000)
      return new SimClient(server.app, `sim-device-${n}`, `${SESSION_COOKIE}=${token}`, user.id, team)
    }))
    for (const a of actions) {
      if (a.kind === 'purge') {
        await purgeTombstones(server.app.storage, Date.now() + 1000)
        continue
      }
      const c = clients[a.client]!
      if (a.kind === 'create') c.create(a.table, a.text)
      else if (a.kind === 'edit') c.edit(a.pick, a.field, a.text, a.status)
      else if (a.kind === 'delete') c.remove(a.pick)
      else if (a.kind === 'push') await c.push(a.lose)
      else await c.pull(a.lose)
    }
    // Network returns for good: everyone sends what is left, then everyone pulls.
    for (const c of clients) await c.settle()
    for (const c of clients) await c.pull()

    const rows = await server.app.storage.db.selectFrom('records').selectAll().where('tbl', '!=', 'teams').execute()
    const serverView = await clients[0]!.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0&limit=1000', headers: { cookie: clients[0]!.cookie } })
    const truth = serverView.json().records.map((r: { record: Record<string, unknown> }) => r.record)
      .filter((r: Record<string, unknown>) => r.id !== team).sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))
    const live = (records: Array<Record<string, unknown>>) => records.filter((r) => r.deletedAt === null)
    const tombstones = (records: Array<Record<string, unknown>>) => records.filter((r) => r.deletedAt !== null)
    for (const c of clients) {
      expect(c.outbox).toEqual([])
      const local = [...c.records.values()].filter((r) => r.id !== team).sort((a, b) => String(a.id).localeCompare(String(b.id)))
      // Live records are identical; every server tombstone is on the client. A client may still
      // hold a tombstone the server has purged since (purging is the server's housekeeping).
      expect(live(local)).toEqual(live(truth))
      expect(tombstones(local)).toEqual(expect.arrayContaining(tombstones(truth)))
    }
    // Every created record exists (alive or as a tombstone unless purged), exactly once.
    const ids = new Set(rows.map((r) => r.id))
    expect(ids.size).toBe(rows.length)
    const created = clients.flatMap((c) => c.createdIds)
    const alive = rows.filter((r) => r.deleted_at === null).map((r) => r.id)
    for (const id of alive) expect(created).toContain(id)
    // No acknowledged field write is lost: the value is there, or someone changed it later, or the record was deleted.
    for (const ack of clients.flatMap((c) => c.acked)) {
      const row = rows.find((r) => r.id === ack.id && r.tbl === ack.table)
      if (!row || row.deleted_at !== null || ack.field === 'updatedAt') continue
      const stamp = decodeStamps(row.stamps)[ack.field]
      const value = (JSON.parse(row.data) as Record<string, unknown>)[ack.field]
      if (stamp && stamp.rev > ack.seq) continue
      expect(value, `${ack.table}/${ack.id}.${ack.field}`).toEqual(ack.value)
    }
  } finally {
    await server.app.close()
    await server.backend.drop()
  }
}

describeBackends('property: three offline clients converge with nothing lost or doubled', (kind) => {
  it('holds for random creates, edits, deletes, syncs in random order and lost responses', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 60 }), (actions) => runScenario(kind, actions)), {
      numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 25),
      examples: [[LOST_PUSH_THEN_OVERWRITTEN], [DELETED_THEN_PURGED]],
    })
  }, 240_000)
})
