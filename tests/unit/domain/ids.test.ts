import { describe, expect, it } from 'vitest'
import { newId } from '../../../src/domain/ids.ts'

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function timestampOf(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)
}

describe('newId (UUIDv7)', () => {
  it('has the version 7 and variant bits and the time in the first 48 bits', () => {
    const before = Date.now()
    const id = newId()
    const after = Date.now()
    expect(id).toMatch(FORMAT)
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before)
    expect(timestampOf(id)).toBeLessThanOrEqual(after + 1)
  })

  it('encodes a given time exactly, including times beyond 32 bits', () => {
    const at = Date.UTC(2026, 10, 28, 14, 30) + 60_000_000 // a later millisecond than any earlier call
    expect(timestampOf(newId(at))).toBe(at)
  })

  it('sorts in creation order, also many ids in one millisecond', () => {
    const at = Date.UTC(2030, 0, 1)
    const ids = Array.from({ length: 5000 }, () => newId(at))
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    const later = newId(at + 1)
    expect(later > (ids.at(-1) as string)).toBe(true)
  })

  it('stays ordered when the clock goes back', () => {
    const first = newId(Date.UTC(2031, 0, 1))
    const afterClockJump = newId(Date.UTC(2031, 0, 1) - 5000)
    expect(afterClockJump > first).toBe(true)
  })
})
