/** How report cells read on the screen and in a CSV for Danish Excel. */
import type { Cell, NumberCell } from './reportTables.ts'
import type { FormatLocale } from '../../domain/format.ts'

/** A number cell as the screen shows it: "12", "3,5", "50 %". */
export function formatCell(cell: Cell, locale: FormatLocale): string {
  if (cell === null) return '–'
  if (typeof cell === 'string') return cell
  const tag = locale === 'da' ? 'da-DK' : 'en-GB'
  if (cell.kind === 'share') return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(cell.n)
  return new Intl.NumberFormat(tag, { maximumFractionDigits: cell.kind === 'count' ? 0 : 1 }).format(cell.n)
}

/** The value a CSV or spreadsheet holds for a number: hours and other decimals to two places, shares as percent with one. */
export function exportNumber(cell: NumberCell): number {
  if (cell.kind === 'share') return Math.round(cell.n * 1000) / 10
  if (cell.kind === 'hours' || cell.kind === 'decimal') return Math.round(cell.n * 100) / 100
  return cell.n
}
