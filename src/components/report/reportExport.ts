/** The report's exports: CSV for Danish Excel (here) and XLSX (reportXlsx.ts, loaded only when asked for). */
import { toCsv, type CsvValue } from '../../domain/report/csv.ts'
import { exportNumber } from './reportCells.ts'
import type { Cell, ReportTable } from './reportTables.ts'

/** What the exports say about the report above its tables. */
export interface ReportHeading {
  /** "Rapport: Superbrugergruppen". */
  readonly title: string
  /** Label/value lines: the period, its first and last day, the department, when it was made. */
  readonly facts: readonly { readonly label: string, readonly value: string | DayValue }[]
}

/** A calendar day ("2026-12-01"), written as a date: DD.MM.YYYY in the CSV, a date cell in the XLSX. */
export interface DayValue {
  readonly day: string
}

/** "2026-12-01" → "01.12.2026". */
export function danishDay(value: DayValue): string {
  const [y, m, d] = value.day.split('-')
  return `${d}.${m}.${y}`
}

/** The column title of a share column in exports, where shares are written as percent numbers. */
export function exportColumn(title: string, table: ReportTable, index: number): string {
  const shares = table.rows.some((r) => {
    const cell = r.cells[index]
    return typeof cell === 'object' && cell !== null && cell.kind === 'share'
  })
  return shares && !title.includes('%') ? `${title} (%)` : title
}

function csvCell(cell: Cell): CsvValue {
  if (cell === null || typeof cell === 'string') return cell
  return exportNumber(cell)
}

/** The report as one CSV: the heading lines, then each table with its title and header, a blank line between. */
export function reportCsv(heading: ReportHeading, tables: readonly ReportTable[]): string {
  const rows: CsvValue[][] = [[heading.title], ...heading.facts.map((f) => [f.label, typeof f.value === 'string' ? f.value : danishDay(f.value)])]
  for (const table of tables) {
    rows.push([], [table.title], table.columns.map((c, i) => exportColumn(c, table, i)))
    for (const row of table.rows) rows.push(row.cells.map(csvCell))
  }
  return toCsv(rows)
}

/** Offers `blob` as a download named `name` (the browser's own save; nothing leaves the device). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
