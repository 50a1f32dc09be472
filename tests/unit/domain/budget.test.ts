import { describe, expect, it } from 'vitest'
import { budgetStatus, hoursByActivity, summariseMonth, summariseWeek, type BudgetEntry } from '../../../src/domain/budget.ts'
import { weekKeyOf } from '../../../src/domain/weekKey.ts'
import type { Activity } from '../../../src/domain/activities.ts'

const band = { minHours: 3, maxHours: 4 }
const H = 3_600_000
const at = (m: number, d: number, h = 9): number => new Date(2026, m - 1, d, h).getTime()
const entry = (start: number, hours: number | null, activity: Activity = 'daglig hjælp'): BudgetEntry => ({
  start, end: hours === null ? null : start + hours * H, activity, week: weekKeyOf(start),
})
const NOW = at(12, 31, 12)

describe('budgetStatus', () => {
  it.each<[number, boolean, string]>([
    [0, false, 'under'],
    [2.5, false, 'under'],
    [2.99, false, 'under'],
    [2.9999, false, 'inden for'], // rounds to 180 minutes
    [3, false, 'inden for'],
    [3.5, false, 'inden for'],
    [4, false, 'inden for'],
    [4.02, false, 'over'],
    [7, false, 'over'],
    [0, true, 'fravær'],
    [5, true, 'fravær'],
  ])('%f h, absent %s → %s', (hours, absent, status) => {
    expect(budgetStatus(hours, band, absent)).toBe(status)
  })

  it('uses the team band, not a fixed one', () => {
    expect(budgetStatus(5, { minHours: 5, maxHours: 6 })).toBe('inden for')
    expect(budgetStatus(3.5, { minHours: 5, maxHours: 6 })).toBe('under')
  })
})

describe('hoursByActivity', () => {
  it('sums per activity in the fixed order and skips empty ones', () => {
    const entries = [
      entry(at(11, 23), 1, 'videndeling'), entry(at(11, 24), 0.5), entry(at(11, 25), 1.5),
      entry(at(11, 26), 0, 'brugertest'),
    ]
    expect(hoursByActivity(entries, NOW)).toEqual([
      { activity: 'daglig hjælp', hours: 2 }, { activity: 'videndeling', hours: 1 },
    ])
  })

  it('counts a running timer up to now', () => {
    expect(hoursByActivity([entry(at(11, 28, 10), null)], at(11, 28, 12))).toEqual([{ activity: 'daglig hjælp', hours: 2 }])
  })
})

describe('summariseWeek', () => {
  it('sums only the given week and rates it', () => {
    const entries = [entry(at(11, 23), 2), entry(at(11, 29, 20), 1.5, 'udvikling'), entry(at(11, 30), 8)]
    const week = summariseWeek('2026-W48', entries, false, band, NOW)
    expect(week.hours).toBe(3.5)
    expect(week.status).toBe('inden for')
    expect(week.byActivity.map((a) => a.activity)).toEqual(['daglig hjælp', 'udvikling'])
  })

  it('an absent week is "fravær" whatever was logged', () => {
    expect(summariseWeek('2026-W48', [entry(at(11, 23), 1)], true, band, NOW)).toMatchObject({ hours: 1, status: 'fravær', absent: true })
  })
})

describe('summariseMonth', () => {
  // November 2026 owns weeks 45–48 (Thursdays 5, 12, 19, 26 Nov); week 44 (26 Oct–1 Nov) is October's.
  const entries = [
    entry(at(11, 1), 2), // Sunday 1 Nov: week 44, belongs to October
    entry(at(11, 2), 3), // week 45
    entry(at(11, 10), 4, 'udvikling'), // week 46
    entry(at(11, 17), 1), // week 47 (absent, still counted in totals)
    entry(at(11, 25), 5), // week 48
    entry(at(11, 30), 2), // week 49, belongs to December
  ]

  it('counts weeks by their Thursday, net weeks and average per net week', () => {
    const month = summariseMonth({ year: 2026, month: 11 }, entries, new Set(['2026-W47']), band, NOW)
    expect(month.weeks.map((w) => [w.week, w.hours, w.status])).toEqual([
      ['2026-W45', 3, 'inden for'], ['2026-W46', 4, 'inden for'], ['2026-W47', 1, 'fravær'], ['2026-W48', 5, 'over'],
    ])
    expect(month.netWeeks).toBe(3)
    expect(month.hours).toBe(13)
    expect(month.averagePerNetWeek).toBeCloseTo(13 / 3)
    expect(month.band).toEqual({ minHours: 9, maxHours: 12 })
    expect(month.status).toBe('over')
    expect(month.byActivity).toEqual([{ activity: 'daglig hjælp', hours: 9 }, { activity: 'udvikling', hours: 4 }])
  })

  it('the Sunday before belongs to the previous month', () => {
    const october = summariseMonth({ year: 2026, month: 10 }, entries, new Set(), band, NOW)
    expect(october.weeks.at(-1)).toMatchObject({ week: '2026-W44', hours: 2 })
    expect(october.hours).toBe(2)
    expect(october.netWeeks).toBe(5)
  })

  it('a month in progress counts only the weeks that have begun (on 6 December, 1 of 5)', () => {
    // December 2026 owns weeks 49–53; on Sunday 6 December only week 49 has begun. (Weeks run in
    // the device's local time, like `at`, so this holds in any zone.)
    const december = summariseMonth({ year: 2026, month: 12 }, [entry(at(12, 1), 2)], new Set(), band, at(12, 6, 12))
    expect(december.weeks.map((w) => [w.week, w.upcoming])).toEqual([
      ['2026-W49', false], ['2026-W50', true], ['2026-W51', true], ['2026-W52', true], ['2026-W53', true],
    ])
    expect(december).toMatchObject({ netWeeks: 1, begunWeeks: 1, upcomingWeeks: 4, averagePerNetWeek: 2, band: { minHours: 3, maxHours: 4 }, status: 'under' })
    // From the first minute of its Monday, a week counts.
    expect(summariseMonth({ year: 2026, month: 12 }, [], new Set(), band, new Date(2026, 11, 6, 23, 59).getTime())).toMatchObject({ begunWeeks: 1 })
    const monday = summariseMonth({ year: 2026, month: 12 }, [], new Set(), band, new Date(2026, 11, 7, 0, 0).getTime())
    expect(monday).toMatchObject({ begunWeeks: 2, upcomingWeeks: 3 })
    // After the month, every week counts.
    expect(summariseMonth({ year: 2026, month: 12 }, [], new Set(), band, at(1, 8).valueOf() + 365 * 24 * H)).toMatchObject({ begunWeeks: 5, upcomingWeeks: 0 })
  })

  it('a month with every week absent has no average', () => {
    const all = new Set(['2026-W45', '2026-W46', '2026-W47', '2026-W48'])
    const month = summariseMonth({ year: 2026, month: 11 }, [], all, band, NOW)
    expect(month).toMatchObject({ netWeeks: 0, averagePerNetWeek: null, status: 'fravær', band: { minHours: 0, maxHours: 0 } })
  })
})
