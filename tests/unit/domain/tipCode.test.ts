import { describe, expect, it } from 'vitest'
import { formatTipCode, isTipCode, normaliseTipCode, tipCode, TIP_CODE_LENGTH } from '../../../src/domain/tipCode.ts'
import { createIdGenerator } from '../../../src/domain/ids.ts'

describe('tip short codes', () => {
  it('are the same for the same id, on every device, and of the code alphabet', () => {
    const id = '0193a0b0-0000-7000-8000-00000000a001'
    expect(tipCode(id)).toBe(tipCode(id))
    expect(isTipCode(tipCode(id))).toBe(true)
    expect(tipCode(id)).toHaveLength(TIP_CODE_LENGTH)
  })

  it('differ for 10,000 ids made in the same millisecond', () => {
    const next = createIdGenerator()
    const codes = new Set(Array.from({ length: 10_000 }, () => tipCode(next(1_796_000_000_000))))
    expect(codes.size).toBe(10_000)
  })

  it('are read back from what a person types', () => {
    const code = tipCode('x')
    expect(normaliseTipCode(` ${formatTipCode(code).toLowerCase()} `)).toBe(code)
    expect(formatTipCode('ABCDEFGH')).toBe('ABCD-EFGH')
    expect(isTipCode('ABCD')).toBe(false)
    expect(isTipCode('ABCDEFG0')).toBe(false)
  })
})
