/**
 * The report facts of many packs (./facts.ts) as one table per kind, straight from their columns
 * (./columns.ts): a number field is one Float64Array, a text field one array of codes into the
 * field's distinct values. A year's 150,000 facts are counted from these without making an object
 * per fact. Pure: no Dexie, no DOM.
 */
import { dictionaryValues, encodeColumns, type Column, type Columns } from './columns.ts'
import type { ReportEntry, ReportRequest } from './report.ts'
import type { DepartmentId } from '../records/fields.ts'
import type { Owner } from '../records/request.ts'

/** One field of every row: the code of each row's value in `values` (the field's distinct values). */
export interface CodedField {
  readonly codes: Uint32Array
  readonly values: readonly unknown[]
}

/** The requests' facts, a field per column; row i is one request. */
export interface RequestTable {
  readonly length: number
  readonly id: CodedField
  readonly createdAt: Float64Array
  readonly category: CodedField
  readonly presetId: CodedField
  readonly departmentId: CodedField
  readonly channel: CodedField
  readonly status: CodedField
  readonly owner: CodedField
  readonly assetId: CodedField
  /** Row i's status changes are history rows historyStart[i] up to historyStart[i + 1]. */
  readonly historyStart: Uint32Array
  readonly historyTo: CodedField
  readonly historyAt: Float64Array
}

/** The time entries' facts, a field per column; `end` is NaN while the timer runs. */
export interface EntryTable {
  readonly length: number
  readonly start: Float64Array
  readonly end: Float64Array
  readonly activity: CodedField
  readonly requestId: CodedField
}

/** What the report needs of the request a time entry is logged on, per code of the entries' requestId. */
export interface EntryLinks {
  /** The request's department; undefined where the request is not known (or none is logged on). */
  readonly departmentId: readonly (DepartmentId | null | undefined)[]
  readonly owner: readonly (Owner | undefined)[]
}

const NO_COLUMN: Column | undefined = undefined

function columnOf(columns: Columns, key: string): Column | undefined {
  const at = columns.keys.indexOf(key)
  return at < 0 ? NO_COLUMN : columns.columns[at]
}

/** The field `key` of every part, in order, with one dictionary for them all. */
function coded(parts: readonly Columns[], key: string): CodedField {
  const length = parts.reduce((n, p) => n + p.length, 0)
  const codes = new Uint32Array(length)
  const values: unknown[] = []
  const codeOf = new Map<unknown, number>()
  const code = (value: unknown): number => {
    let c = codeOf.get(value)
    if (c === undefined) {
      c = values.length
      values.push(value)
      codeOf.set(value, c)
    }
    return c
  }
  let at = 0
  for (const part of parts) {
    const column = columnOf(part, key)
    if (column?.kind === 'code') {
      const remap = Uint32Array.from(dictionaryValues(column.dictionary), code)
      for (let i = 0; i < part.length; i++) codes[at + i] = remap[column.codes[i]!]!
    } else if (column?.kind === 'number') {
      for (let i = 0; i < part.length; i++) codes[at + i] = code(column.values[i])
    } else {
      codes.fill(code(undefined), at, at + part.length)
    }
    at += part.length
  }
  return { codes, values }
}

/** The numbers of field `key` of every part, in order; NaN where a value is not a number (null: a timer running). */
function numbers(parts: readonly Columns[], key: string): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    const column = columnOf(part, key)
    if (column?.kind === 'number') {
      out.set(column.values, at)
    } else if (column?.kind === 'code') {
      const dictionary = dictionaryValues(column.dictionary).map((v) => (typeof v === 'number' ? v : NaN))
      for (let i = 0; i < part.length; i++) out[at + i] = dictionary[column.codes[i]!]!
    } else {
      out.fill(NaN, at, at + part.length)
    }
    at += part.length
  }
  return out
}

/** The items of the list field `key` of every part, and where each row's items begin. */
function lists(parts: readonly Columns[], key: string): { start: Uint32Array, items: Columns[] } {
  const start = new Uint32Array(parts.reduce((n, p) => n + p.length, 0) + 1)
  const items: Columns[] = []
  let row = 0
  let item = 0
  for (const part of parts) {
    const column = columnOf(part, key)
    for (let i = 0; i < part.length; i++) {
      start[row++] = item
      if (column?.kind === 'list') item += column.lengths[i]!
    }
    if (column?.kind === 'list') items.push(column.items)
  }
  start[row] = item
  return { start, items }
}

/** The table of the request facts stored column-wise in `parts` (the packs), in their order. */
export function requestTable(parts: readonly Columns[]): RequestTable {
  const history = lists(parts, 'history')
  return {
    length: parts.reduce((n, p) => n + p.length, 0),
    id: coded(parts, 'id'), createdAt: numbers(parts, 'createdAt'), category: coded(parts, 'category'), presetId: coded(parts, 'presetId'),
    departmentId: coded(parts, 'departmentId'), channel: coded(parts, 'channel'), status: coded(parts, 'status'), owner: coded(parts, 'owner'),
    assetId: coded(parts, 'assetId'), historyStart: history.start, historyTo: coded(history.items, 'to'), historyAt: numbers(history.items, 'at'),
  }
}

/** The table of the time-entry facts stored column-wise in `parts` (the packs), in their order. */
export function entryTable(parts: readonly Columns[]): EntryTable {
  return {
    length: parts.reduce((n, p) => n + p.length, 0),
    start: numbers(parts, 'start'), end: numbers(parts, 'end'), activity: coded(parts, 'activity'), requestId: coded(parts, 'requestId'),
  }
}

/** The table of requests given as objects (tests, and callers holding objects). */
export function requestTableOf(requests: readonly ReportRequest[]): RequestTable {
  return requestTable([encodeColumns(requests as unknown as Record<string, unknown>[])])
}

/** The table of time entries given as objects. */
export function entryTableOf(entries: readonly ReportEntry[]): EntryTable {
  return entryTable([encodeColumns(entries as unknown as Record<string, unknown>[])])
}

/** The row of each request id in `requests`. */
export function requestRows(requests: RequestTable): Map<string, number> {
  const rows = new Map<string, number>()
  const { codes, values } = requests.id
  for (let i = 0; i < requests.length; i++) rows.set(values[codes[i]!] as string, i)
  return rows
}

/** The request ids the entries are logged on that are not rows of `rows`. */
export function unlinkedRequestIds(entries: EntryTable, rows: ReadonlyMap<string, number>): string[] {
  return entries.requestId.values.filter((id): id is string => typeof id === 'string' && !rows.has(id))
}

/**
 * The department and owner of the request each entry is logged on: found among `requests` (by
 * `rows`), else in `others`. Each distinct request id is looked up once.
 */
export function linkEntries(
  entries: EntryTable, requests: RequestTable, rows: ReadonlyMap<string, number>,
  others: ReadonlyMap<string, { readonly departmentId: DepartmentId | null, readonly owner: Owner }>,
): EntryLinks {
  const departmentId: (DepartmentId | null | undefined)[] = []
  const owner: (Owner | undefined)[] = []
  for (const id of entries.requestId.values) {
    const row = typeof id === 'string' ? rows.get(id) : undefined
    if (row !== undefined) {
      departmentId.push(requests.departmentId.values[requests.departmentId.codes[row]!] as DepartmentId | null)
      owner.push(requests.owner.values[requests.owner.codes[row]!] as Owner)
    } else {
      const other = typeof id === 'string' ? others.get(id) : undefined
      departmentId.push(other?.departmentId)
      owner.push(other?.owner)
    }
  }
  return { departmentId, owner }
}
