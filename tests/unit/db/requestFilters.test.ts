import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { searchRequestKeys, searchStoredRequestKeys } from '../../../src/db/requestSearch.ts'
import { requestSearchIndex } from '../../../src/db/requestSearchIndex.ts'
import { criteriaOf, type RequestListFilter } from '../../../src/domain/requestListFilter.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import { newId } from '../../../src/domain/ids.ts'
import { wordsOf } from '../../../src/domain/search.ts'
import type { AssetId, DepartmentId, PersonId, RequestId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Request } from '../../../src/domain/records/request.ts'

const sara = 'p-sara' as PersonId
const ole = 'p-ole' as PersonId
const byg = 'd-byg' as DepartmentId
const natur = 'd-natur' as DepartmentId
const printer = 'a-printer' as AssetId
const day = (d: number, h = 12): number => new Date(2026, 10, d, h).getTime()

/** A request as sync stores it; ids in creation order, so "newest first" is the reverse of making. */
function stored(description: string, changes: Partial<Request>): Request {
  return {
    ...emptyDraft(sara), description, id: newId<RequestId>(), teamId: 't1' as TeamId, createdAt: day(1),
    createdBy: sara, updatedAt: 1, rev: 1, deletedAt: null, referrals: [], history: [], tipId: null,
    words: wordsOf([description]), ...changes,
  } as Request
}

const rows = [
  stored('Acadre låst', { category: 'acadre', departmentId: byg, createdAt: day(2) }),
  stored('Acadre autoprofil', { category: 'acadre', departmentId: natur, assigneeId: ole, createdAt: day(10), status: 'løst' }),
  stored('Printer uden toner', { category: 'hardware', departmentId: byg, assetId: printer, owner: 'it-afdelingen', channel: 'telefon', createdAt: day(15) }),
  stored('Printer papirstop', { category: 'hardware', departmentId: null, assetId: printer, channel: 'mail', createdAt: day(30, 23) }),
  stored('Outlook regler', { category: 'office', departmentId: null, presetId: 'office', assigneeId: ole, createdAt: new Date(2026, 11, 1).getTime() }),
  stored('Slettet acadre', { category: 'acadre', departmentId: byg, deletedAt: 5 }),
]
const [lockDoc, profile, toner, paper, outlook] = rows.map((r) => r.id)

// [name, filter, search words, expected ids newest first]
const CASES: [string, RequestListFilter, string, (RequestId | undefined)[]][] = [
  ['category', { status: 'all', category: 'acadre' }, '', [profile, lockDoc]],
  ['category within open', { status: 'open', category: 'acadre' }, '', [lockDoc]],
  ['category and department', { status: 'all', category: 'acadre', departmentId: byg }, '', [lockDoc]],
  ['department', { status: 'all', departmentId: byg }, '', [toner, lockDoc]],
  ['no department', { status: 'all', departmentId: null }, '', [outlook, paper]],
  ['assignee', { status: 'all', assigneeId: ole }, '', [outlook, profile]],
  ['asset and channel', { status: 'open', assetId: printer, channel: 'mail' }, '', [paper]],
  ['asset and department', { status: 'open', assetId: printer, departmentId: byg }, '', [toner]],
  ['owner', { status: 'open', owner: 'it-afdelingen' }, '', [toner]],
  ['preset', { status: 'all', presetId: 'office' }, '', [outlook]],
  ['November, both ends inclusive', { status: 'all', from: '2026-11-02', to: '2026-11-30' }, '', [paper, toner, profile, lockDoc]],
  ['one day', { status: 'all', from: '2026-11-15', to: '2026-11-15' }, '', [toner]],
  ['from a day on', { status: 'all', from: '2026-11-30' }, '', [outlook, paper]],
  ['search and category', { status: 'all', category: 'hardware' }, 'printer', [paper, toner]],
  ['search and department', { status: 'all', departmentId: byg }, 'acadre', [lockDoc]],
  ['search and no department', { status: 'all', departmentId: null }, 'pap', [paper]],
  ['search and period', { status: 'all', to: '2026-11-14' }, 'acadre', [profile, lockDoc]],
  ['nothing matches', { status: 'løst', category: 'hardware' }, '', []],
]

describe('the request list filters', () => {
  it.each(CASES)('%s: from IndexedDB and from the built index alike', async (_name, filter, query, expected) => {
    await db().requests.bulkPut(rows)
    const criteria = criteriaOf(filter)
    // Before the index is built: indexes narrow, records are checked (or the index is built).
    expect(requestSearchIndex().isBuilt()).toBe(false)
    expect(await searchRequestKeys(query, criteria)).toEqual(expected)
    await requestSearchIndex().ready()
    expect(await searchRequestKeys(query, criteria)).toEqual(expected)
    const stored = await searchStoredRequestKeys(query, criteria)
    if (stored !== null) expect(stored).toEqual(expected)
  })

  it('follows edits once the index is built', async () => {
    await db().requests.bulkPut(rows)
    await requestSearchIndex().ready()
    const criteria = criteriaOf({ status: 'all', category: 'acadre', departmentId: byg })
    expect(await searchRequestKeys('', criteria)).toEqual([lockDoc])
    await db().requests.update(toner as RequestId, { category: 'acadre' })
    expect(await searchRequestKeys('', criteria)).toEqual([toner, lockDoc])
  })
})
