import { describe, expect, it } from 'vitest'
import { formatDuration, formatStopwatch } from '../../../src/domain/format.ts'

const MIN = 60_000

describe('formatDuration: durations as people say them, not "0,02 t"', () => {
  it.each([
    [0, 'da', '0 min'],
    [1 * MIN + 20_000, 'da', '1 min'],
    [25 * MIN, 'da', '25 min'],
    [60 * MIN, 'da', '1 t'],
    [85 * MIN, 'da', '1 t 25 min'],
    [85 * MIN, 'en', '1 h 25 min'],
    [10 * 60 * MIN + 29_999, 'da', '10 t'],
    [-5 * MIN, 'da', '0 min'],
  ] as const)('%d ms (%s) → %s', (ms, locale, text) => {
    expect(formatDuration(ms, locale)).toBe(text)
  })
})

describe('formatStopwatch: a running timer shows its seconds', () => {
  it.each([
    [0, '0:00'],
    [12_999, '0:12'],
    [4 * MIN + 7_000, '4:07'],
    [59 * MIN + 59_999, '59:59'],
    [64 * MIN + 7_000, '1:04:07'],
    [-1_000, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatStopwatch(ms)).toBe(text)
  })
})
