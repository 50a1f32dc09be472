import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRecord } from '../../../src/db/write.ts'
import {
  changeStatus, createRequest, deleteRequest, getLastDepartmentId, getRequest, referRequest,
  StatusChangeError, updateRequest,
} from '../../../src/db/requests.ts'
import { countRequests, listAssignablePeople, listRequestHead, listRequestKeys, listRequestPage } from '../../../src/db/requestQueries.ts'
import { inboxesWaiting, listOpenRequestsAssignedTo } from '../../../src/db/openRequests.ts'
import { searchRequestKeys, searchRequests } from '../../../src/db/requestSearch.ts'
import { emptyDraft, type RequestDraft } from '../../../src/domain/requestRules.ts'
import { OPEN_STATUSES } from '../../../src/domain/requestRules.ts'
import { newId } from '../../../src/domain/ids.ts'
import { wordsOf } from '../../../src/domain/search.ts'
import type { DepartmentId, PersonId, RequestId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Request, RequestStatus } from '../../../src/domain/records/request.ts'

const me = 'p1' as PersonId
const author = { teamId: 't1' as TeamId, personId: me }

function draft(changes: Partial<RequestDraft> = {}): RequestDraft {
  return { ...emptyDraft(me), ...changes }
}

async function make(description: string, changes: Partial<RequestDraft> = {}): Promise<Request> {
  return createRequest(author, draft({ description, ...changes }))
}

describe('createRequest', () => {
  it('stores the request, its first history entry and a linked time entry in one go', async () => {
    const r = await createRequest(author, draft({ description: ' Lås dokument op ', status: 'løst' }),
      { logMinutes: 10, activity: 'daglig hjælp' }, 1_000_000_000)
    expect(r.description).toBe('Lås dokument op')
    expect(r.history).toEqual([{ at: 1_000_000_000, by: me, from: null, to: 'løst' }])
    const entries = await db().timeEntries.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ requestId: r.id, personId: me, end: 1_000_000_000, start: 1_000_000_000 - 600_000 })
    const outbox = await db().outbox.orderBy('mutationId').toArray()
    expect(outbox.map((m) => m.table)).toEqual(['requests', 'timeEntries'])
    expect(outbox[0]?.fields).not.toHaveProperty('words')
  })

  it('logs no time when minutes are not given', async () => {
    await createRequest(author, draft({ description: 'Spørgsmål' }), { logMinutes: null, activity: 'daglig hjælp' })
    expect(await db().timeEntries.count()).toBe(0)
    expect(await db().requests.count()).toBe(1)
  })

  it('stores nothing when the time entry cannot be written', async () => {
    db().timeEntries.hook('creating', () => { throw new Error('disk full') })
    await expect(createRequest(author, draft({ description: 'Printer' }), { logMinutes: 5, activity: 'daglig hjælp' }))
      .rejects.toThrow('disk full')
    expect(await db().requests.count()).toBe(0)
    expect(await db().outbox.count()).toBe(0)
  })

  it('remembers the last department used', async () => {
    expect(await getLastDepartmentId()).toBeNull()
    await make('Hjælp', { departmentId: 'd7' as DepartmentId })
    expect(await getLastDepartmentId()).toBe('d7')
  })
})

describe('search', () => {
  it('matches word prefixes, every word, and department names', async () => {
    const dep = await createRecord('departments', author, { name: 'Natur og Miljø', location: '' })
    const printer = await make('Printeren på 2. sal virker ikke', { requesterName: 'Jens Hansen' })
    const acadre = await make('Acadre dokument låst', { requesterName: 'Jens Olsen', departmentId: dep.id })
    await make('Skabelon mangler logo', { requesterName: 'Mette' })

    expect(await searchRequestKeys('print')).toEqual([printer.id])
    expect(await searchRequestKeys('jens')).toEqual([acadre.id, printer.id])
    expect(await searchRequestKeys('jens hans')).toEqual([printer.id])
    expect(await searchRequestKeys('miljø')).toEqual([acadre.id])
    expect(await searchRequestKeys('natur acad')).toEqual([acadre.id])
    expect(await searchRequestKeys('natur printer')).toEqual([])
    expect(await searchRequestKeys('PRINTEREN')).toEqual([printer.id])
  })

  it('respects the status filter and pages the results', async () => {
    const a = await make('Outlook kalender', { status: 'løst' })
    const b = await make('Outlook signatur', { status: 'ny' })
    const c = await make('Outlook regler', { status: 'venter' })
    expect(await searchRequestKeys('outlook', { statuses: OPEN_STATUSES })).toEqual([c.id, b.id])
    expect(await searchRequestKeys('outlook', { statuses: ['løst'] })).toEqual([a.id])
    const page = await searchRequests('outlook', { statuses: ['ny', 'venter', 'løst'] }, 1, 1)
    expect(page.total).toBe(3)
    expect(page.rows.map((r) => r.id)).toEqual([b.id])
  })

  it('finds the new words after an edit and never finds deleted requests', async () => {
    const r = await make('Skærm flimrer')
    await updateRequest(r.id, { resolution: 'Nyt kabel til dockingstation' }, me)
    expect(await searchRequestKeys('docking')).toEqual([r.id])
    await updateRequest(r.id, { description: 'Mus virker ikke' }, me)
    expect(await searchRequestKeys('skærm')).toEqual([])
    await deleteRequest(r.id)
    expect(await searchRequestKeys('mus')).toEqual([])
    expect(await getRequest(r.id)).toBeUndefined()
  })
})

describe('search at volume', () => {
  // More candidates than are checked one by one, so the index-intersection path runs.
  async function seed(count: number): Promise<Request[]> {
    const rows: Request[] = []
    for (let i = 0; i < count; i++) {
      const description = i % 3 === 0 ? `Printer ${i} papir` : `Printer ${i} toner`
      const status: RequestStatus = i % 4 === 0 ? 'ny' : 'løst'
      rows.push({
        ...draft({ description, status }), id: newId<RequestId>(), teamId: author.teamId, createdAt: i,
        createdBy: me, updatedAt: i, rev: 0, deletedAt: null, referrals: [], history: [], tipId: null,
        words: wordsOf([description]),
      })
    }
    await db().requests.bulkAdd(rows)
    return rows
  }

  it('intersects words and applies the status filter on large result sets', async () => {
    const rows = await seed(1200)
    const expected = (pred: (r: Request) => boolean): RequestId[] => rows.filter(pred).map((r) => r.id).reverse()
    const toner = (r: Request): boolean => r.description.endsWith('toner')
    expect(await searchRequestKeys('printer toner')).toEqual(expected(toner))
    expect(await searchRequestKeys('toner printer', { statuses: ['ny'] })).toEqual(expected((r) => toner(r) && r.status === 'ny'))
    expect(await searchRequestKeys('print ton', { statuses: ['løst', 'venter'] })).toEqual(expected((r) => toner(r) && r.status === 'løst'))
    expect(await searchRequestKeys('printer', { statuses: OPEN_STATUSES })).toEqual(expected((r) => r.status === 'ny'))
    expect(await searchRequestKeys('papir printer', { statuses: ['ny'] })).toEqual(expected((r) => !toner(r) && r.status === 'ny'))
    // Few candidates ("119", "1190" … "1199"): checked record by record, with the same result.
    const few = (r: Request): boolean => /^Printer 119\d? toner$/.test(r.description) && r.status === 'løst'
    expect(expected(few).length).toBeGreaterThan(3)
    expect(await searchRequestKeys('printer 119 toner', { statuses: ['løst'] })).toEqual(expected(few))
  })

  it('ignores one-letter words, which would match nearly everything', async () => {
    const rows = await seed(10)
    expect(await searchRequestKeys('p')).toHaveLength(10)
    expect(await searchRequestKeys('p q')).toHaveLength(10)
    expect(await searchRequestKeys('toner p')).toEqual(rows.filter((r) => r.description.endsWith('toner')).map((r) => r.id).reverse())
  })
})

describe('lists', () => {
  it('lists newest first, filters by status and pages with a cursor', async () => {
    const statuses: RequestStatus[] = ['ny', 'løst', 'ny', 'venter', 'løst']
    const made: Request[] = []
    for (const [i, status] of statuses.entries()) made.push(await make(`Opgave ${i}`, { status }))
    const ids = made.map((r) => r.id)
    expect(await listRequestKeys()).toEqual([...ids].reverse())
    expect(await listRequestKeys({ statuses: ['ny', 'venter'] })).toEqual([ids[3], ids[2], ids[0]])
    expect(await countRequests({ statuses: ['løst'] })).toBe(2)
    expect(await countRequests()).toBe(5)

    const first = await listRequestPage({ statuses: ['ny', 'løst', 'venter'] }, { limit: 2 })
    expect(first.map((r) => r.id)).toEqual([ids[4], ids[3]])
    const second = await listRequestPage({ statuses: ['ny', 'løst', 'venter'] }, { limit: 2, before: first[1]?.id })
    expect(second.map((r) => r.id)).toEqual([ids[2], ids[1]])
    const head = await listRequestHead({ statuses: ['ny', 'venter'] }, 2)
    expect(head.total).toBe(3)
    expect(head.rows.map((r) => r.id)).toEqual([ids[3], ids[2]])
    const open = await listRequestPage({ statuses: OPEN_STATUSES }, { limit: 10 })
    expect(open.map((r) => r.description)).toEqual(['Opgave 3', 'Opgave 2', 'Opgave 0'])
  })

  it('leaves deleted requests out of lists and counts', async () => {
    const keep = await make('Behold')
    const gone = await make('Slet mig')
    await deleteRequest(gone.id)
    expect(await listRequestKeys()).toEqual([keep.id])
    expect(await countRequests()).toBe(1)
    expect(await listRequestPage({ statuses: ['ny'] }, { limit: 5 })).toHaveLength(1)
  })

  it('shows a person only their own open requests', async () => {
    const other = 'p2' as PersonId
    const mine = await make('Min', { status: 'i gang' })
    await make('Løst', { status: 'løst' })
    await make('Andens', { assigneeId: other })
    expect((await listOpenRequestsAssignedTo(me)).map((r) => r.id)).toEqual([mine.id])
  })

  it("tells Home whether its inbox cards have anything to show: a referral waiting for me, a QR report nobody took", async () => {
    const other = 'p2' as PersonId
    expect(await inboxesWaiting(me)).toEqual({ referrals: false, faultReports: false })
    const qr = await make('Skærmen blinker', { channel: 'qr', assigneeId: null })
    const mine = await make('Arkivaflevering')
    await referRequest(mine.id, other, '', me, 4000)
    // Referred by me to someone else: waiting for them, not for me.
    expect(await inboxesWaiting(me)).toEqual({ referrals: false, faultReports: true })
    expect(await inboxesWaiting(other)).toEqual({ referrals: true, faultReports: true })
    await changeStatus(qr.id, 'i gang', me, 5000)
    await changeStatus(mine.id, 'i gang', other, 6000)
    expect(await inboxesWaiting(other)).toEqual({ referrals: false, faultReports: false })
  })

  it('offers the team members with a role, by name', async () => {
    const base = { teamId: author.teamId, initials: '', email: '', homeDepartmentId: null, competences: [] }
    await createRecord('people', author, { ...base, name: 'Åse', role: 'superbruger' })
    await createRecord('people', author, { ...base, name: 'Bo', role: 'koordinator' })
    await createRecord('people', author, { ...base, name: 'Carl', role: null })
    expect((await listAssignablePeople(author.teamId)).map((p) => p.name)).toEqual(['Bo', 'Åse'])
  })
})

describe('status and edits', () => {
  it('appends every status change to the history', async () => {
    const r = await make('Telefon', { status: 'ny' })
    await changeStatus(r.id, 'i gang', me, 2000)
    const done = await changeStatus(r.id, 'løst', me, 3000)
    expect(done.history.map((h) => [h.from, h.to, h.at])).toEqual([[null, 'ny', r.createdAt], ['ny', 'i gang', 2000], ['i gang', 'løst', 3000]])
  })

  it('refuses a change the rules forbid and ignores a change to the same status', async () => {
    const r = await make('Telefon', { status: 'løst' })
    await expect(changeStatus(r.id, 'venter', me)).rejects.toBeInstanceOf(StatusChangeError)
    await changeStatus(r.id, 'løst', me)
    expect(await db().outbox.count()).toBe(1)
  })

  it('queues only the fields that changed and records a status edit', async () => {
    const r = await make('Office')
    await updateRequest(r.id, { description: 'Office', helpdeskCaseNo: 'HD-1', status: 'sendt til IT' }, me, 5000)
    const patch = (await db().outbox.orderBy('mutationId').toArray()).at(-1)
    expect(Object.keys(patch?.fields ?? {}).sort()).toEqual(['helpdeskCaseNo', 'history', 'status', 'updatedAt'])
    expect((await getRequest(r.id))?.history.at(-1)).toMatchObject({ from: 'ny', to: 'sendt til IT', at: 5000 })
  })

  it('refers a request: new assignee, status henvist and the referral kept', async () => {
    const r = await make('Arkivaflevering')
    const other = 'p2' as PersonId
    const referred = await referRequest(r.id, other, ' Kender systemet ', me, 4000)
    expect(referred).toMatchObject({ status: 'henvist', assigneeId: other })
    expect(referred.referrals).toEqual([{ at: 4000, from: me, to: other, note: 'Kender systemet' }])
    expect(referred.history.at(-1)).toMatchObject({ from: 'ny', to: 'henvist' })
  })
})
