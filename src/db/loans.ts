import { db } from './database.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { isOpenLoan, loanProblem, type LoanDraft, type LoanProblem } from '../domain/loans.ts'
import type { AssetId, LoanId, Millis, PersonId } from '../domain/records/fields.ts'
import type { Loan } from '../domain/records/loan.ts'
import type { Person } from '../domain/records/person.ts'

/** Why a loan cannot be made or returned on this device: a rule of the draft, or the asset's state. */
export type LoanError = LoanProblem | 'notForLoan' | 'alreadyLent' | 'alreadyReturned'

/** Thrown when a loan cannot be saved; `problem` names the Danish message the form shows. */
export class LoanRefusedError extends Error {
  override name = 'LoanRefusedError'
  constructor(readonly problem: LoanError) {
    super(`loan: ${problem}`)
  }
}

/** The open loan of an asset as this device knows it, or undefined when it is in. */
export async function currentLoan(assetId: AssetId): Promise<Loan | undefined> {
  const loans = await db().loans.where('assetId').equals(assetId).toArray()
  return loans.filter(isOpenLoan).sort((a, b) => b.createdAt - a.createdAt)[0]
}

/** Every loan of an asset (returned ones too), newest first. */
export async function listAssetLoans(assetId: AssetId): Promise<Loan[]> {
  const loans = await db().loans.where('assetId').equals(assetId).toArray()
  return loans.filter((l) => l.deletedAt === null).sort((a, b) => b.since.localeCompare(a.since) || b.createdAt - a.createdAt)
}

/** The team's loans not yet returned, the longest overdue first. */
export async function listOpenLoans(): Promise<Loan[]> {
  const loans = await db().loans.toArray()
  return loans.filter(isOpenLoan).sort((a, b) => a.until.localeCompare(b.until))
}

/**
 * Lends an asset out (offline too): refused when the draft is invalid, the asset is not marked
 * for loan, or this device already knows of an open loan of it. Checked and stored in one
 * transaction. The server checks again against every device's loans.
 */
export async function lendAsset(author: Author, draft: LoanDraft, now: Millis = Date.now()): Promise<Loan> {
  const problem = loanProblem(draft)
  if (problem) throw new LoanRefusedError(problem)
  return db().transaction('rw', db().assets, db().loans, db().outbox, async () => {
    const asset = await db().assets.get(draft.assetId)
    if (!asset || asset.deletedAt !== null || asset.forLoan !== true || asset.retiredAt !== null) throw new LoanRefusedError('notForLoan')
    if (await currentLoan(draft.assetId)) throw new LoanRefusedError('alreadyLent')
    return createRecord('loans', author, {
      assetId: draft.assetId, borrowerId: draft.borrowerId, borrowerName: draft.borrowerId ? '' : draft.borrowerName.trim(),
      departmentId: draft.departmentId, since: draft.since, until: draft.until, returnedOn: null, returnedBy: null,
    }, now)
  })
}

/** Registers that a loan came back on `returnedOn`, by `by`; a loan returned already is refused. */
export async function returnLoan(id: LoanId, returnedOn: string, by: PersonId, now: Millis = Date.now()): Promise<Loan> {
  return db().transaction('rw', db().loans, db().outbox, async () => {
    const loan = await db().loans.get(id)
    if (!loan || loan.deletedAt !== null) throw new RecordMissingError('loans', id)
    if (loan.returnedOn !== null) throw new LoanRefusedError('alreadyReturned')
    if (returnedOn < loan.since) throw new LoanRefusedError('returnedBeforeSince')
    return patchRecord('loans', id, { returnedOn, returnedBy: by }, now)
  })
}

/** Everyone on the team's list who can borrow: superusers and colleagues without an account, by name. */
export async function listBorrowers(): Promise<Person[]> {
  const people = await db().people.toArray()
  return people.filter((p) => p.deletedAt === null).sort((a, b) => a.name.localeCompare(b.name, 'da'))
}
