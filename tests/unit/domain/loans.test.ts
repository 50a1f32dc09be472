import { afterEach, describe, expect, it, vi } from 'vitest'
import { isOpenLoan, isOverdue, loanProblem, loanRefusal, type LoanWrite } from '../../../src/domain/loans.ts'

const loan = { assetId: 'a1', borrowerId: null, borrowerName: 'Ole', departmentId: null, since: '2026-03-20', until: '2026-03-28', returnedOn: null, returnedBy: null, deletedAt: null }

describe('loanProblem', () => {
  it.each([
    ['a typed name', {}, null],
    ['a colleague from the list and no name', { borrowerId: 'p1', borrowerName: '' }, null],
    ['no borrower', { borrowerName: '  ' }, 'noBorrower'],
    ['until the same day', { until: '2026-03-20' }, null],
    ['until before since', { until: '2026-03-19' }, 'untilBeforeSince'],
    ['returned before it was lent', { returnedOn: '2026-03-19' }, 'returnedBeforeSince'],
    ['returned the day it was lent', { returnedOn: '2026-03-20' }, null],
  ])('%s', (_name, change, problem) => {
    expect(loanProblem({ ...loan, ...change })).toBe(problem)
  })
})

describe('isOverdue by the Danish calendar date, with a fake clock', () => {
  afterEach(() => { vi.useRealTimers() })

  // Each moment is given in UTC; Copenhagen is UTC+1 in winter and UTC+2 in summer.
  it.each([
    ['due today is not yet overdue (late evening in Copenhagen)', '2026-03-28', '2026-03-28T22:30:00Z', false],
    ['the day after, just after Danish midnight, is overdue while UTC is still on the due day', '2026-03-28', '2026-03-28T23:30:00Z', true],
    // 29 March 2026: clocks go forward at 02:00, a 23-hour day; midnight is still 23:00 UTC the evening before.
    ['DST spring day 2026: due the 29th, 23:59 Danish time on the 29th', '2026-03-29', '2026-03-29T21:59:00Z', false],
    ['DST spring day 2026: due the 29th, 00:00 Danish time on the 30th', '2026-03-29', '2026-03-29T22:00:00Z', true],
    // 25 October 2026: clocks go back at 03:00, a 25-hour day.
    ['DST autumn day 2026: due the 25th, 23:59 Danish time on the 25th', '2026-10-25', '2026-10-25T22:59:00Z', false],
    ['DST autumn day 2026: due the 25th, 00:00 Danish time on the 26th', '2026-10-25', '2026-10-25T23:00:00Z', true],
    ['DST spring day 2027: due the 28th, 00:30 Danish time on the 29th', '2027-03-28', '2027-03-28T22:30:00Z', true],
    ['DST autumn day 2027: due the 31st, 01:30 Danish time on the 31st', '2027-10-31', '2027-10-30T23:30:00Z', false],
  ])('%s', (_name, until, at, overdue) => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date(at))
    expect(isOverdue({ ...loan, until }, Date.now())).toBe(overdue)
  })

  it('a returned or deleted loan is never overdue', () => {
    const now = Date.parse('2026-06-01T12:00:00Z')
    expect(isOverdue({ ...loan, returnedOn: '2026-04-01' }, now)).toBe(false)
    expect(isOverdue({ ...loan, deletedAt: 5 }, now)).toBe(false)
    expect(isOverdue(loan, now)).toBe(true)
    expect(isOpenLoan(loan)).toBe(true)
  })
})

describe('loanRefusal: what the server refuses', () => {
  const asset = { teamId: 't1', content: { forLoan: true, retiredAt: null } }
  const write = (change: Partial<LoanWrite>): LoanWrite => ({ op: 'put', fields: loan, teamId: 't1', before: null, after: loan, asset, otherOpenLoans: [], ...change })

  it('a valid new loan of an asset for loan, and deleting a loan', () => {
    expect(loanRefusal(write({}))).toBeNull()
    expect(loanRefusal(write({ op: 'delete', asset: null, otherOpenLoans: ['l9'] }))).toBeNull()
  })

  it.each([
    ['the asset is already lent', { otherOpenLoans: ['l0'] }, 'asset_on_loan'],
    ['the asset is not for loan', { asset: { teamId: 't1', content: { forLoan: false } } }, 'asset_not_for_loan'],
    ['the asset was retired', { asset: { teamId: 't1', content: { forLoan: true, retiredAt: 5 } } }, 'asset_not_for_loan'],
    ['the asset is another team\'s', { asset: { teamId: 't2', content: { forLoan: true } } }, 'asset_not_for_loan'],
    ['there is no asset', { asset: null }, 'asset_not_for_loan'],
    ['no borrower', { after: { ...loan, borrowerName: '' } }, 'loan_invalid'],
    ['returning twice', { op: 'patch' as const, before: { ...loan, returnedOn: '2026-03-21' }, fields: { returnedOn: '2026-03-22' }, after: { ...loan, returnedOn: '2026-03-21' } }, 'loan_already_returned'],
    ['moving it to another asset', { op: 'patch' as const, before: loan, fields: { assetId: 'a2' }, after: { ...loan, assetId: 'a2' } }, 'loan_invalid'],
  ])('refuses when %s', (_name, change, reason) => {
    expect(loanRefusal(write(change))).toBe(reason)
  })

  it('a past loan registered as returned may stand beside an open one', () => {
    expect(loanRefusal(write({ after: { ...loan, returnedOn: '2026-03-25' }, otherOpenLoans: ['l0'] }))).toBeNull()
  })
})
