import type { PeopleDataHit } from '../../domain/privacyProtocol.ts'

/** Byte order mark: Excel reads a CSV file as UTF-8 (æ, ø, å) only when it starts with one. */
const BOM = '\uFEFF'
/** Characters that make a spreadsheet read a cell as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/

/** A cell value a spreadsheet shows as text: a leading = + - @ (or tab, CR) gets a ' in front. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One CSV field by RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function cellOf(value: unknown): string {
  if (typeof value === 'string') return guardFormula(value)
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return guardFormula(JSON.stringify(value))
  return String(value)
}

/**
 * The hits as CSV for a spreadsheet: a header row, then one row per field of each record
 * (table, record id, field, value; lists and objects as JSON), CRLF line ends, UTF-8 with BOM.
 */
export function peopleDataCsv(hits: readonly PeopleDataHit[]): string {
  const lines = [['tabel', 'id', 'felt', 'værdi']]
  for (const hit of hits) {
    for (const [field, value] of Object.entries(hit.record)) lines.push([hit.table, hit.id, field, cellOf(value)])
  }
  return BOM + lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** A photo one of the exported records carries, with the image itself (base64). */
export interface ExportedPhoto {
  readonly hash: string
  readonly contentType: string
  readonly base64: string
}

/**
 * The hits as a JSON document: what was searched, when, every record with the fields that matched,
 * and the photos those records carry (a photo may show the person too).
 */
export function peopleDataJson(q: string, hits: readonly PeopleDataHit[], now: number, photos: readonly ExportedPhoto[] = []): string {
  return JSON.stringify({
    q, exportedAt: new Date(now).toISOString(), total: hits.length,
    records: hits.map(({ table, id, teamId, matches, record }) => ({ table, id, teamId, matches, record })),
    photos,
  }, null, 2)
}
