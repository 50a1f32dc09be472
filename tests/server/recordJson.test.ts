import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { recordJson } from '../../src/server/storage/records.ts'

const row = (data: string, deletedAt: number | null = null) => ({ id: 'r1', team_id: 't1', created_by: 'p1', seq: 42, deleted_at: deletedAt, data })

describe('recordJson: a stored row as its record JSON text', () => {
  it('adds the envelope to empty content', () => {
    expect(JSON.parse(recordJson(row('{}')))).toEqual({ id: 'r1', teamId: 't1', createdBy: 'p1', rev: 42, deletedAt: null })
  })

  it('keeps a tombstone time', () => {
    expect(JSON.parse(recordJson(row('{}', 1_700_000_000_000))).deletedAt).toBe(1_700_000_000_000)
  })

  it('escapes ids that need it', () => {
    const text = recordJson({ ...row('{"a":1}'), id: 'x"}\\', team_id: 'æ\u2028' })
    expect(JSON.parse(text)).toEqual({ id: 'x"}\\', teamId: 'æ\u2028', createdBy: 'p1', rev: 42, deletedAt: null, a: 1 })
  })

  it('equals parsing the content and adding the envelope, for any stored content', () => {
    const content = fc.dictionary(fc.string().filter((k) => !['id', 'teamId', 'createdBy', 'rev', 'deletedAt', '__proto__'].includes(k)), fc.jsonValue())
    fc.assert(fc.property(content, fc.boolean(), (value, spaced) => {
      const data = spaced ? JSON.stringify(value, null, 2) : JSON.stringify(value)
      expect(JSON.parse(recordJson(row(data)))).toEqual({ ...(JSON.parse(data) as object), id: 'r1', teamId: 't1', createdBy: 'p1', rev: 42, deletedAt: null })
    }), { numRuns: 300 })
  })
})
