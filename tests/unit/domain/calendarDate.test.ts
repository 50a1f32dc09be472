import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addToDate, dateByIntl, dateInZone, nextOccurrence } from '../../../src/domain/calendarDate.ts'

describe('addToDate', () => {
  it.each([
    ['2027-01-31', 1, 'months', '2027-02-28'],
    ['2028-01-31', 1, 'months', '2028-02-29'],
    ['2027-01-31', 2, 'months', '2027-03-31'],
    ['2027-03-31', 1, 'months', '2027-04-30'],
    ['2027-11-30', 3, 'months', '2028-02-29'],
    ['2027-12-15', 1, 'months', '2028-01-15'],
    ['2027-03-15', -3, 'months', '2026-12-15'],
    ['2027-03-22', 1, 'weeks', '2027-03-29'],
    ['2026-10-19', 1, 'weeks', '2026-10-26'],
    ['2027-12-27', 2, 'weeks', '2028-01-10'],
    ['2028-02-22', 1, 'weeks', '2028-02-29'],
  ] as const)('%s + %i %s = %s', (date, count, unit, expected) => {
    expect(addToDate(date, count, unit)).toBe(expected)
  })

  it('crosses the Danish summer-time days as whole calendar days', () => {
    // 28 March and 31 October 2027 are the 23- and 25-hour days in Copenhagen.
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28')
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29')
    expect(addDays('2027-10-30', 2)).toBe('2027-11-01')
  })
})

describe('nextOccurrence', () => {
  it.each([
    // anchor, every, unit, after → first date of the series after `after`
    ['2027-01-31', 1, 'months', '2027-01-01', '2027-01-31'],
    ['2027-01-31', 1, 'months', '2027-01-31', '2027-02-28'],
    ['2027-01-31', 1, 'months', '2027-02-28', '2027-03-31'],
    ['2027-01-31', 1, 'months', '2027-04-20', '2027-04-30'],
    ['2027-01-31', 3, 'months', '2027-02-01', '2027-04-30'],
    ['2027-01-04', 2, 'weeks', '2027-01-04', '2027-01-18'],
    ['2027-01-04', 2, 'weeks', '2027-01-17', '2027-01-18'],
    ['2027-01-04', 2, 'weeks', '2027-01-18', '2027-02-01'],
    ['2027-03-15', 1, 'weeks', '2027-03-27', '2027-03-29'],
    ['2026-12-28', 4, 'weeks', '2029-06-01', '2029-06-11'],
  ] as const)('from %s every %i %s, after %s: %s', (anchor, every, unit, after, expected) => {
    expect(nextOccurrence(anchor, every, unit, after)).toBe(expected)
  })
})

describe('dateInZone', () => {
  it.each([
    // Winter (UTC+1): 23.30 UTC is the next day in Copenhagen.
    [Date.UTC(2027, 0, 10, 23, 30), '2027-01-11'],
    [Date.UTC(2027, 0, 10, 22, 59), '2027-01-10'],
    // Summer (UTC+2): 22.30 UTC is already the next day.
    [Date.UTC(2027, 6, 10, 22, 30), '2027-07-11'],
    [Date.UTC(2027, 6, 10, 21, 59), '2027-07-10'],
    // The night summer time starts (28 March 2027, 02.00 → 03.00) and ends (31 October, 03.00 → 02.00).
    [Date.UTC(2027, 2, 27, 23, 30), '2027-03-28'],
    [Date.UTC(2027, 2, 28, 21, 59), '2027-03-28'],
    [Date.UTC(2027, 2, 28, 22, 0), '2027-03-29'],
    [Date.UTC(2027, 9, 30, 22, 30), '2027-10-31'],
    [Date.UTC(2027, 9, 31, 22, 59), '2027-10-31'],
    [Date.UTC(2027, 9, 31, 23, 0), '2027-11-01'],
  ])('%i is %s in Copenhagen', (ms, expected) => {
    expect(dateInZone(ms)).toBe(expected)
  })
})

describe('dateInZone: Copenhagen by the EU rule, held to the runtime zone database', () => {
  const HOUR = 3_600_000
  const lastSunday = (year: number, month: number): number => {
    const last = new Date(Date.UTC(year, month + 1, 0))
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1)
  }

  it.each([
    [Date.UTC(2026, 9, 25, 22, 30), '2026-10-25'], // 23.30 in winter time
    [Date.UTC(2026, 9, 24, 22, 30), '2026-10-25'], // 00.30 in summer time
    [Date.UTC(2027, 2, 27, 23, 0), '2027-03-28'], // midnight of the 23-hour day
    [Date.UTC(2027, 11, 31, 22, 59), '2027-12-31'],
    [Date.UTC(2027, 11, 31, 23, 0), '2028-01-01'],
  ])('%d is %s', (ms, date) => {
    expect(dateInZone(ms)).toBe(date)
  })

  it('agrees with Intl around every clock change from 1996 to 2100', () => {
    for (let year = 1996; year <= 2100; year++) {
      for (const change of [lastSunday(year, 2), lastSunday(year, 9)]) {
        // Every hour of the day of the change and of the days either side, a millisecond either side.
        for (let hours = -26; hours <= 26; hours++) {
          for (const ms of [change + hours * HOUR - 1, change + hours * HOUR, change + hours * HOUR + 1]) {
            expect(dateInZone(ms)).toBe(dateByIntl(ms, 'Europe/Copenhagen'))
          }
        }
      }
    }
  })

  it('agrees with Intl at any moment from 1996 to 2100, and other zones and earlier years use Intl', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
      expect(dateInZone(ms)).toBe(dateByIntl(ms, 'Europe/Copenhagen'))
    }), { numRuns: 5000 })
    expect(dateInZone(Date.UTC(2026, 11, 7, 12), 'Pacific/Auckland')).toBe('2026-12-08')
    expect(dateInZone(Date.UTC(1990, 8, 29, 23, 30))).toBe(dateByIntl(Date.UTC(1990, 8, 29, 23, 30), 'Europe/Copenhagen'))
  })
})
