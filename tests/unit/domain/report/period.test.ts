import { describe, expect, it } from 'vitest'
import { customPeriod, lastDayOf, parsePeriod, periodOf, shiftPeriod } from '../../../../src/domain/report/period.ts'
import { toDateInput } from '../../../../src/domain/format.ts'
import { weekKey } from '../../../../src/domain/weekKey.ts'

const at = (y: number, m: number, d: number, h = 12): number => new Date(y, m - 1, d, h).getTime()
const days = (key: string) => {
  const p = parsePeriod(key)!
  return [toDateInput(p.start), lastDayOf(p), p.weeks.map(weekKey).join(' ')]
}

describe('parsePeriod', () => {
  it.each<[string, string, string, string]>([
    ['2026-W49', '2026-11-30', '2026-12-06', '2026-W49'],
    ['2026-W53', '2026-12-28', '2027-01-03', '2026-W53'],
    ['2027-W01', '2027-01-04', '2027-01-10', '2027-W01'],
    // A week belongs to the month of its Thursday: W49 (Thu 3 Dec) is December's, W53 (Thu 31 Dec) too.
    ['2026-12', '2026-12-01', '2026-12-31', '2026-W49 2026-W50 2026-W51 2026-W52 2026-W53'],
    ['2027-01', '2027-01-01', '2027-01-31', '2027-W01 2027-W02 2027-W03 2027-W04'],
    ['2026-K4', '2026-10-01', '2026-12-31', '2026-W40 2026-W41 2026-W42 2026-W43 2026-W44 2026-W45 2026-W46 2026-W47 2026-W48 2026-W49 2026-W50 2026-W51 2026-W52 2026-W53'],
    ['2026-11-30_2026-12-06', '2026-11-30', '2026-12-06', '2026-W49'],
  ])('%s → %s … %s', (key, first, last, weeks) => {
    expect(days(key)).toEqual([first, last, weeks])
  })

  it('has 53 weeks in 2026 and 52 in 2027', () => {
    expect(parsePeriod('2026')!.weeks).toHaveLength(53)
    expect(parsePeriod('2027')!.weeks).toHaveLength(52)
  })

  it.each(['', '2026-13', '2026-W54', '2027-W53', '2026-K5', '26', '2026-12-06_2026-11-30', '2026-02-30_2026-03-01', '2020-01-01_2026-01-01', 'x'])('rejects %j', (key) => {
    expect(parsePeriod(key)).toBeNull()
  })
})

describe('periodOf and shiftPeriod', () => {
  it.each<[Parameters<typeof periodOf>[0], number, string, string]>([
    ['uge', at(2027, 1, 2), '2026-W53', '2026-W52'],
    ['maaned', at(2027, 1, 15), '2027-01', '2026-12'],
    ['kvartal', at(2027, 2, 1), '2027-K1', '2026-K4'],
    ['aar', at(2027, 6, 1), '2027', '2026'],
  ])('%s of the moment, and the one before', (kind, moment, key, before) => {
    const period = periodOf(kind, moment)
    expect(period.key).toBe(key)
    expect(shiftPeriod(period, -1).key).toBe(before)
    expect(shiftPeriod(shiftPeriod(period, -1), 1).key).toBe(key)
  })

  it('moves a custom period by its own length', () => {
    expect(shiftPeriod(customPeriod('2026-12-01', '2026-12-10')!, -1).key).toBe('2026-11-21_2026-11-30')
  })

  it('covers days of 23 and 25 hours (DST) without losing or doubling a day', () => {
    expect(lastDayOf(parsePeriod('2026-W13')!)).toBe('2026-03-29')
    expect(lastDayOf(parsePeriod('2026-W44')!)).toBe('2026-11-01')
    expect(parsePeriod('2026-03')!.end).toBe(new Date(2026, 3, 1).getTime())
  })
})
