import { describe, expect, it } from 'vitest'
import { FixedWindowLimiter } from '../../../src/server/security/reportLimiter.ts'

describe('FixedWindowLimiter', () => {
  it('allows max hits per key and window, then says how long to wait; a new window starts afresh', () => {
    const limiter = new FixedWindowLimiter({ max: 2, windowMs: 1000 })
    expect(limiter.take('a', 0)).toBe(0)
    expect(limiter.take('a', 100)).toBe(0)
    expect(limiter.take('a', 400)).toBe(600)
    expect(limiter.take('b', 400)).toBe(0)
    expect(limiter.allows('a', 999)).toBe(false)
    expect(limiter.take('a', 1000)).toBe(0)
  })

  it('stays bounded under a flood of keys and keeps working', () => {
    const limiter = new FixedWindowLimiter({ max: 1, windowMs: 1000 }, 10)
    for (let i = 0; i < 100; i++) expect(limiter.take(`ip${i}`, 0)).toBe(0)
    expect(limiter.take('ip99', 0)).toBe(1000)
  })
})
