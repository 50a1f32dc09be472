import { describe, expect, it } from 'vitest'
import { encodeColumns } from '../../../../src/domain/report/columns.ts'
import { entryTable, linkEntries, requestRows, requestTable, unlinkedRequestIds, type CodedField, type RequestTable } from '../../../../src/domain/report/factTable.ts'

/** Encoded as a pack stores it, and copied as IndexedDB copies it. */
const pack = (rows: readonly object[]) => structuredClone(encodeColumns(rows as never))
const value = (field: CodedField, i: number) => field.values[field.codes[i]!]

/** Row i of a request table back as the fact it was made from. */
function requestAt(table: RequestTable, i: number) {
  const history = []
  for (let k = table.historyStart[i]!; k < table.historyStart[i + 1]!; k++) history.push({ to: value(table.historyTo, k), at: table.historyAt[k] })
  return {
    id: value(table.id, i), createdAt: table.createdAt[i], category: value(table.category, i), presetId: value(table.presetId, i),
    departmentId: value(table.departmentId, i), channel: value(table.channel, i), status: value(table.status, i), owner: value(table.owner, i),
    assetId: value(table.assetId, i), history,
  }
}

const fact = (id: string, extra: object = {}) => ({
  id, createdAt: 1_000 + id.length, category: 'acadre', presetId: null, departmentId: 'd1', channel: 'mail', status: 'ny', owner: 'superbruger', assetId: null, history: [], ...extra,
})

describe('fact tables', () => {
  it('hold the facts of several packs in order, whatever shape each pack\'s columns took', () => {
    const packs = [
      // Every history empty: the pack has no columns for the history's items.
      [fact('a'), fact('b', { departmentId: null, presetId: 'printer-papir' })],
      [],
      [fact('c', { history: [{ to: 'sendt til IT', at: 5 }, { to: 'løst', at: 9 }], assetId: 'asset-1', owner: 'it-afdelingen' }), fact('d', { history: [{ to: 'henvist', at: 7 }] })],
      // Values only some packs have, and one distinct code per row.
      Array.from({ length: 5 }, (_, i) => fact(`e${i}`, { category: `cat-${i}`, departmentId: i % 2 ? 'd2' : 'd1' })),
    ]
    const table = requestTable(packs.map(pack))
    const facts = packs.flat()
    expect(table.length).toBe(facts.length)
    expect(Array.from({ length: table.length }, (_, i) => requestAt(table, i))).toEqual(facts)
    // A value met in several packs has one code.
    expect(table.departmentId.values.filter((d) => d === 'd1')).toHaveLength(1)
  })

  it('keep a running timer\'s missing end apart from every number, and a field no pack has as undefined', () => {
    const entries = entryTable([
      pack([{ start: 1, end: 2, activity: 'udvikling', requestId: 'r1' }, { start: 3, end: null, activity: 'daglig hjælp', requestId: null }]),
      pack([{ start: 4, end: 6, activity: 'udvikling', requestId: 'r2' }]),
    ])
    expect(Array.from(entries.start)).toEqual([1, 3, 4])
    expect(Array.from(entries.end)).toEqual([2, NaN, 6])
    expect([0, 1, 2].map((i) => value(entries.requestId, i))).toEqual(['r1', null, 'r2'])
    const noActivity = entryTable([pack([{ start: 1, end: 2, requestId: null }])])
    expect(value(noActivity.activity, 0)).toBeUndefined()
  })

  it('link each entry to its request in the table, else to one read apart, else to nothing', () => {
    const requests = requestTable([pack([fact('r1', { departmentId: 'd2', owner: 'afdeling' })])])
    const entries = entryTable([pack([
      { start: 1, end: 2, activity: 'udvikling', requestId: 'r1' }, { start: 1, end: 2, activity: 'udvikling', requestId: 'old' },
      { start: 1, end: 2, activity: 'udvikling', requestId: 'gone' }, { start: 1, end: 2, activity: 'udvikling', requestId: null },
    ])])
    const rows = requestRows(requests)
    expect(unlinkedRequestIds(entries, rows)).toEqual(['old', 'gone'])
    const links = linkEntries(entries, requests, rows, new Map([['old', { departmentId: null, owner: 'superbruger' as const }]]))
    const of = (i: number) => [links.departmentId[entries.requestId.codes[i]!], links.owner[entries.requestId.codes[i]!]]
    expect([0, 1, 2, 3].map(of)).toEqual([['d2', 'afdeling'], [null, 'superbruger'], [undefined, undefined], [undefined, undefined]])
  })
})
