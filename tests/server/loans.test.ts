import { expect, it } from 'vitest'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer, type SignedIn, type TestServer } from './support/harness.ts'
import { sampleRecord } from './support/records.ts'

// Loans of assets "til udlån" on real SQLite and PostgreSQL: a round trip between two superusers,
// and every refusal the server gives with its reason (the device shows it in Danish).

interface World {
  teamId: string
  anna: SignedIn
  bo: SignedIn
}

/** A team with two superusers, an asset for loan (a1), one that is not (a2), and one of another team (a3). */
async function world(server: TestServer): Promise<World> {
  const teamId = await server.team()
  const other = await server.team()
  const anna = await server.user('superbruger', [teamId])
  const bo = await server.user('superbruger', [teamId])
  await writeSystemRecords(server.app.storage, [
    { table: 'assets', record: sampleRecord('assets', 'a1', teamId, 'system', { code: 'K7M4QX', name: 'Headset til udlån', forLoan: true }) },
    { table: 'assets', record: sampleRecord('assets', 'a2', teamId, 'system', { code: 'K7M4QY', name: 'Printer' }) },
    { table: 'assets', record: sampleRecord('assets', 'a3', other, 'system', { code: 'K7M4QZ', name: 'Andet teams', forLoan: true }) },
  ])
  return { teamId, anna, bo }
}

const loan = (id: string, teamId: string, by: string, extra: Record<string, unknown> = {}, mutationId = 1) =>
  putOf(mutationId, 'loans', id, teamId, by, { assetId: 'a1', ...extra })

async function loansOf(user: SignedIn) {
  return (await user.pullAll()).filter((r) => r.table === 'loans').map((r) => r.record as unknown as Record<string, unknown>)
}

describeBackends('loans of assets', (kind) => {
  const server = useServer(kind)

  it('a loan one superuser makes reaches the other, who registers its return', async () => {
    const w = await world(server())
    const lent = await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [loan('l1', w.teamId, w.anna.actor.id, { borrowerName: 'Ole Olsen 010190-1234' })] })
    expect(lent.rejected).toEqual([])
    const [seen] = await loansOf(w.bo)
    expect(seen).toMatchObject({ id: 'l1', assetId: 'a1', borrowerName: 'Ole Olsen 010190-XXXX', since: '2026-12-01', until: '2026-12-14', returnedOn: null })
    const back = await w.bo.pushOk({ clientId: 'device-bo-1', mutations: [patchOf(1, 'loans', 'l1', { returnedOn: '2026-12-10', returnedBy: w.bo.actor.id }, Number(seen!.rev))] })
    expect(back.rejected).toEqual([])
    expect((await loansOf(w.anna))[0]).toMatchObject({ returnedOn: '2026-12-10', returnedBy: w.bo.actor.id })
  })

  it('returning a loan that was deleted meanwhile is not refused (the delete stands)', async () => {
    const w = await world(server())
    const lent = await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [loan('l1', w.teamId, w.anna.actor.id, { borrowerName: 'Ole Olsen' })] })
    const rev = lent.seq
    const gone = await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [{ mutationId: 2, table: 'loans', recordId: 'l1', op: 'delete', fields: {}, baseRev: rev, at: 3000 }] })
    expect(gone.rejected).toEqual([])
    const back = await w.bo.pushOk({ clientId: 'device-bo-1', mutations: [patchOf(1, 'loans', 'l1', { returnedOn: '2026-12-10', returnedBy: w.bo.actor.id }, rev)] })
    expect(back.rejected).toEqual([])
    expect((await w.bo.pullAll()).find((r) => r.record.id === 'l1')?.record.deletedAt).not.toBeNull()
  })

  it('two superusers lending one asset offline: the second is refused as already lent, the first stands', async () => {
    const w = await world(server())
    await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [loan('l1', w.teamId, w.anna.actor.id, { borrowerName: 'Ole' })] })
    const second = await w.bo.pushOk({ clientId: 'device-bo-1', mutations: [loan('l2', w.teamId, w.bo.actor.id, { borrowerName: 'Kim' })] })
    expect(second.rejected).toEqual([{ mutationId: 1, table: 'loans', recordId: 'l2', reason: 'asset_on_loan' }])
    expect((await loansOf(w.bo)).map((l) => l.id)).toEqual(['l1'])
  })

  it('two loans of one asset in one push: the second is refused', async () => {
    const w = await world(server())
    const answer = await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [
      loan('l1', w.teamId, w.anna.actor.id, {}, 1), loan('l2', w.teamId, w.anna.actor.id, {}, 2),
    ] })
    expect(answer.rejected.map((r) => [r.recordId, r.reason])).toEqual([['l2', 'asset_on_loan']])
  })

  it('lends an asset again once it is returned, and a returned loan is not returned twice', async () => {
    const w = await world(server())
    await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [loan('l1', w.teamId, w.anna.actor.id)] })
    const [stored] = await loansOf(w.anna)
    const rev = Number(stored!.rev)
    // Both return it offline from the same revision: the second return is refused, not merged.
    await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [patchOf(2, 'loans', 'l1', { returnedOn: '2026-12-05', returnedBy: w.anna.actor.id }, rev)] })
    const twice = await w.bo.pushOk({ clientId: 'device-bo-1', mutations: [patchOf(1, 'loans', 'l1', { returnedOn: '2026-12-06', returnedBy: w.bo.actor.id }, rev)] })
    expect(twice.rejected).toEqual([{ mutationId: 1, table: 'loans', recordId: 'l1', reason: 'loan_already_returned' }])
    const again = await w.bo.pushOk({ clientId: 'device-bo-1', mutations: [loan('l2', w.teamId, w.bo.actor.id, { since: '2026-12-07', until: '2026-12-20' }, 2)] })
    expect(again.rejected).toEqual([])
    expect((await loansOf(w.anna)).find((l) => l.id === 'l1')).toMatchObject({ returnedOn: '2026-12-05', returnedBy: w.anna.actor.id })
  })

  it.each([
    ['an asset not marked for loan', { assetId: 'a2' }, 'asset_not_for_loan'],
    ['an asset of another team', { assetId: 'a3' }, 'asset_not_for_loan'],
    ['an asset that does not exist', { assetId: 'nope' }, 'asset_not_for_loan'],
    ['no borrower', { borrowerName: '   ', borrowerId: null }, 'loan_invalid'],
    ['a return date before the loan date', { since: '2026-12-10', until: '2026-12-09' }, 'loan_invalid'],
    ['a return before the loan', { returnedOn: '2026-11-30' }, 'loan_invalid'],
  ])('refuses a loan of %s, with the reason', async (_what, extra, reason) => {
    const w = await world(server())
    const answer = await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [loan('l1', w.teamId, w.anna.actor.id, extra)] })
    expect(answer.rejected).toEqual([{ mutationId: 1, table: 'loans', recordId: 'l1', reason }])
    expect(await loansOf(w.anna)).toEqual([])
  })

  it('refuses moving a loan to another asset and a later date order that breaks it', async () => {
    const w = await world(server())
    await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [loan('l1', w.teamId, w.anna.actor.id)] })
    const rev = Number((await loansOf(w.anna))[0]!.rev)
    const answer = await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [
      patchOf(2, 'loans', 'l1', { assetId: 'a2' }, rev), patchOf(3, 'loans', 'l1', { until: '2026-11-01' }, rev), patchOf(4, 'loans', 'l1', { until: '2026-12-24' }, rev),
    ] })
    expect(answer.rejected.map((r) => [r.mutationId, r.reason])).toEqual([[2, 'loan_invalid'], [3, 'loan_invalid']])
    expect((await loansOf(w.anna))[0]).toMatchObject({ assetId: 'a1', until: '2026-12-24' })
  })

  it('a leder may not lend', async () => {
    const w = await world(server())
    const leder = await server().user('leder', [w.teamId])
    const answer = await leder.pushOk({ clientId: 'device-leder-1', mutations: [loan('l1', w.teamId, leder.actor.id)] })
    expect(answer.rejected).toEqual([{ mutationId: 1, table: 'loans', recordId: 'l1', reason: 'forbidden' }])
  })
})

describeBackends('loans in the people-data search, export and erasure', (kind) => {
  const server = useServer(kind)
  const get = (who: SignedIn, url: string) => server().app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })

  it('finds a loan by the typed name and by the colleague lent to, exports it and wipes the typed name', async () => {
    const w = await world(server())
    const ko = await server().user('koordinator', [w.teamId])
    await writeSystemRecords(server().app.storage, [
      { table: 'people', record: sampleRecord('people', 'p-hanne', w.teamId, 'system', { name: 'Hanne Hansen', email: 'hh@kommune.dk', role: null }) },
      { table: 'assets', record: sampleRecord('assets', 'a4', w.teamId, 'system', { code: 'K7M4QW', name: 'Skærm til udlån', forLoan: true }) },
    ])
    await w.anna.pushOk({ clientId: 'device-anna-1', mutations: [
      loan('l-typed', w.teamId, w.anna.actor.id, { borrowerName: 'Hanne Hansen (vikar)' }, 1),
      loan('l-person', w.teamId, w.anna.actor.id, { assetId: 'a4', borrowerId: 'p-hanne', borrowerName: '' }, 2),
    ] })
    const search = (await get(ko, '/api/people-data/search?q=hanne%20hansen')).json<{ groups: Array<{ table: string; hits: Array<{ id: string; matches: string[]; anonymisable: boolean }> }> }>()
    const loans = search.groups.find((g) => g.table === 'loans')!
    expect(loans.hits.map((h) => [h.id, h.matches.join('+'), h.anonymisable])).toEqual([['l-typed', 'borrowerName', true], ['l-person', 'borrowerId', true]])

    const csv = await get(ko, '/api/people-data/export?q=Hanne%20Hansen&format=csv')
    expect(csv.body).toContain('loans,l-typed,borrowerName,Hanne Hansen (vikar)')

    const erased = await server().app.inject({ method: 'POST', url: '/api/people-data/anonymise', payload: { q: 'Hanne Hansen', recordIds: ['l-typed'] }, headers: { cookie: ko.cookie } })
    expect(erased.json()).toMatchObject({ anonymised: 1 })
    expect((await loansOf(w.bo)).find((l) => l.id === 'l-typed')).toMatchObject({ borrowerName: 'Anonymiseret', assetId: 'a1', since: '2026-12-01' })
  })
})
