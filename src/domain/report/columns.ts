/**
 * Column-wise storage of a list of flat objects (the report facts of one pack): each field is one
 * column — a Float64Array where every value is a number, the lengths and the flattened items of
 * nested lists, or else a dictionary of the distinct values with a typed array of codes. IndexedDB
 * copies a typed array or one long string out in one step, while it rebuilds every object and
 * every string of a list of objects one by one: a year's 150,000 facts are read as a few hundred
 * columns instead of 150,000 objects. Decoding gives back objects equal to the ones encoded
 * (same keys, values and order). Pure: no Dexie, no DOM.
 */

/** Between the strings of a dictionary joined into one; a dictionary with it in a string keeps them apart. */
const SEPARATOR = '\u001f'

/** The distinct values of a column: `odd` (null, undefined, anything but a string) first, then the strings. */
export interface Dictionary {
  readonly odd: readonly unknown[]
  /** The strings joined by SEPARATOR (one string copies fast), or as a list where a string holds it. */
  readonly strings: string | readonly string[]
  readonly count: number
}

export type Column =
  | { readonly kind: 'number', readonly values: Float64Array }
  | { readonly kind: 'code', readonly codes: Uint16Array | Uint32Array, readonly dictionary: Dictionary }
  | { readonly kind: 'list', readonly lengths: Uint32Array, readonly items: Columns }

/** A list of objects stored column-wise: `length` objects with the fields `keys`, in that order. */
export interface Columns {
  readonly length: number
  readonly keys: readonly string[]
  readonly columns: readonly Column[]
}

type Row = Readonly<Record<string, unknown>>

function isList(value: unknown): value is readonly Row[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))
}

/** Gives each distinct value the next code, in the order first met. */
function coder<V>(): { values: V[], codeOf: (value: V) => number } {
  const values: V[] = []
  const codes = new Map<V, number>()
  return {
    values,
    codeOf(value) {
      let code = codes.get(value)
      if (code === undefined) {
        code = values.length
        values.push(value)
        codes.set(value, code)
      }
      return code
    },
  }
}

function encodeDictionary(values: readonly unknown[]): Column {
  const odd = coder<unknown>()
  const strings = coder<string>()
  const raw = new Uint32Array(values.length)
  const isOdd = new Uint8Array(values.length)
  values.forEach((value, i) => {
    isOdd[i] = typeof value === 'string' ? 0 : 1
    raw[i] = typeof value === 'string' ? strings.codeOf(value) : odd.codeOf(value)
  })
  const oddCount = odd.values.length
  const count = oddCount + strings.values.length
  const codes = count <= 0x10000 ? new Uint16Array(values.length) : new Uint32Array(values.length)
  for (let i = 0; i < values.length; i++) codes[i] = isOdd[i] ? raw[i]! : oddCount + raw[i]!
  const joinable = strings.values.every((s) => !s.includes(SEPARATOR))
  return { kind: 'code', codes, dictionary: { odd: odd.values, strings: joinable ? strings.values.join(SEPARATOR) : strings.values, count } }
}

/** The distinct values of a dictionary, in code order. */
export function dictionaryValues(dictionary: Dictionary): unknown[] {
  const { odd, strings, count } = dictionary
  const list = typeof strings === 'string' ? (count > odd.length ? strings.split(SEPARATOR) : []) : strings
  return [...odd, ...list]
}

/** Stores `rows` column-wise; `decodeColumns` gives them back. */
export function encodeColumns(rows: readonly Row[]): Columns {
  const keys: string[] = []
  const seen = new Set<string>()
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key)) { seen.add(key); keys.push(key) }
  const columns = keys.map((key): Column => {
    const values = rows.map((row) => row[key])
    if (values.every((v) => typeof v === 'number')) return { kind: 'number', values: Float64Array.from(values as number[]) }
    if (values.length > 0 && values.every(isList)) {
      const lists = values as readonly (readonly Row[])[]
      return { kind: 'list', lengths: Uint32Array.from(lists, (l) => l.length), items: encodeColumns(lists.flat()) }
    }
    return encodeDictionary(values)
  })
  return { length: rows.length, keys, columns }
}

/** The values of one column, in row order. */
function columnValues(column: Column, length: number): readonly unknown[] {
  if (column.kind === 'number') return Array.from(column.values)
  if (column.kind === 'code') {
    const dictionary = dictionaryValues(column.dictionary)
    const out = new Array<unknown>(length)
    for (let i = 0; i < length; i++) out[i] = dictionary[column.codes[i]!]
    return out
  }
  const items = decodeColumns(column.items)
  const out = new Array<unknown>(length)
  let at = 0
  for (let i = 0; i < length; i++) {
    const n = column.lengths[i]!
    out[i] = items.slice(at, at + n)
    at += n
  }
  return out
}

/** The objects stored by `encodeColumns`, with their keys in the order first met. */
export function decodeColumns<T extends object>(stored: Columns): T[] {
  const { length, keys } = stored
  const values = stored.columns.map((column) => columnValues(column, length))
  const rows = new Array<T>(length)
  for (let i = 0; i < length; i++) {
    const row: Record<string, unknown> = {}
    for (let k = 0; k < keys.length; k++) row[keys[k]!] = values[k]![i]
    rows[i] = row as T
  }
  return rows
}
