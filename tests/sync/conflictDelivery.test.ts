import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countConflicts, listConflicts, listRejections, resolveConflict } from '../../src/db/conflicts.ts'
import { conflictsToAcknowledge } from '../../src/db/serverConflicts.ts'
import { createRecord, patchRecord } from '../../src/db/write.ts'
import { createUser } from '../../src/server/auth/users.ts'
import { createSyncEngine } from '../../src/sync/engine.ts'
import { requestContent, timeContent } from './support/content.ts'
import { Device } from './support/device.ts'
import { startWorld, type World } from './support/world.ts'

const A_TEXT = 'Printer på 2. sal (A, offline)'
const B_TEXT = 'Printeren er byttet (B, online)'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

/** The server's conflict rows, with whether a device has acknowledged each. */
async function serverConflicts() {
  const rows = await world.server.app.storage.db.selectFrom('conflicts').selectAll().execute()
  return rows.map((row) => ({ id: row.id, field: row.field, seen: row.seen_at !== null }))
}

/**
 * Issue 12, defect 2: A edits the description offline, B edits it online and syncs, A comes
 * online and its push is applied (the server records a conflict) but the answer is lost.
 */
async function lostConflict(a: Device, b: Device): Promise<string> {
  const r = await a.local(() => createRecord('requests', a.author!, requestContent({ description: 'Printer virker ikke' })))
  await a.syncOk()
  await b.syncOk()
  a.offline = true
  await a.local(() => patchRecord('requests', r.id, { description: A_TEXT }))
  await b.local(() => patchRecord('requests', r.id, { description: B_TEXT }))
  await b.syncOk()
  a.offline = false
  a.loseNextAnswer = true
  expect(await a.sync()).toMatchObject({ ok: false, problem: { kind: 'offline' } })
  expect(await serverConflicts()).toEqual([{ id: expect.any(String), field: 'description', seen: false }])
  return r.id
}

describe('client sync engine: a conflict stays with its writer until a device has stored it, and a refusal is not lost with an answer', () => {
  it('a conflict whose push answer was lost reaches the device with the re-sent push: "1 konflikt" with both values', async () => {
    const a = await world.device()
    const b = await world.device()
    const id = await lostConflict(a, b)

    expect(await a.syncOk()).toMatchObject({ conflicts: 1 })
    expect(await countConflicts(a.database)).toBe(1)
    expect(await listConflicts(a.database)).toEqual([expect.objectContaining({ table: 'requests', recordId: id, field: 'description', yours: A_TEXT, theirs: B_TEXT })])
    expect(await a.get('requests', id)).toMatchObject({ description: B_TEXT })
    // The device told the server it has the conflict: it is not delivered (or stored) again.
    expect(await serverConflicts()).toEqual([expect.objectContaining({ seen: true })])
    expect(await conflictsToAcknowledge(a.database)).toEqual([])
    expect(await a.syncOk()).toMatchObject({ conflicts: 0 })
    expect(await countConflicts(a.database)).toBe(1)
    await b.syncOk()
    expect(await countConflicts(b.database)).toBe(0)
  })

  it('a device that lost its database (a new phone, signed in anew) gets the conflict by pull', async () => {
    const email = 'anne@test.dk'
    await createUser(world.server.app.storage.db, { email, name: 'Anne', role: 'superbruger', teams: [world.teamId], password: 'secret-pw' })
    const a = new Device(world.baseUrl)
    await a.signIn(email, 'secret-pw', world.teamId)
    world.devices.push(a)
    const b = await world.device()
    const id = await lostConflict(a, b)

    const phone = new Device(world.baseUrl)
    await phone.signIn(email, 'secret-pw', world.teamId)
    world.devices.push(phone)
    expect(await phone.syncOk()).toMatchObject({ conflicts: 1 })
    expect(await listConflicts(phone.database)).toEqual([expect.objectContaining({ recordId: id, yours: A_TEXT, theirs: B_TEXT })])
    expect(await serverConflicts()).toEqual([expect.objectContaining({ seen: true })])
    await b.syncOk()
    expect(await countConflicts(b.database)).toBe(0)
  })

  it('a conflict the user handled before its acknowledgement reached the server is not stored again; the acknowledgement is sent again', async () => {
    const a = await world.device()
    const b = await world.device()
    await lostConflict(a, b)
    // The acknowledgement fails (the network drops right after the pull).
    const cutOff = createSyncEngine({
      database: () => a.database,
      transport: { ...a.transport, conflictsSeen: async () => ({ ok: false, problem: { kind: 'offline' } }) },
    })
    expect(await cutOff.syncOnce()).toMatchObject({ ok: true, conflicts: 1 })
    expect(await serverConflicts()).toEqual([expect.objectContaining({ seen: false })])
    const [conflict] = await listConflicts(a.database)
    await a.local(() => resolveConflict(conflict!.id, 'theirs'))

    // The server still delivers it (push replay and pull): it stays handled and is acknowledged now.
    expect(await a.syncOk()).toMatchObject({ conflicts: 0 })
    expect(await countConflicts(a.database)).toBe(0)
    expect(await serverConflicts()).toEqual([expect.objectContaining({ seen: true })])
    expect(await conflictsToAcknowledge(a.database)).toEqual([])
  })

  it('a refused change whose answer was lost is still shown as refused, and the record comes back as the server has it', async () => {
    const owner = await world.device()
    const other = await world.device()
    const entry = await owner.local(() => createRecord('timeEntries', owner.author!, timeContent(owner.author!.personId, { note: 'Min tid' })))
    await owner.syncOk()
    await other.syncOk()
    // Another superuser may not change someone else's time entry; the server refuses, the answer is lost.
    await other.local(() => patchRecord('timeEntries', entry.id, { note: 'Ændret af en anden' }))
    other.loseAnswerTo = '/sync/push'
    expect(await other.sync()).toMatchObject({ ok: false, problem: { kind: 'offline' } })

    expect(await other.syncOk()).toMatchObject({ rejected: 1 })
    expect(await listRejections(other.database)).toEqual([expect.objectContaining({ recordId: entry.id, reason: 'forbidden', fields: expect.objectContaining({ note: 'Ændret af en anden' }) })])
    expect(await other.get('timeEntries', entry.id)).toMatchObject({ note: 'Min tid' })
    expect(await other.outboxSize()).toBe(0)
  })
})
