import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRecord } from '../../../src/db/write.ts'
import {
  TIP_READ_GAP_MS, countTipReads, getTipByCode, createTip, createTipFromRequest, getTip, listTips, recordTipRead, setTipPublic, updateTip,
} from '../../../src/db/tips.ts'
import { containsCpr } from '../../../src/domain/cpr.ts'
import { formatTipCode, tipCode } from '../../../src/domain/tipCode.ts'
import { deleteRecord } from '../../../src/db/write.ts'
import type { PersonId, RequestId, TeamId, TipId } from '../../../src/domain/records/fields.ts'
import type { Request } from '../../../src/domain/records/request.ts'
import type { TipInput } from '../../../src/domain/tipDraft.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const other = { teamId: 't1' as TeamId, personId: 'p2' as PersonId }
const T0 = 1_796_000_000_000

function input(overrides: Partial<TipInput> = {}): TipInput {
  return { title: 'Del en kalender', body: '## Sådan\n\nHøjreklik.', tags: ['outlook'], category: 'office', requestIds: [], ...overrides }
}

async function solvedRequest(): Promise<Request> {
  return createRecord('requests', author, {
    requesterName: 'Anna', departmentId: null, channel: 'fremmøde', category: 'office', presetId: null,
    description: 'Kan ikke se kalender', status: 'løst', owner: 'superbruger', assigneeId: null, referrals: [], history: [],
    assetId: null, helpdeskCaseNo: '', resolution: 'Delt med læseret', tipId: null,
  }, T0)
}

describe('writing tips', () => {
  it('stores a tip with trimmed title and cleaned tags, queued as one put', async () => {
    const tip = await createTip(author, input({ title: '  Del en kalender ', tags: [' Outlook', 'outlook', ''] }), T0)
    expect(tip).toMatchObject({ title: 'Del en kalender', tags: ['outlook'], createdAt: T0, createdBy: 'p1' })
    expect(await db().outbox.toArray()).toEqual([expect.objectContaining({ table: 'tips', op: 'put', recordId: tip.id })])
  })

  it('masks CPR numbers in title, body and tags before storing', async () => {
    const tip = await createTip(author, input({ title: 'Brev til 150530-4000', body: 'cpr 1505304000', tags: ['150530-4000'] }), T0)
    expect([tip.title, tip.body, ...tip.tags].some(containsCpr)).toBe(false)
  })

  it('links a tip made from a request both ways, in one write', async () => {
    const request = await solvedRequest()
    const tip = await createTipFromRequest(author, request.id, input(), T0 + 1)
    expect(tip.requestIds).toEqual([request.id])
    expect((await db().requests.get(request.id))?.tipId).toBe(tip.id)
    const queued = await db().outbox.toArray()
    expect(queued.map((m) => [m.table, m.op])).toEqual([['requests', 'put'], ['tips', 'put'], ['requests', 'patch']])
  })

  it('writes nothing when the request is gone', async () => {
    await expect(createTipFromRequest(author, 'missing' as RequestId, input())).rejects.toThrow()
    expect(await db().tips.count()).toBe(0)
  })

  it('sends only the changed fields of an edit, based on what the form showed', async () => {
    const tip = await createTip(author, input(), T0)
    await updateTip(tip.id, { body: 'Ny tekst' }, { rev: 7, fields: {} }, T0 + 5)
    const patch = (await db().outbox.toArray()).at(-1)
    expect(patch).toMatchObject({ op: 'patch', fields: { body: 'Ny tekst', updatedAt: T0 + 5 } })
    expect(Object.keys(patch!.fields).sort()).toEqual(['body', 'updatedAt'])
    expect(await getTip(tip.id)).toMatchObject({ body: 'Ny tekst', title: 'Del en kalender' })
  })

  it('a new tip is not public, and marking it public queues only that field', async () => {
    const tip = await createTip(author, input(), T0)
    expect(tip.public).toBeUndefined()
    await setTipPublic(tip.id, true, T0 + 5)
    const patch = (await db().outbox.toArray()).at(-1)
    expect(patch).toMatchObject({ op: 'patch', recordId: tip.id, fields: { public: true, updatedAt: T0 + 5 } })
    expect(Object.keys(patch!.fields).sort()).toEqual(['public', 'updatedAt'])
    expect((await getTip(tip.id))?.public).toBe(true)
  })
})

describe('reading tips counts uses', () => {
  it('counts a read once per person within the gap, again after it, and each person apart', async () => {
    const tip = await createTip(author, input(), T0)
    expect(await recordTipRead(author, tip.id, T0 + 1)).toBe(true)
    expect(await recordTipRead(author, tip.id, T0 + 2)).toBe(false)
    expect(await recordTipRead(other, tip.id, T0 + 3)).toBe(true)
    expect(await recordTipRead(author, tip.id, T0 + 1 + TIP_READ_GAP_MS)).toBe(true)
    expect(await countTipReads(tip.id)).toBe(3)
    const reads = (await db().outbox.toArray()).filter((m) => m.table === 'tipReads')
    expect(reads).toHaveLength(3)
    expect(reads.every((m) => m.op === 'put')).toBe(true)
  })

  it('does not count a read of a missing tip', async () => {
    expect(await recordTipRead(author, 'nope' as TipId, T0)).toBe(false)
    expect(await db().tipReads.count()).toBe(0)
  })

  it('lists most used first, with reads synced from other devices counted too', async () => {
    const a = await createTip(author, input({ title: 'A' }), T0)
    await createTip(author, input({ title: 'B' }), T0 + 1)
    await recordTipRead(author, a.id, T0 + 2)
    // A read made on another device arrives by sync as a record of its own.
    await db().tipReads.put({ id: 'remote-read', teamId: 't1', tipId: a.id, personId: 'p2', createdAt: T0, createdBy: 'p2', updatedAt: T0, rev: 9, deletedAt: null } as never)
    expect((await listTips({ query: '', category: '', sort: 'mostUsed' })).map((h) => [h.tip.title, h.uses])).toEqual([['A', 2], ['B', 0]])
    expect((await listTips({ query: '', category: '', sort: 'newest' })).map((h) => h.tip.title)).toEqual(['B', 'A'])
  })
})

describe('short codes', () => {
  it('find the live tip by its code as typed, and nothing once it is deleted', async () => {
    const tip = await createTip(author, input(), T0)
    await createTip(author, input({ title: 'Andet' }), T0 + 1)
    expect((await getTipByCode(formatTipCode(tipCode(tip.id)).toLowerCase()))?.id).toBe(tip.id)
    await deleteRecord('tips', tip.id)
    expect(await getTipByCode(tipCode(tip.id))).toBeUndefined()
    expect(await getTipByCode('ZZZZZZZZ')).toBeUndefined()
  })
})
