import { dateInZone } from './calendarDate.ts'
import type { AssetId, DepartmentId, Millis, PersonId } from './records/fields.ts'
import type { Loan } from './records/loan.ts'

// Lending of assets "til udlån": what makes a loan valid, when it is overdue, and what the server
// refuses. The server is the one place that sees every device's loans, so it decides: a second
// loan of an asset already lent out (two superusers lending it offline) is refused with a reason
// the device shows, with the refused loan's content, instead of both silently standing.

/** What a person fills in to lend an asset: a colleague on the list, or a typed name and department. */
export interface LoanDraft {
  readonly assetId: AssetId
  readonly borrowerId: PersonId | null
  readonly borrowerName: string
  readonly departmentId: DepartmentId | null
  readonly since: string
  readonly until: string
}

/** Why a loan cannot stand: no borrower, return expected before it was lent, returned before lent. */
export type LoanProblem = 'noBorrower' | 'untilBeforeSince' | 'returnedBeforeSince'

/** The fields of a loan the rules look at; a record from the server may lack some (so all optional). */
type LoanFields = Readonly<Partial<Record<keyof Loan, unknown>>>

/** Why these loan fields cannot be stored, or null when they can. */
export function loanProblem(loan: LoanFields): LoanProblem | null {
  const named = typeof loan.borrowerName === 'string' && loan.borrowerName.trim() !== ''
  if (!named && (typeof loan.borrowerId !== 'string' || loan.borrowerId === '')) return 'noBorrower'
  const since = String(loan.since)
  if (String(loan.until) < since) return 'untilBeforeSince'
  if (typeof loan.returnedOn === 'string' && loan.returnedOn < since) return 'returnedBeforeSince'
  return null
}

/** A loan not yet returned (nor deleted): the asset is out. */
export function isOpenLoan(loan: Pick<Loan, 'returnedOn' | 'deletedAt'>): boolean {
  return loan.returnedOn === null && loan.deletedAt === null
}

/** Today's date in Denmark, which decides when a loan is overdue wherever the device is. */
export function danishToday(now: Millis): string {
  return dateInZone(now)
}

/** True when an open loan was due back before today (Danish calendar): due today is not yet overdue. */
export function isOverdue(loan: Pick<Loan, 'returnedOn' | 'deletedAt' | 'until'>, now: Millis): boolean {
  return isOpenLoan(loan) && loan.until < danishToday(now)
}

/** Why the server refuses a loan write (shown in Danish on the device that made it). */
export type LoanRefusal = 'asset_not_for_loan' | 'asset_on_loan' | 'loan_invalid' | 'loan_already_returned'

/** What the server knows when it checks one write of a loan. */
export interface LoanWrite {
  readonly op: 'put' | 'patch' | 'delete'
  readonly fields: LoanFields
  /** The loan's team (the mutation's for a new one). */
  readonly teamId: string
  /** The live loan before the write, null for a new one. */
  readonly before: LoanFields | null
  /** The loan as the write leaves it. */
  readonly after: LoanFields
  /** The live asset the loan is for, null when there is none. */
  readonly asset: { readonly teamId: string; readonly content: Readonly<Record<string, unknown>> } | null
  /** Ids of other open loans of the same asset. */
  readonly otherOpenLoans: readonly string[]
}

/**
 * Why the server refuses this write of a loan, or null when it may apply: the asset is fixed once
 * lent; a returned loan is not returned again; the loan must be valid (see loanProblem); a new
 * loan needs a live asset of the same team marked for loan and, unless it is already returned, no
 * other open loan of it. Deleting a loan (a mistaken one) is always allowed.
 */
export function loanRefusal(write: LoanWrite): LoanRefusal | null {
  if (write.op === 'delete') return null
  const { before, after, fields } = write
  if (before) {
    if ('assetId' in fields && fields.assetId !== before.assetId) return 'loan_invalid'
    if ('returnedOn' in fields && typeof before.returnedOn === 'string') return 'loan_already_returned'
  }
  if (loanProblem(after) !== null) return 'loan_invalid'
  if (before) return null
  const asset = write.asset
  if (!asset || asset.teamId !== write.teamId || asset.content.forLoan !== true || asset.content.retiredAt != null) return 'asset_not_for_loan'
  if (after.returnedOn == null && write.otherOpenLoans.length > 0) return 'asset_on_loan'
  return null
}
