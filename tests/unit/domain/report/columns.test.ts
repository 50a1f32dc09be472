import { describe, expect, it } from 'vitest'
import { decodeColumns, encodeColumns } from '../../../../src/domain/report/columns.ts'

/** Encodes, copies as IndexedDB does (structured clone) and decodes. */
const roundTrip = <T extends object>(rows: readonly T[]): T[] => decodeColumns<T>(structuredClone(encodeColumns(rows as never)))

describe('column-wise facts', () => {
  it('give back the same objects, keys in the same order', () => {
    const rows = [
      { id: 'r1', createdAt: 1_700_000_000_123, departmentId: 'd1', presetId: null, owner: 'superbruger', history: [{ to: 'sendt til IT', at: 5 }, { to: 'løst', at: 9 }] },
      { id: 'r2', createdAt: -0, departmentId: null, presetId: 'printer-papir', owner: 'superbruger', history: [] },
      { id: 'r3', createdAt: 0.5, departmentId: 'd1', presetId: undefined, owner: 'it-afdelingen', history: [{ to: 'henvist', at: 7 }] },
    ]
    const back = roundTrip(rows)
    expect(back).toEqual(rows)
    expect(back.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r)))
    expect(Object.is(back[1]!.createdAt, -0)).toBe(true)
    expect(back[2]).toHaveProperty('presetId', undefined)
  })

  it('store numbers as a typed array and repeated strings once', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ start: i * 60_000, end: i % 7 === 0 ? null : i * 60_000 + 1, activity: ['udvikling', 'daglig hjælp'][i % 2]! }))
    const stored = encodeColumns(rows)
    expect(stored.columns[0]).toMatchObject({ kind: 'number' })
    expect(stored.columns[0]!.kind === 'number' && stored.columns[0]!.values).toBeInstanceOf(Float64Array)
    // A number column with a null in it is a dictionary, and gives the null back.
    expect(stored.columns[1]).toMatchObject({ kind: 'code' })
    const activities = stored.columns[2]!
    expect(activities.kind === 'code' && activities.dictionary).toEqual({ odd: [], strings: 'udvikling\u001fdaglig hjælp', count: 2 })
    expect(roundTrip(rows)).toEqual(rows)
  })

  it('keep strings holding the dictionary separator, empty strings, and more distinct values than 16 bits count', () => {
    const odd = [{ note: 'a\u001fb' }, { note: '' }, { note: 'c' }, { note: null }]
    expect(roundTrip(odd)).toEqual(odd)
    const empty = [{ note: '' }]
    expect(roundTrip(empty)).toEqual(empty)
    const many = Array.from({ length: 70_000 }, (_, i) => ({ id: `id-${i}`, requestId: i % 3 === 0 ? null : `req-${i % 66_000}` }))
    const stored = encodeColumns(many)
    expect(stored.columns[0]!.kind === 'code' && stored.columns[0]!.codes).toBeInstanceOf(Uint32Array)
    expect(roundTrip(many)).toEqual(many)
  })

  it('give back an empty list', () => {
    expect(roundTrip([])).toEqual([])
  })
})
