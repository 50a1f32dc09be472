import { expect } from 'vitest'
import { listConflicts, resolveConflict, type StoredConflict } from '../../../src/db/conflicts.ts'
import { createRecord, deleteRecord, patchRecord } from '../../../src/db/write.ts'
import type { PulledRecord } from '../../../src/domain/protocol.ts'
import { createSession, SESSION_COOKIE } from '../../../src/server/auth/sessions.ts'
import { insertUser } from '../../../src/server/auth/users.ts'
import { decodeStamps } from '../../../src/server/storage/stamps.ts'
import { purgeTombstones } from '../../../src/server/storage/tombstones.ts'
import type { TestServer } from '../../server/support/harness.ts'
import { requestContent } from './content.ts'
import { Device } from './device.ts'
import { expectConflictsDelivered, expectNoDoubledConflicts, expectWritesKept, type Handled, type ServerEnd, type Written } from './oracle.ts'
import { DEVICE_USERS, type Action, type Counts, type Lose } from './schedule.ts'

const LOSE_PATH: Record<Exclude<Lose, 'none' | 'first'>, string> = { push: '/sync/push', ack: '/sync/conflicts/seen' }

interface Acked { id: string; field: string; value: unknown; seq: number }

/** Field writes the server acknowledged without a conflict (only the last per field in a push counts). */
function ackedWrites(d: Device): Acked[] {
  const out: Acked[] = []
  for (const { mutations, response } of d.answeredPushes) {
    const clashed = new Set(response.conflicts.map((c) => `${c.mutationId}/${c.field}`))
    const last = new Map<string, Acked>()
    for (const m of mutations) {
      // A replayed mutation was applied with the answer that was lost, at an unknown sequence: do not count it.
      if (m.op !== 'patch' || m.mutationId > response.lastMutationId || d.lostMutationIds.has(m.mutationId)) continue
      for (const [field, value] of Object.entries(m.fields)) {
        const key = `${m.recordId}/${field}`
        if (clashed.has(`${m.mutationId}/${field}`)) last.delete(key)
        else last.set(key, { id: m.recordId, field, value, seq: response.seq })
      }
    }
    out.push(...last.values())
  }
  return out
}

let runs = 0

/** Three people, four devices (the first person has two phones), one fresh team. */
async function signedInDevices(server: TestServer, baseUrl: string, teamId: string): Promise<{ devices: Device[]; userIds: string[] }> {
  const userIds: string[] = []
  const tokens: string[] = []
  runs += 1
  for (let n = 0; n < 3; n++) {
    const user = await insertUser(server.app.storage.db, { email: `prop-${runs}-${n}@test.dk`, name: `Prop ${n}`, role: 'superbruger', teams: [teamId] }, null)
    userIds.push(user.id)
    tokens.push(await createSession(server.app.storage.db, user.id, 3_600_000))
  }
  const devices = DEVICE_USERS.map((u) => {
    const d = new Device(baseUrl, { pullLimit: 7, pushLimit: 5 })
    d.useSession(SESSION_COOKIE, tokens[u]!, teamId, userIds[u]!)
    return d
  })
  return { devices, userIds }
}

async function sync(d: Device, lose: Lose, counts: Counts): Promise<void> {
  d.loseNextAnswer = lose === 'first'
  d.loseAnswerTo = lose === 'push' || lose === 'ack' ? LOSE_PATH[lose] : null
  await d.sync()
  d.loseNextAnswer = false
  d.loseAnswerTo = null
  counts.syncs += 1
}

/**
 * Runs one schedule against the server on fresh devices of a fresh team, then lets every device
 * sync without faults and checks: devices and server equal, nothing doubled or invented, no
 * acknowledged write lost, every conflict delivered to its writer once, every value written
 * final or shown to its writer (see oracle.ts). Adds what it did to `counts`.
 */
export async function runSchedule(server: TestServer, baseUrl: string, script: readonly Action[], counts: Counts): Promise<void> {
  const teamId = await server.team()
  const { devices, userIds } = await signedInDevices(server, baseUrl, teamId)
  const writes: Written[] = []
  const handled: Handled[] = []
  try {
    const created: string[] = []
    // Every schedule starts from two records all four devices have, so edits meet from the first step.
    for (const text of ['start', 'begin']) {
      const content = requestContent({ description: text })
      const id = (await devices[0]!.local(() => createRecord('requests', devices[0]!.author!, content))).id
      created.push(id)
      writes.push({ step: -1, user: 0, id, field: 'description', value: text, pre: undefined }, { step: -1, user: 0, id, field: 'status', value: content.status, pre: undefined })
    }
    for (const d of devices) await d.syncOk()
    for (const [step, a] of script.entries()) {
      counts.actions += 1
      if (a.kind === 'purge') {
        await purgeTombstones(server.app.storage, Date.now() + 1000)
        continue
      }
      const d = devices[a.device]!
      const user = DEVICE_USERS[a.device]!
      if (a.kind === 'sync') {
        await sync(d, a.lose, counts)
        continue
      }
      if (a.kind === 'create') {
        const content = requestContent({ description: a.text })
        const id = (await d.local(() => createRecord('requests', d.author!, content))).id
        created.push(id)
        writes.push({ step, user, id, field: 'description', value: a.text, pre: undefined }, { step, user, id, field: 'status', value: content.status, pre: undefined })
        continue
      }
      if (a.kind === 'resolve') {
        const open = await listConflicts(d.database)
        const conflict = open[a.pick % Math.max(1, open.length)]
        if (!conflict) continue
        const pre = (await d.get(conflict.table, conflict.recordId))?.[conflict.field]
        await d.local(() => resolveConflict(conflict.id, a.keep))
        handled.push({ user, conflict })
        const now = (await d.get(conflict.table, conflict.recordId))?.[conflict.field]
        if (a.keep === 'yours' && now !== pre) writes.push({ step, user, id: conflict.recordId, field: conflict.field, value: conflict.yours, pre })
        continue
      }
      const live = await d.live('requests')
      const target = live[a.pick % Math.max(1, live.length)]
      if (!target) continue
      const id = String(target.id)
      if (a.kind === 'delete') {
        await d.local(() => deleteRecord('requests', id))
        continue
      }
      const value = a.field === 'status' ? a.status : a.text
      if (target[a.field] === value) continue
      await d.local(() => patchRecord('requests', id, a.field === 'status' ? { status: a.status } : { description: a.text }))
      writes.push({ step, user, id, field: a.field, value, pre: target[a.field] })
    }
    // The network comes back for good: everyone sends, then everyone pulls what the others sent.
    for (const d of devices) await d.syncOk()
    for (const d of devices) await d.syncOk()

    const truth: PulledRecord[] = []
    for (let cursor = 0, more = true; more;) {
      const page = await devices[0]!.transport.pull(cursor, 1000)
      if (!page.ok) throw new Error('pull failed')
      truth.push(...page.value.records)
      cursor = page.value.nextCursor
      more = page.value.hasMore
    }
    const serverLive = truth.filter((r) => r.table === 'requests' && r.record.deletedAt === null)
      .map((r) => r.record as unknown as Record<string, unknown>).sort((a, b) => String(a.id).localeCompare(String(b.id)))
    // updatedAt is display-only and may differ after an edit that changed nothing: the server
    // ignores such a patch, so the editing device keeps its own newer time (see the report).
    const content = (rows: Record<string, unknown>[]) => rows.map(({ updatedAt: _u, ...rest }) => rest)
    for (const [n, d] of devices.entries()) {
      expect(await d.outboxSize(), `device ${n} sent everything`).toBe(0)
      expect(content(await d.live('requests')), `device ${n} equals the server`).toEqual(content(serverLive))
    }
    // Nothing doubled, nothing invented; no acknowledged write lost unless changed later or deleted.
    const db = server.app.storage.db
    const rows = await db.selectFrom('records').selectAll().where('team_id', '=', teamId).where('tbl', '=', 'requests').execute()
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    for (const row of rows) expect(created).toContain(row.id)
    for (const d of devices) {
      for (const ack of ackedWrites(d)) {
        const row = rows.find((r) => r.id === ack.id)
        if (!row || row.deleted_at !== null || ack.field === 'updatedAt') continue
        const stamp = decodeStamps(row.stamps)[ack.field]
        if (stamp && stamp.rev > ack.seq) continue
        expect((JSON.parse(row.data) as Record<string, unknown>)[ack.field], `${ack.id}.${ack.field}`).toEqual(ack.value)
      }
    }

    // Every conflict reached its writer, once; every value written is final or was shown to its writer.
    const conflictRows = await db.selectFrom('conflicts').selectAll().where('user_id', 'in', userIds).execute()
    const end: ServerEnd = {
      live: new Map(rows.filter((r) => r.deleted_at === null).map((r) => [r.id, JSON.parse(r.data) as Record<string, unknown>])),
      conflicts: conflictRows.map((r) => ({ id: r.id, user: userIds.indexOf(r.user_id), recordId: r.record_id, field: r.field, seen: r.seen_at !== null })),
    }
    const shown = new Map<number, StoredConflict[]>()
    for (const [n, d] of devices.entries()) {
      const stored = await listConflicts(d.database)
      expectNoDoubledConflicts(stored, DEVICE_USERS[n]!, end)
      counts.conflictsStored += stored.length
      shown.set(DEVICE_USERS[n]!, [...(shown.get(DEVICE_USERS[n]!) ?? []), ...stored])
    }
    for (const { user, conflict } of handled) shown.set(user, [...(shown.get(user) ?? []), conflict])
    counts.conflictsResolved += handled.length
    expectConflictsDelivered(end, shown, counts)
    expectWritesKept(writes, end, shown, counts)
  } finally {
    counts.schedules += 1
    for (const d of devices) {
      for (const path of d.lostAnswers) counts.lostAnswers[path] = (counts.lostAnswers[path] ?? 0) + 1
      await d.close()
    }
  }
}

