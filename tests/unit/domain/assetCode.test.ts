import { describe, expect, it } from 'vitest'
import {
  CODE_ALPHABET, CODE_LENGTH, cryptoRandomInt, formatAssetCode, generateAssetCode, generateAssetCodes,
  isAssetCode, normaliseAssetCode,
} from '../../../src/domain/assetCode.ts'

/** A random source that replays the given numbers in a loop. */
function replay(values: number[]): (n: number) => number {
  let i = 0
  return (n) => (values[i++ % values.length] ?? 0) % n
}

describe('asset code alphabet', () => {
  it.each(['0', 'O', '1', 'I', 'L', 'U'])('leaves out the confusable character %s', (ch) => {
    expect(CODE_ALPHABET).not.toContain(ch)
  })

  it('has no duplicate characters and only upper-case letters and digits', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length)
    expect(CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/)
  })
})

describe('isAssetCode / normaliseAssetCode', () => {
  it.each([
    ['K7M4QX', true],
    ['k7m4qx', false],
    ['K7M4Q', false],
    ['K7M4QXY', false],
    ['K7M4Q0', false],
    ['K7M4QO', false],
    ['K7M4QI', false],
    ['', false],
  ])('isAssetCode(%j) is %s', (code, valid) => {
    expect(isAssetCode(code)).toBe(valid)
  })

  it.each([
    ['k7m4qx', 'K7M4QX'],
    [' K7M 4QX ', 'K7M4QX'],
    ['k7m-4qx', 'K7M4QX'],
  ])('normalises %j to %j', (typed, code) => {
    expect(normaliseAssetCode(typed)).toBe(code)
  })

  it('formats a code in two groups for reading', () => {
    expect(formatAssetCode('K7M4QX')).toBe('K7M 4QX')
    expect(normaliseAssetCode(formatAssetCode('K7M4QX'))).toBe('K7M4QX')
  })
})

describe('generateAssetCode', () => {
  it('makes valid codes of the fixed length from the crypto source', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateAssetCode()
      expect(code).toHaveLength(CODE_LENGTH)
      expect(isAssetCode(code)).toBe(true)
    }
  })

  it('maps the random numbers onto the alphabet', () => {
    expect(generateAssetCode(replay([0, 1, 2, 3, 4, 29]))).toBe('23456Z')
  })

  it('draws uniformly enough that every character appears', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 5000; i++) seen.add(cryptoRandomInt(CODE_ALPHABET.length))
    expect([...seen].sort((a, b) => a - b)).toEqual([...CODE_ALPHABET].map((_, i) => i))
  })
})

describe('generateAssetCodes', () => {
  it('makes the asked number of distinct codes', () => {
    const codes = generateAssetCodes(200)
    expect(codes).toHaveLength(200)
    expect(new Set(codes).size).toBe(200)
    expect(codes.every(isAssetCode)).toBe(true)
  })

  it('skips codes that already exist and codes it already made', () => {
    // The source yields 222222 twice, then 333333, then 444444.
    const random = replay([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
    expect(generateAssetCodes(2, ['333333'], random)).toEqual(['222222', '444444'])
  })

  it('gives up instead of looping for ever when the source only repeats itself', () => {
    expect(() => generateAssetCodes(2, [], () => 0)).toThrow(/unique/)
  })

  it('makes nothing for a count of zero', () => {
    expect(generateAssetCodes(0)).toEqual([])
  })
})
