import { describe, expect, it } from 'vitest'
import readXlsxFile from 'read-excel-file/node'
import { reportTables, type Cell, type ReportLabels, type ReportTable } from '../../../../src/components/report/reportTables.ts'
import { reportCsv, type ReportHeading } from '../../../../src/components/report/reportExport.ts'
import { reportXlsx, sheetName } from '../../../../src/components/report/reportXlsx.ts'
import { exportNumber } from '../../../../src/components/report/reportCells.ts'
import { buildReport, type ReportRequest } from '../../../../src/domain/report/report.ts'
import { parsePeriod, shiftPeriod } from '../../../../src/domain/report/period.ts'
import type { DepartmentId, PersonId, RequestId } from '../../../../src/domain/records/fields.ts'

const H = 3_600_000
const at = (m: number, d: number, h = 10): number => new Date(2026, m - 1, d, h).getTime()
const period = parsePeriod('2026-12')!
let n = 0
const request = (created: number, extra: Partial<ReportRequest> = {}): ReportRequest => {
  n += 1
  return {
    id: `r${n}` as RequestId, createdAt: created, category: 'acadre', presetId: null, departmentId: 'plan' as DepartmentId, channel: 'telefon',
    status: 'løst', owner: 'superbruger', assetId: null, history: [{ at: created, to: 'ny' }], ...extra,
  }
}
const report = buildReport({
  period, previous: shiftPeriod(period, -1), department: null,
  requests: [
    request(at(12, 1)), request(at(12, 2), { category: 'office', departmentId: null }),
    request(at(12, 3), { owner: 'it-afdelingen', status: 'uden for rollen', channel: 'mail' }),
  ],
  linked: new Map(), runs: [],
  entries: [{ start: at(12, 1), end: at(12, 1) + 1.25 * H, activity: 'daglig hjælp', requestId: null, personId: 'bo' as PersonId },
    { start: at(12, 2), end: at(12, 2) + 2 * H / 3, activity: 'videndeling', requestId: null, personId: 'bo' as PersonId }],
  members: ['bo' as PersonId], band: { minHours: 3, maxHours: 4 }, overrides: [], absences: [], now: at(12, 31, 20),
})
// Names a formula-minded spreadsheet would run, to prove the guard holds in a real export.
const labels: ReportLabels = {
  text: (key) => key, activity: (a) => a, category: (k) => (k === 'office' ? '=Office; "365"' : k), preset: (id) => id,
  department: (id) => id || 'ingen', asset: (id) => id, channel: (c) => c, status: (s) => s, owner: (o) => o,
}
const tables = reportTables(report, period, null, labels)
const heading: ReportHeading = { title: 'Rapport: Gruppen', facts: [{ label: 'Periode', value: 'December 2026' }, { label: 'Første dag', value: { day: '2026-12-01' } }] }

/** Reads a CSV as Danish Excel does: BOM, `;`, quoted fields, decimal comma. */
function parseDanishCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1 } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ';') { rows.at(-1)!.push(field); field = '' } else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1)!.push(field); field = ''; rows.push([]); i += 1 } else field += c
  }
  rows.pop()
  return rows
}
const excelNumber = (field: string): number => Number(field.replace(',', '.'))
const numberOf = (cell: Cell): number | null => (typeof cell === 'object' && cell !== null ? exportNumber(cell) : null)

/**
 * Every cell of `table` equals the exported rows from `start` on. In a CSV, text that Excel would
 * run as a formula carries a leading apostrophe; an XLSX text cell is never run, so it stays as is.
 */
function expectTableIn(rows: readonly (readonly unknown[])[], start: number, table: ReportTable, read: (value: unknown) => unknown, guarded: boolean): void {
  table.rows.forEach((row, i) => {
    row.cells.forEach((cell, c) => {
      const value = read(rows[start + i]![c])
      if (typeof cell === 'string') expect(value).toBe(guarded && cell.startsWith('=') ? `'${cell}` : cell)
      else expect(value).toBe(numberOf(cell))
    })
  })
}

describe('report exports', () => {
  it('the CSV holds every number of every table, read back as Danish Excel reads it', () => {
    const rows = parseDanishCsv(reportCsv(heading, tables))
    expect(rows[2]).toEqual(['Første dag', '01.12.2026'])
    for (const table of tables) expectTableIn(rows, rows.findIndex((r) => r[0] === table.title) + 2, table, (v) => (v === '' ? null : typeof v === 'string' && /^-?\d+(,\d+)?$/.test(v) ? excelNumber(v) : v), true)
    expect(rows.find((r) => r[0] === 'insight.report.sum.dailyHelp')).toEqual(['insight.report.sum.dailyHelp', '1,25'])
    expect(rows.find((r) => r[0]?.includes('Office'))?.[0]).toBe('\'=Office; "365"')
  })

  it('the XLSX has one sheet per table with typed cells that match the tables', async () => {
    const blob = await reportXlsx(heading, tables)
    const sheets = await readXlsxFile(Buffer.from(await blob.arrayBuffer()))
    expect(sheets).toHaveLength(tables.length + 1)
    const about = sheets[0]!.data
    expect(about[2]![1]).toBeInstanceOf(Date)
    expect((about[2]![1] as unknown as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z')
    tables.forEach((table, i) => {
      const sheet = sheets[i + 1]!
      expect(sheet.data[0]![0]).toBe(table.columns[0])
      expectTableIn(sheet.data, 1, table, (v) => v ?? null, false)
    })
    const activity = sheets[tables.findIndex((t) => t.id === 'activity') + 1]!.data
    expect(activity[1]).toEqual(['daglig hjælp', 1.25, 65.2])
  })

  it('makes valid, unique sheet names', () => {
    const taken = new Set<string>()
    expect(sheetName('Uden for rollen – hvem burde løse det: [IT]?', taken)).toBe('Uden for rollen – hvem burde')
    expect(sheetName('uden for rollen – hvem burde løse det', taken)).toBe('uden for rollen – hvem burde 2')
  })
})
