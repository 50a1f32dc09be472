import { describe, expect, it } from 'vitest'
import { bucketOf, changedPack, entryFact, packChanges, PACK_DAYS_MS, requestFact, type EntryFact } from '../../../../src/domain/report/facts.ts'

const sync = { teamId: 't1', createdAt: 10 * PACK_DAYS_MS + 5, createdBy: 'p1', updatedAt: 1, rev: 1, deletedAt: null }

describe('report facts', () => {
  it('keep of a request only what the report counts, and of its history only the hand-off changes', () => {
    const fact = requestFact({
      ...sync, id: 'r1', requesterName: 'Jette', description: 'Printer', words: ['printer'], departmentId: 'd1', channel: 'mail', category: 'printer',
      presetId: null, status: 'løst', owner: 'superbruger', assigneeId: 'p2', assetId: 'a1', referrals: [], helpdeskCaseNo: 'HD-1', resolution: 'Papir', tipId: null,
      history: [{ at: 1, by: 'p1', from: null, to: 'ny' }, { at: 2, by: 'p1', from: 'ny', to: 'sendt til IT' }, { at: 3, by: 'p1', from: 'sendt til IT', to: 'løst' }],
    })
    expect(fact).toEqual({
      id: 'r1', teamId: 't1', createdAt: sync.createdAt, category: 'printer', presetId: null, departmentId: 'd1', channel: 'mail', status: 'løst',
      owner: 'superbruger', assetId: 'a1', history: [{ to: 'sendt til IT', at: 2 }, { to: 'løst', at: 3 }],
    })
  })

  it('keep of a deleted record its id alone', () => {
    expect(requestFact({ ...sync, id: 'r1', deletedAt: 5 })).toEqual({ id: 'r1' })
    expect(entryFact({ ...sync, id: 'e1', deletedAt: 5 })).toEqual({ id: 'e1' })
  })

  it('pack by seven-day stretches from the epoch, whatever the time zone', () => {
    expect(bucketOf(0)).toBe(0)
    expect(bucketOf(PACK_DAYS_MS - 1)).toBe(0)
    expect(bucketOf(PACK_DAYS_MS)).toBe(1)
  })

  it('move a fact out of its old pack and into its new one, and out of every pack when deleted', () => {
    const entry = (id: string, start: number) => entryFact({ ...sync, id, personId: 'p1', start, end: start + 60_000, activity: 'udvikling', requestId: null, note: 'x' }) as EntryFact
    const old = entry('e1', 3 * PACK_DAYS_MS + 10)
    const moved = entry('e1', 5 * PACK_DAYS_MS + 10)
    const changes = packChanges('entries', [{ before: old, after: moved }, { before: entry('e2', 3 * PACK_DAYS_MS), after: { id: 'e2' } }, { before: undefined, after: entry('e3', 3 * PACK_DAYS_MS) }])
    const byBucket = new Map(changes.map((c) => [c.key[2], c]))
    expect(changes.map((c) => c.key)).toEqual([['t1', 'entries', 3], ['t1', 'entries', 5]])
    expect(changedPack([old, entry('e2', 3 * PACK_DAYS_MS), entry('e9', 3 * PACK_DAYS_MS)], byBucket.get(3)!).map((f) => f.id)).toEqual(['e9', 'e3'])
    expect(changedPack([], byBucket.get(5)!)).toEqual([moved])
  })
})
