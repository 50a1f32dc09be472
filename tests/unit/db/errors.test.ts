import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { classifyWriteError } from '../../../src/db/errors.ts'
import { RecordMissingError } from '../../../src/db/write.ts'

describe('classifyWriteError', () => {
  it.each([
    ['a DOMException QuotaExceededError', new DOMException('full', 'QuotaExceededError'), 'quota'],
    ['Dexie wrapping a quota error', new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')), 'quota'],
    ['a missing record', new RecordMissingError('requests', 'x'), 'missing'],
    ['a closed database', new Dexie.DatabaseClosedError('closed'), 'closed'],
    ['anything else', new Error('boom'), 'unknown'],
    ['a non-error value', 'weird', 'unknown'],
  ])('%s → %s', (_label, error, expected) => {
    expect(classifyWriteError(error)).toBe(expected)
  })
})
