import { describe, expect, it } from 'vitest'
import { parsePullQuery, parsePushRequest } from '../../../src/domain/syncSchemas.ts'
import { contentFields, SYNC_TABLES, type SyncTableName } from '../../../src/domain/records/syncTables.ts'
import { MAX_MUTATIONS_PER_PUSH } from '../../../src/domain/protocol.ts'
import { sampleRecord } from '../../server/support/records.ts'

const clientId = 'device-0001'

function put(table: SyncTableName, mutationId = 1, extra: Record<string, unknown> = {}) {
  return { mutationId, table, recordId: 'r1', op: 'put', fields: sampleRecord(table, 'r1', 't1', 'p1', extra), baseRev: 0, at: 1 }
}

function reasonOf(body: unknown): string {
  const result = parsePushRequest(body)
  expect(result.ok).toBe(false)
  return result.ok ? '' : result.reason
}

describe('parsePushRequest accepts what a client sends', () => {
  for (const table of SYNC_TABLES) {
    it(`a whole ${table} record as put`, () => {
      const result = parsePushRequest({ clientId, mutations: [put(table)] })
      expect(result.ok ? 'ok' : result.reason).toBe('ok')
    })
  }

  it('a patch of some content fields plus updatedAt, and a delete', () => {
    const result = parsePushRequest({ clientId, mutations: [
      { mutationId: 4, table: 'requests', recordId: 'r1', op: 'patch', fields: { status: 'løst', updatedAt: 5 }, baseRev: 3, at: 5 },
      { mutationId: 5, table: 'requests', recordId: 'r1', op: 'delete', fields: {}, baseRev: 3, at: 6 },
    ] })
    expect(result.ok).toBe(true)
  })

  it('an empty push', () => {
    expect(parsePushRequest({ clientId, mutations: [] }).ok).toBe(true)
  })
})

describe('parsePushRequest rejects, naming the reason', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', 'hello', /object/i],
    ['a missing clientId', { mutations: [] }, /clientId/],
    ['a clientId with odd characters', { clientId: 'ab cd/ef!', mutations: [] }, /clientId/],
    ['an unknown table', { clientId, mutations: [{ ...put('requests'), table: 'users' }] }, /table/],
    ['an unknown op', { clientId, mutations: [{ ...put('requests'), op: 'upsert' }] }, /op/],
    ['an unknown field in a put', { clientId, mutations: [put('requests', 1, { secret: 1 })] }, /secret/],
    ['a wrong type in a put', { clientId, mutations: [put('requests', 1, { status: 'done' })] }, /status/],
    ['a missing field in a put', { clientId, mutations: [{ ...put('assets'), fields: { ...sampleRecord('assets', 'r1', 't1'), code: undefined } }] }, /code/],
    ['a put whose id differs from recordId', { clientId, mutations: [{ ...put('tips'), recordId: 'r2' }] }, /recordId/],
    ['a patch of a sync field', { clientId, mutations: [{ ...put('requests'), op: 'patch', fields: { teamId: 't2' } }] }, /teamId/],
    ['a patch of local search words', { clientId, mutations: [{ ...put('requests'), op: 'patch', fields: { words: ['a'] } }] }, /words/],
    ['a delete with fields', { clientId, mutations: [{ ...put('requests'), op: 'delete' }] }, /delete/],
    ['a too long description', { clientId, mutations: [put('requests', 1, { description: 'x'.repeat(50_001) })] }, /description/],
    ['a non-integer mutationId', { clientId, mutations: [{ ...put('requests'), mutationId: 1.5 }] }, /mutationId/],
    ['mutation ids out of order', { clientId, mutations: [put('requests', 2), put('tips', 1)] }, /increasing/],
    ['a repeated mutation id', { clientId, mutations: [put('requests', 2), put('tips', 2)] }, /increasing/],
    ['too many mutations', { clientId, mutations: Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, (_, i) => put('departments', i + 1)) }, /at most/],
    ['an extra top-level key', { clientId, mutations: [], admin: true }, /admin/],
  ]
  for (const [name, body, reason] of cases) {
    it(name, () => expect(reasonOf(body)).toMatch(reason))
  }
})

describe('contentFields', () => {
  it('lists what a patch may change, without local-only fields', () => {
    expect(contentFields('requests')).toContain('status')
    expect(contentFields('requests')).not.toContain('words')
    expect(contentFields('absences')).toEqual(['personId', 'week', 'note'])
  })
})

describe('parsePullQuery', () => {
  const cases: Array<[Record<string, string>, { cursor: number; limit: number } | null]> = [
    [{}, { cursor: 0, limit: 500 }],
    [{ cursor: '42', limit: '1000' }, { cursor: 42, limit: 1000 }],
    [{ cursor: '-1' }, null],
    [{ cursor: 'abc' }, null],
    [{ limit: '0' }, null],
    [{ limit: '1001' }, null],
    [{ cursor: '1', other: 'x' }, null],
  ]
  for (const [query, expected] of cases) {
    it(`${JSON.stringify(query)} → ${JSON.stringify(expected)}`, () => {
      const result = parsePullQuery(query)
      expect(result.ok ? result.value : null).toEqual(expected)
    })
  }
})
