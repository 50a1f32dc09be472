/** The report as an XLSX workbook: one sheet per table, typed cells, a bold header row, column widths. */
import writeXlsxFile, { type Cell as XlsxCell, type Sheet } from 'write-excel-file/universal'
import { exportNumber } from './reportCells.ts'
import { exportColumn, type ReportHeading } from './reportExport.ts'
import type { Cell, ReportTable } from './reportTables.ts'

const FORMATS = { count: '0', hours: '0.00', decimal: '0.00', share: '0.0' } as const
const DATE_FORMAT = 'dd.mm.yyyy'

function xlsxCell(cell: Cell): XlsxCell {
  if (cell === null) return null
  if (typeof cell === 'string') return { value: cell, type: String }
  return { value: exportNumber(cell), type: Number, format: FORMATS[cell.kind] }
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Ark'
  let name = base
  for (let i = 2; taken.has(name.toLowerCase()); i += 1) name = `${base} ${i}`
  taken.add(name.toLowerCase())
  return name
}

/** The day as the UTC midnight Excel's date serials count from, so no time zone shifts it. */
function excelDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!))
}

function width(values: readonly string[]): number {
  return Math.min(60, Math.max(8, ...values.map((v) => v.length + 2)))
}

/** Builds the workbook: a first sheet with the heading (dates as dates), then one sheet per table. */
export async function reportXlsx(heading: ReportHeading, tables: readonly ReportTable[]): Promise<Blob> {
  const taken = new Set<string>()
  const about: Sheet<never> = {
    sheet: sheetName(heading.title, taken),
    data: [
      [{ value: heading.title, type: String, fontWeight: 'bold' }],
      ...heading.facts.map((f): XlsxCell[] => [
        { value: f.label, type: String },
        typeof f.value === 'string' ? { value: f.value, type: String } : { value: excelDay(f.value.day), type: Date, format: DATE_FORMAT },
      ]),
    ],
    columns: [{ width: width(heading.facts.map((f) => f.label)) }, { width: 24 }],
  }
  const sheets = tables.map((table): Sheet<never> => {
    const header = table.columns.map((c, i) => exportColumn(c, table, i))
    return {
      sheet: sheetName(table.title, taken),
      data: [
        header.map((c): XlsxCell => ({ value: c, type: String, fontWeight: 'bold' })),
        ...table.rows.map((r) => r.cells.map(xlsxCell)),
      ],
      columns: header.map((c, i) => ({ width: width([c, ...table.rows.map((r) => { const cell = r.cells[i]; return typeof cell === 'string' ? cell : '' })]) })),
      stickyRowsCount: 1,
    }
  })
  return writeXlsxFile([about, ...sheets]).toBlob()
}
