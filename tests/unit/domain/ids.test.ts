import { describe, expect, it } from 'vitest'
import { createIdGenerator, newId } from '../../../src/domain/ids.ts'

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
    for (const at of [Date.UTC(2026, 10, 28, 14, 30), Date.UTC(1970, 0, 1, 0, 0, 0, 1), 2 ** 47 + 12_345]) {
      const nextId = createIdGenerator() // a fresh generator: no earlier call can move its clock on
      expect(timestampOf(nextId(at))).toBe(at)
    }
  })

  it('sorts in creation order, also many ids in one millisecond', () => {
    const nextId = createIdGenerator()
    const at = Date.UTC(2030, 0, 1)
    const ids = Array.from({ length: 5000 }, () => nextId(at))
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    const later = nextId(at + 1)
    expect(later > (ids.at(-1) as string)).toBe(true)
  })

  it('stays ordered when the clock goes back', () => {
    const nextId = createIdGenerator()
    const first = nextId(Date.UTC(2031, 0, 1))
    const afterClockJump = nextId(Date.UTC(2031, 0, 1) - 5000)
    expect(afterClockJump > first).toBe(true)
    expect(timestampOf(afterClockJump)).toBeGreaterThanOrEqual(timestampOf(first))
  })

  it('keeps one generator per use: the shared one is not moved by a test generator', () => {
    createIdGenerator()(Date.UTC(2099, 0, 1))
    const before = Date.now()
    expect(timestampOf(newId())).toBeLessThanOrEqual(Math.max(before, Date.now()) + 1)
  })
})
