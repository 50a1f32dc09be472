import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createAsset } from '../../../src/db/assets.ts'
import { currentLoan, lendAsset, listAssetLoans, listOpenLoans, LoanRefusedError, returnLoan } from '../../../src/db/loans.ts'
import type { AssetId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }

async function asset(forLoan: boolean, code = 'K7M4QX') {
  return createAsset(author, { code, type: 'headset', name: 'Headset', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '', forLoan })
}

const draft = (assetId: AssetId) => ({ assetId, borrowerId: null, borrowerName: ' Ole Olsen 010190-1234 ', departmentId: null, since: '2026-12-01', until: '2026-12-14' })

function problemOf(error: unknown): string {
  return error instanceof LoanRefusedError ? error.problem : String(error)
}

describe('loans on the device', () => {
  it('lends an asset for loan: one record and its put in the outbox, the CPR number masked', async () => {
    const a = await asset(true)
    const loan = await lendAsset(author, draft(a.id), 1_000)
    expect(loan).toMatchObject({ assetId: a.id, borrowerName: 'Ole Olsen 010190-XXXX', since: '2026-12-01', until: '2026-12-14', returnedOn: null })
    expect(await currentLoan(a.id)).toMatchObject({ id: loan.id })
    const queued = (await db().outbox.toArray()).filter((e) => e.table === 'loans')
    expect(queued).toEqual([expect.objectContaining({ recordId: loan.id, op: 'put' })])
    expect(JSON.stringify(queued)).not.toContain('1234')
  })

  it('refuses an asset not for loan, one already lent, no borrower and until before since; stores nothing for them', async () => {
    const notForLoan = await asset(false, 'K7M4QY')
    const a = await asset(true)
    expect(problemOf(await lendAsset(author, draft(notForLoan.id)).catch((e: unknown) => e))).toBe('notForLoan')
    expect(problemOf(await lendAsset(author, { ...draft(a.id), borrowerName: ' ' }).catch((e: unknown) => e))).toBe('noBorrower')
    expect(problemOf(await lendAsset(author, { ...draft(a.id), until: '2026-11-30' }).catch((e: unknown) => e))).toBe('untilBeforeSince')
    expect(await db().loans.count()).toBe(0)
    await lendAsset(author, draft(a.id))
    expect(problemOf(await lendAsset(author, draft(a.id)).catch((e: unknown) => e))).toBe('alreadyLent')
    expect(await db().loans.count()).toBe(1)
  })

  it('returns a loan once, then the asset can be lent again; history keeps both, the open list only the new one', async () => {
    const a = await asset(true)
    const first = await lendAsset(author, draft(a.id), 1_000)
    const back = await returnLoan(first.id, '2026-12-10', 'p2' as PersonId, 2_000)
    expect(back).toMatchObject({ returnedOn: '2026-12-10', returnedBy: 'p2' })
    expect(problemOf(await returnLoan(first.id, '2026-12-11', 'p2' as PersonId).catch((e: unknown) => e))).toBe('alreadyReturned')
    expect(await currentLoan(a.id)).toBeUndefined()
    const second = await lendAsset(author, { ...draft(a.id), since: '2026-12-12', until: '2026-12-20' }, 3_000)
    expect((await listAssetLoans(a.id)).map((l) => l.id)).toEqual([second.id, first.id])
    expect((await listOpenLoans()).map((l) => l.id)).toEqual([second.id])
    const patches = (await db().outbox.toArray()).filter((e) => e.table === 'loans' && e.op === 'patch')
    expect(patches.map((p) => Object.keys(p.fields).sort())).toEqual([['returnedBy', 'returnedOn', 'updatedAt']])
  })
})
