import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { db, SuperbrugerDb, useDatabase } from '../../../src/db/database.ts'
import { createRecord } from '../../../src/db/write.ts'
import { changeStatus, createRequest, deleteRequest, updateRequest } from '../../../src/db/requests.ts'
import { searchRequestKeys, searchStoredRequestKeys } from '../../../src/db/requestSearch.ts'
import { requestSearchIndex } from '../../../src/db/requestSearchIndex.ts'
import { observe } from '../../../src/db/live.ts'
import { emptyDraft, OPEN_STATUSES, type RequestDraft } from '../../../src/domain/requestRules.ts'
import { newId } from '../../../src/domain/ids.ts'
import { wordsOf } from '../../../src/domain/search.ts'
import { REQUEST_STATUSES, type Request, type RequestStatus } from '../../../src/domain/records/request.ts'
import type { PersonId, RequestId, TeamId } from '../../../src/domain/records/fields.ts'

const me = 'p1' as PersonId
const author = { teamId: 't1' as TeamId, personId: me }

async function make(description: string, changes: Partial<RequestDraft> = {}): Promise<Request> {
  return createRequest(author, { ...emptyDraft(me), description, ...changes })
}

/** A request as sync would store it, written straight to a table. */
function stored(description: string, status: RequestStatus, departmentId: string | null = null): Request {
  return {
    ...emptyDraft(me), description, status, departmentId, id: newId<RequestId>(), teamId: author.teamId,
    createdAt: 1, createdBy: me, updatedAt: 1, rev: 1, deletedAt: null, referrals: [], history: [], tipId: null,
    words: wordsOf([description]),
  } as Request
}

/** Builds the in-memory index first, so the search is answered from it. */
async function searchBuilt(query: string, statuses: readonly RequestStatus[] = REQUEST_STATUSES): Promise<RequestId[]> {
  await requestSearchIndex().ready()
  expect(requestSearchIndex().isReady()).toBe(true)
  return searchRequestKeys(query, { statuses })
}

describe('search from the in-memory index', () => {
  it('matches prefixes of every word and department names, newest first, within the status filter', async () => {
    const dep = await createRecord('departments', author, { name: 'Natur og Miljø', location: '' })
    const printer = await make('Printeren på 2. sal', { requesterName: 'Jens Hansen', status: 'løst' })
    const acadre = await make('Acadre dokument låst', { requesterName: 'Jens Olsen', departmentId: dep.id })
    const logo = await make('Skabelon mangler logo', { requesterName: 'Mette', departmentId: dep.id, status: 'venter' })

    expect(await searchBuilt('print')).toEqual([printer.id])
    expect(await searchBuilt('jens')).toEqual([acadre.id, printer.id])
    expect(await searchBuilt('jens hans')).toEqual([printer.id])
    expect(await searchBuilt('miljø')).toEqual([logo.id, acadre.id])
    expect(await searchBuilt('natur acad')).toEqual([acadre.id])
    expect(await searchBuilt('natur printer')).toEqual([])
    expect(await searchBuilt('jens', OPEN_STATUSES)).toEqual([acadre.id])
    expect(await searchBuilt('miljø', ['venter', 'løst'])).toEqual([logo.id])
    expect(await searchBuilt('', OPEN_STATUSES)).toEqual([logo.id, acadre.id])
  })

  it('follows creates, edits, status changes and deletes made in this tab', async () => {
    const first = await make('Skærm flimrer')
    expect(await searchBuilt('skærm')).toEqual([first.id])
    const second = await make('Ny skærm bestilt')
    expect(await searchBuilt('skærm')).toEqual([second.id, first.id])
    await updateRequest(first.id, { description: 'Mus virker ikke' }, me)
    expect(await searchBuilt('skærm')).toEqual([second.id])
    expect(await searchBuilt('mus')).toEqual([first.id])
    await changeStatus(second.id, 'løst', me)
    expect(await searchBuilt('skærm', OPEN_STATUSES)).toEqual([])
    expect(await searchBuilt('skærm', ['løst'])).toEqual([second.id])
    await deleteRequest(first.id)
    expect(await searchBuilt('mus')).toEqual([])
    expect(await searchBuilt('')).toEqual([second.id])
  })

  it('sees changes made through another Dexie instance on the same database', async () => {
    const mine = await make('Printer på 1. sal')
    expect(await searchBuilt('printer')).toEqual([mine.id])
    const other = new SuperbrugerDb(db().name)
    const theirs = stored('Printer mangler toner', 'ny')
    await other.requests.put(theirs)
    expect(await searchBuilt('printer')).toEqual([theirs.id, mine.id])
    await other.requests.update(mine.id, { status: 'løst' })
    expect(await searchBuilt('printer', OPEN_STATUSES)).toEqual([theirs.id])
    await other.requests.delete(theirs.id)
    expect(await searchBuilt('printer')).toEqual([mine.id])
    other.close()
  })

  it('is rebuilt after a bulk change and starts empty for another database', async () => {
    const first = await make('Telefon omstilling', { status: 'venter' })
    expect(await searchBuilt('telefon')).toEqual([first.id])
    const many = Array.from({ length: 120 }, (_, i) => stored(`Telefon ${i}`, i % 2 ? 'ny' : 'løst'))
    await db().requests.bulkPut(many)
    expect(await searchBuilt('telefon')).toHaveLength(121)
    expect(await searchBuilt('telefon', ['ny'])).toEqual(many.filter((r) => r.status === 'ny').map((r) => r.id).reverse())
    useDatabase(`${db().name}-other`)
    expect(await searchBuilt('telefon')).toEqual([])
  })

  it('re-runs a live search when a matching request is added or edited', async () => {
    const old = await make('Outlook kalender')
    const seen: RequestId[][] = []
    const sub = observe(() => searchRequestKeys('outlook'), (ids) => seen.push(ids), (e) => { throw e })
    const until = async (ids: RequestId[]): Promise<void> => {
      for (let i = 0; i < 200 && JSON.stringify(seen.at(-1)) !== JSON.stringify(ids); i++) await new Promise((r) => setTimeout(r, 5))
      expect(seen.at(-1)).toEqual(ids)
    }
    await until([old.id])
    const added = await make('Outlook signatur')
    await until([added.id, old.id])
    await updateRequest(old.id, { description: 'Teams møde' }, me)
    await until([added.id])
    sub.unsubscribe()
  })
})

describe('search from IndexedDB and from the index agree', () => {
  const words = ['printer', 'print', 'toner', 'acadre', 'outlook', 'sørensen', 'søren', 'jensen', '119', '11']
  const departments = ['Natur og Miljø', 'Byg', 'Printerrum']
  const requestArb = fc.record({
    text: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }),
    status: fc.constantFrom(...REQUEST_STATUSES),
    department: fc.option(fc.nat({ max: departments.length - 1 }), { nil: null }),
    deleted: fc.boolean(),
  })
  const queryArb = fc.record({
    words: fc.array(fc.constantFrom(...words, 'pr', 'na', 'by', 'x', 'zz'), { maxLength: 3 }),
    statuses: fc.subarray([...REQUEST_STATUSES], { minLength: 1 }),
  })

  it('gives the same ids as a plain filter of the records', async () => {
    await fc.assert(fc.asyncProperty(fc.array(requestArb, { maxLength: 40 }), fc.array(queryArb, { minLength: 1, maxLength: 5 }), async (specs, queries) => {
      const previous = db()
      useDatabase(`${previous.name.split('#')[0]}#${newId()}`)
      await previous.delete()
      const deps = departments.map((name) => ({ ...stored('', 'ny'), name, location: '' }))
      await db().departments.bulkPut(deps as never)
      const depIds: (string | null)[] = deps.map((d) => d.id)
      const rows = specs.map((s) => {
        const r = stored(s.text.join(' '), s.status, s.department === null ? null : depIds[s.department] ?? null)
        // A tombstone keeps only its sync fields, as deleteRecord and sync leave it.
        const { id, teamId, createdAt, createdBy, updatedAt, rev } = r
        return s.deleted ? { id, teamId, createdAt, createdBy, updatedAt, rev, deletedAt: 5 } as unknown as Request : r
      })
      await db().requests.bulkPut(rows)
      for (const q of queries) {
        const query = q.words.join(' ')
        const tokens = wordsOf([query]).filter((w) => w.length >= 2)
        const expected = rows.filter((r) => r.deletedAt === null && q.statuses.includes(r.status) && tokens.every((t) =>
          r.words.some((w) => w.startsWith(t)) || departments.some((name, i) => depIds[i] === r.departmentId && wordsOf([name]).some((w) => w.startsWith(t)))))
          .map((r) => r.id).sort().reverse()
        expect(await searchStoredRequestKeys(query, { statuses: q.statuses })).toEqual(expected)
        expect(await searchBuilt(query, q.statuses)).toEqual(expected)
      }
    }), { numRuns: 40 })
  })
})
