import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatDuration, formatHours, formatStopwatch } from '../../../src/domain/format.ts'

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

describe('formatHours: the text Intl.NumberFormat gives, without loading its locale data', () => {
  const intl = (hours: number, locale: 'da' | 'en', digits: number) =>
    new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(hours)

  it.each([
    [3.5, 'da', 1, '3,5'], [1.005, 'da', 2, '1,01'], [2.675, 'en', 2, '2.68'], [999.95, 'da', 1, '1.000'],
    [1234.5, 'da', 1, '1.234,5'], [12345678.25, 'en', 2, '12,345,678.25'], [0.1 + 0.2, 'da', 2, '0,3'],
    [-3.5, 'da', 1, '-3,5'], [-0.001, 'da', 1, '-0'], [1e-7, 'da', 1, '0'], [40, 'da', 1, '40'], [7.96, 'da', 1, '8'],
  ] as const)('%d (%s, %d decimals) → %s', (hours, locale, digits, text) => {
    expect(formatHours(hours, locale, digits)).toBe(text)
    expect(intl(hours, locale, digits)).toBe(text)
  })

  it('agrees with Intl.NumberFormat on any number of hours', () => {
    const hours = fc.oneof(
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
      fc.integer({ min: 0, max: 100_000 }).map((n) => n / 8 + 0.005),
    )
    fc.assert(fc.property(hours, fc.constantFrom('da', 'en'), fc.integer({ min: 0, max: 3 }), (h, locale, digits) => {
      expect(formatHours(h, locale, digits)).toBe(intl(h, locale, digits))
    }), { numRuns: 5000 })
  })
})
