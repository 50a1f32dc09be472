import { fromDateTimeInput, formatDate, type FormatLocale } from '../../domain/format.ts'
import type { Department } from '../../domain/records/department.ts'
import type { Loan } from '../../domain/records/loan.ts'
import type { Person } from '../../domain/records/person.ts'

/** The borrower as a line of text: the colleague's name from the list, else the typed name. */
export function borrowerOf(loan: Loan, people: readonly Person[], unknown: string): string {
  if (loan.borrowerId) return people.find((p) => p.id === loan.borrowerId)?.name ?? (loan.borrowerName || unknown)
  return loan.borrowerName || unknown
}

/** The borrower's department name, '' when none. */
export function departmentOf(loan: Loan, departments: readonly Department[]): string {
  return departments.find((d) => d.id === loan.departmentId)?.name ?? ''
}

/** A calendar date (yyyy-mm-dd) in the person's format: 14.12.2026. */
export function loanDate(date: string, locale: FormatLocale): string {
  return formatDate(fromDateTimeInput(date), locale)
}
