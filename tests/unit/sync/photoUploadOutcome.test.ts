import { describe, expect, it } from 'vitest'
import type { ApiProblem } from '../../../src/api/problem.ts'
import { outcomeOf } from '../../../src/sync/photoUpload.ts'

const failed = (problem: ApiProblem) => ({ ok: false as const, problem })

describe('what an upload answer means for a photo', () => {
  it('gives up only on a file the server will never take', () => {
    expect(outcomeOf(failed({ kind: 'rejected', code: 'photo_too_large' }))).toBe('refused')
    expect(outcomeOf(failed({ kind: 'rejected', code: 'photo_not_image' }))).toBe('refused')
  })

  it('tries again after a damaged transfer, a 403 or 404 from a server being updated, or any unknown refusal', () => {
    for (const code of ['photo_hash_mismatch', 'cross_origin', 'not_found', undefined]) {
      expect(outcomeOf(failed({ kind: 'rejected', code })), String(code)).toBe('server')
    }
    expect(outcomeOf(failed({ kind: 'server' }))).toBe('server')
    expect(outcomeOf(failed({ kind: 'unauthorised', reason: 'session_expired' }))).toBe('server')
  })

  it('waits for the record when the server does not know the photo yet, and for a network when offline', () => {
    expect(outcomeOf(failed({ kind: 'rejected', code: 'photo_not_linked' }))).toBe('notLinked')
    expect(outcomeOf(failed({ kind: 'offline' }))).toBe('offline')
    expect(outcomeOf({ ok: true, value: { stored: true } })).toBe('stored')
  })
})
