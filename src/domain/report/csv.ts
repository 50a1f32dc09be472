/**
 * CSV that opens right in Danish Excel: `;` between fields, UTF-8 with a byte order mark, decimal
 * comma, dates as DD.MM.YYYY, fields quoted by RFC 4180, and text that Excel would run as a
 * formula (starting with =, +, -, @, tab or carriage return) made inert with a leading apostrophe.
 */

/** A CSV field: text, a number (written with a decimal comma), a date (local day), or empty. */
export type CsvValue = string | number | Date | null

const FORMULA_START = /^[=+\-@\t\r]/
const BOM = '\uFEFF'

/** "07.12.2026" of a date's local day. */
export function csvDate(date: Date): string {
  return `${String(date.getDate()).padStart(2, '0')}.${String(date.getMonth() + 1).padStart(2, '0')}.${date.getFullYear()}`
}

/** One field as written: numbers with a decimal comma and no thousands separator. */
export function csvField(value: CsvValue): string {
  if (value === null) return ''
  if (value instanceof Date) return csvDate(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : ''
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The whole file: rows of fields, CRLF line ends (RFC 4180), BOM first so Excel reads UTF-8. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n'
}
