import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { cancelHandOff, handOffRequest, HandOffStateError, listHandOffs } from '../../../src/db/handOffs.ts'
import { createRequest } from '../../../src/db/requests.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const me = 'p1' as PersonId
const author = { teamId: 't1' as TeamId, personId: me }

describe('hand-offs to central IT on the device', () => {
  it('stores a waiting hand-off and moves the request to "sendt til IT", both queued in one go, CPR masked', async () => {
    const r = await createRequest(author, { ...emptyDraft(me), description: 'Printer', status: 'i gang' }, null, 1_000)
    await db().outbox.clear()
    const h = await handOffRequest(author, r.id, 'topdesk', ' Genstartet for 010203-1234 ', 2_000)
    expect(h).toMatchObject({ requestId: r.id, channel: 'topdesk', state: 'venter', reason: null, externalNumber: '', sentAt: null, itClosedAt: null, tried: 'Genstartet for 010203-XXXX' })
    expect((await db().requests.get(r.id))).toMatchObject({ status: 'sendt til IT' })
    expect((await db().requests.get(r.id))!.history.at(-1)).toEqual({ at: 2_000, by: me, from: 'i gang', to: 'sendt til IT' })
    const queued = await db().outbox.toArray()
    expect(queued.map((e) => [e.table, e.op])).toEqual([['handOffs', 'put'], ['requests', 'patch']])
    expect(JSON.stringify(queued)).not.toContain('1234')
  })

  it('refuses a second hand-off while one is under way, and allows one after cancelling', async () => {
    const r = await createRequest(author, { ...emptyDraft(me), description: 'Skærm' }, null, 1_000)
    const first = await handOffRequest(author, r.id, 'mail', '', 2_000)
    await expect(handOffRequest(author, r.id, 'mail', '', 3_000)).rejects.toBeInstanceOf(HandOffStateError)
    expect(await cancelHandOff(first.id, 4_000)).toMatchObject({ state: 'annulleret' })
    await expect(cancelHandOff(first.id, 5_000)).rejects.toBeInstanceOf(HandOffStateError)
    const second = await handOffRequest(author, r.id, 'topdesk', '', 6_000)
    expect((await listHandOffs(r.id)).map((h) => h.id)).toEqual([second.id, first.id])
    const cancelPatch = (await db().outbox.toArray()).find((e) => e.table === 'handOffs' && e.op === 'patch')
    expect(cancelPatch?.fields).toEqual({ state: 'annulleret', updatedAt: 4_000 })
  })

  it('leaves a solved request\'s status alone (its rules do not allow "sendt til IT" from there)', async () => {
    const r = await createRequest(author, { ...emptyDraft(me), description: 'Headset', status: 'løst' }, null, 1_000)
    await handOffRequest(author, r.id, 'mail', '', 2_000)
    expect((await db().requests.get(r.id))).toMatchObject({ status: 'løst' })
  })
})
