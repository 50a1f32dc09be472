/// <reference types="node" />
// The app's own rules of time in Danish time (Europe/Copenhagen), on the days the clocks change:
// ISO weeks, a day's start and end, days of 23 and 25 hours, durations over the change, the forms'
// local times, and the budget. The expected instants are written in UTC by hand (not computed by
// the code under test), so the rules are checked whatever zone the machine runs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addWeeks, daysOfWeek, endOfIsoWeek, monthOf, monthOfWeek, parseWeekKey, startOfIsoWeek, thursdayOf, weeksOfMonth } from '../../../src/domain/isoWeek.ts'
import { isoWeekOf, weekKey, weekKeyOf } from '../../../src/domain/weekKey.ts'
import { formatDate, formatDateTime, formatTime, fromDateTimeInput, toDateInput, toTimeInput } from '../../../src/domain/format.ts'
import { entryDurationMs, isForgotten } from '../../../src/domain/timeSpan.ts'
import { formFromSpan, readEntryForm } from '../../../src/domain/timer.ts'
import { summariseWeek, totalHours, type BudgetEntry } from '../../../src/domain/weekBudget.ts'
import { summariseMonth } from '../../../src/domain/budget.ts'

const MIN = 60_000
const H = 3_600_000
const utc = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min)

const original = process.env.TZ
beforeAll(() => { process.env.TZ = 'Europe/Copenhagen' })
afterAll(() => { process.env.TZ = original })

interface ChangeDay {
  /** The Sunday of the change, "yyyy-mm-dd". */
  readonly date: string
  readonly kind: 'spring' | 'fall'
  /** The moment of the change, 01.00 UTC. */
  readonly change: number
  /** Local midnight starting the day and the next one. */
  readonly dayStart: number
  readonly dayEnd: number
  readonly hours: 23 | 25
  readonly week: string
  readonly nextWeek: string
  /** Local midnight starting the Monday of the week. */
  readonly weekStart: number
  readonly month: number
  readonly weeksOfMonth: string[]
}

// 2026: 29 March and 25 October; 2027: 28 March and 31 October. Summer time is UTC+2, winter UTC+1.
const DAYS: ChangeDay[] = [
  {
    date: '2026-03-29', kind: 'spring', change: utc(2026, 3, 29, 1), dayStart: utc(2026, 3, 28, 23), dayEnd: utc(2026, 3, 29, 22),
    hours: 23, week: '2026-W13', nextWeek: '2026-W14', weekStart: utc(2026, 3, 22, 23),
    month: 3, weeksOfMonth: ['2026-W10', '2026-W11', '2026-W12', '2026-W13'],
  },
  {
    date: '2026-10-25', kind: 'fall', change: utc(2026, 10, 25, 1), dayStart: utc(2026, 10, 24, 22), dayEnd: utc(2026, 10, 25, 23),
    hours: 25, week: '2026-W43', nextWeek: '2026-W44', weekStart: utc(2026, 10, 18, 22),
    month: 10, weeksOfMonth: ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'],
  },
  {
    date: '2027-03-28', kind: 'spring', change: utc(2027, 3, 28, 1), dayStart: utc(2027, 3, 27, 23), dayEnd: utc(2027, 3, 28, 22),
    hours: 23, week: '2027-W12', nextWeek: '2027-W13', weekStart: utc(2027, 3, 21, 23),
    month: 3, weeksOfMonth: ['2027-W09', '2027-W10', '2027-W11', '2027-W12'],
  },
  {
    date: '2027-10-31', kind: 'fall', change: utc(2027, 10, 31, 1), dayStart: utc(2027, 10, 30, 22), dayEnd: utc(2027, 10, 31, 23),
    hours: 25, week: '2027-W43', nextWeek: '2027-W44', weekStart: utc(2027, 10, 24, 22),
    month: 10, weeksOfMonth: ['2027-W40', '2027-W41', '2027-W42', '2027-W43'],
  },
]

describe.each(DAYS)('Danish time on $date ($kind, a day of $hours hours)', (day) => {
  const week = parseWeekKey(day.week)!
  const [y, m, d] = day.date.split('-').map(Number) as [number, number, number]
  const dmy = `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`

  it(`the day starts and ends at local midnight, ${day.hours} hours apart, and the local date is that day all along`, () => {
    const sunday = daysOfWeek(week)[6]!
    expect(sunday).toBe(day.dayStart)
    expect(fromDateTimeInput(day.date)).toBe(day.dayStart)
    expect(day.dayEnd - day.dayStart).toBe(day.hours * H)
    expect(toDateInput(day.dayStart)).toBe(day.date)
    expect(toTimeInput(day.dayStart)).toBe('00:00')
    expect(toDateInput(day.dayStart - 1)).not.toBe(day.date)
    expect(toDateInput(day.dayEnd - 1)).toBe(day.date)
    expect(toDateInput(day.dayEnd)).not.toBe(day.date)
    for (let t = day.dayStart; t < day.dayEnd; t += 15 * MIN) {
      expect(toDateInput(t)).toBe(day.date)
      expect(formatDate(t)).toBe(dmy)
      expect(weekKeyOf(t)).toBe(day.week)
    }
  })

  it(`the week runs from Monday midnight to the midnight after the Sunday: 7 days, the last of ${day.hours} hours`, () => {
    expect(startOfIsoWeek(week)).toBe(day.weekStart)
    expect(endOfIsoWeek(week)).toBe(day.dayEnd)
    expect(endOfIsoWeek(week) - startOfIsoWeek(week)).toBe((6 * 24 + day.hours) * H)
    const days = daysOfWeek(week)
    expect(days.map((t, i) => (days[i + 1] ?? endOfIsoWeek(week)) - t)).toEqual([24, 24, 24, 24, 24, 24, day.hours].map((h) => h * H))
    expect(days.map(toTimeInput)).toEqual(Array(7).fill('00:00'))
    expect(weekKeyOf(day.weekStart - 1)).toBe(weekKey(addWeeks(week, -1)))
    expect(weekKeyOf(day.weekStart)).toBe(day.week)
    expect(weekKeyOf(day.dayEnd - 1)).toBe(day.week)
    expect(weekKeyOf(day.dayEnd)).toBe(day.nextWeek)
    expect(startOfIsoWeek(parseWeekKey(day.nextWeek)!)).toBe(day.dayEnd)
    expect(weekKey(addWeeks(week, 1))).toBe(day.nextWeek)
    expect(weekKey(addWeeks(parseWeekKey(day.nextWeek)!, -1))).toBe(day.week)
    expect(isoWeekOf(day.change)).toEqual(week)
  })

  it('the week belongs to the month of its Thursday, and the month has its 4 or 5 weeks', () => {
    expect(monthOfWeek(week)).toEqual({ year: y, month: day.month })
    expect(toTimeInput(thursdayOf(week))).toBe('00:00')
    expect(monthOf(day.dayStart)).toEqual({ year: y, month: m })
    expect(monthOf(day.dayEnd - 1)).toEqual({ year: y, month: m })
    expect(weeksOfMonth({ year: y, month: day.month }).map(weekKey)).toEqual(day.weeksOfMonth)
  })

  if (day.kind === 'spring') {
    it('the clock jumps from 01.59 to 03.00; a typed 02.30, which does not exist, is read as 03.30', () => {
      expect(formatTime(day.change - MIN)).toBe('kl. 01.59')
      expect(formatTime(day.change)).toBe('kl. 03.00')
      expect(formatDateTime(day.change)).toBe(`${dmy} kl. 03.00`)
      expect(fromDateTimeInput(day.date, '01:59')).toBe(day.change - MIN)
      expect(fromDateTimeInput(day.date, '03:00')).toBe(day.change)
      expect(fromDateTimeInput(day.date, '02:30')).toBe(day.change + 30 * MIN)
    })
  } else {
    it('the clock shows 02.00–02.59 twice; a typed 02.30 is read as the first (summer time) one', () => {
      expect(formatTime(day.change - 30 * MIN)).toBe('kl. 02.30')
      expect(formatTime(day.change + 30 * MIN)).toBe('kl. 02.30')
      expect(formatTime(day.change + H)).toBe('kl. 03.00')
      expect(fromDateTimeInput(day.date, '02:30')).toBe(day.change - 30 * MIN)
      expect(fromDateTimeInput(day.date, '03:00')).toBe(day.change + H)
    })
  }

  // 01.00–04.00 on the clock is 2 hours in spring and 4 in the autumn; durations are real time.
  const realHours = day.kind === 'spring' ? 2 : 4

  it('an entry typed as 01.00–04.00 lasts the real time between them, and reads back the same', () => {
    const form = { date: day.date, startTime: '01:00', mode: 'end' as const, endTime: '04:00', minutes: '' }
    const { span, problems } = readEntryForm(form, day.dayEnd, false)
    expect(problems).toEqual([])
    // spring: 01.00 winter time is 00.00 UTC, 04.00 summer time 02.00 UTC; autumn: 23.00 and 03.00 UTC
    const away = day.kind === 'spring' ? H : 2 * H
    expect(span).toEqual({ start: day.change - away, end: day.change + away })
    expect(entryDurationMs(span, day.dayEnd)).toBe(realHours * H)
    expect(formFromSpan(span)).toEqual({ ...form, minutes: String(realHours * 60) })
  })

  it('an entry typed as 01.30 and 90 minutes ends 90 real minutes later, and its form reads back the same', () => {
    const { span, problems } = readEntryForm({ date: day.date, startTime: '01:30', mode: 'minutes', endTime: '', minutes: '90' }, day.dayEnd, false)
    expect(problems).toEqual([])
    expect(span.end! - span.start).toBe(90 * MIN)
    expect(toTimeInput(span.end!)).toBe(day.kind === 'spring' ? '04:00' : '02:00')
    // In the autumn the end is the second 02.00, which "02:00" in the end time field would not
    // mean: the form gives the duration instead (it used to give 02:00 and save 30 minutes).
    expect(formFromSpan(span)).toEqual(day.kind === 'spring'
      ? { date: day.date, startTime: '01:30', mode: 'end', endTime: '04:00', minutes: '90' }
      : { date: day.date, startTime: '01:30', mode: 'minutes', endTime: '', minutes: '90' })
    expect(readEntryForm(formFromSpan(span), day.dayEnd, false).span).toEqual(span)
  })

  if (day.kind === 'fall') {
    it('an entry in the repeated hour keeps its length in the form (its start reads as the first 02.xx)', () => {
      const span = { start: day.change + 30 * MIN, end: day.change + 90 * MIN } // second 02.30 to 03.30
      const form = formFromSpan(span)
      expect(form).toEqual({ date: day.date, startTime: '02:30', mode: 'minutes', endTime: '', minutes: '60' })
      const back = readEntryForm(form, day.dayEnd, false).span
      expect(back.end! - back.start).toBe(60 * MIN)
      expect(back.start).toBe(day.change - 30 * MIN)
    })
  }

  it('a timer stopped at any second keeps the end time field on ordinary hours of the day', () => {
    const span = { start: fromDateTimeInput(day.date, '09:00') + 31_000, end: fromDateTimeInput(day.date, '10:30') + 12_000 }
    expect(formFromSpan(span)).toEqual({ date: day.date, startTime: '09:00', mode: 'end', endTime: '10:30', minutes: '90' })
  })

  it('a timer is forgotten after 8 real hours (not 8 hours on the clock) or when it ran past midnight', () => {
    const start = day.dayStart + 30 * MIN // 00.30 on the clock
    const clock = (hhmm: string) => fromDateTimeInput(day.date, hhmm)
    // 08.30 on the clock is 7 real hours after 00.30 in spring and 9 in the autumn.
    expect(clock('08:30') - start).toBe((day.kind === 'spring' ? 7 : 9) * H)
    expect(isForgotten({ start, end: null }, clock('08:30'))).toBe(day.kind === 'fall')
    expect(isForgotten({ start, end: null }, start + 8 * H)).toBe(false)
    expect(isForgotten({ start, end: null }, start + 8 * H + 1)).toBe(true)
    expect(isForgotten({ start: day.dayStart - 30 * MIN, end: null }, day.dayStart + 10 * MIN)).toBe(true)
    expect(isForgotten({ start: day.dayEnd - 30 * MIN, end: null }, day.dayEnd - MIN)).toBe(false)
    expect(isForgotten({ start: day.dayEnd - 30 * MIN, end: null }, day.dayEnd)).toBe(true)
  })

  it('the budget counts real hours: the week and its month sum the entries over the change', () => {
    const band = { minHours: 3, maxHours: 4 }
    const entry = (start: number, end: number | null): BudgetEntry => ({ start, end, activity: 'daglig hjælp', week: weekKeyOf(start) })
    const overChange = entry(fromDateTimeInput(day.date, '01:00'), fromDateTimeInput(day.date, '04:00'))
    const lateSunday = entry(day.dayEnd - H, day.dayEnd) // 23.00–24.00 on the Sunday: still this week
    const nextMonday = entry(day.dayEnd, day.dayEnd + H)
    const entries = [overChange, lateSunday, nextMonday]
    expect(entries.map((e) => e.week)).toEqual([day.week, day.week, day.nextWeek])
    expect(totalHours([overChange], day.dayEnd)).toBe(realHours)
    const summary = summariseWeek(day.week, entries, false, band, day.dayEnd + 2 * H)
    expect(summary.hours).toBe(realHours + 1)
    expect(summary.status).toBe(realHours + 1 > band.maxHours ? 'over' : 'inden for')
    // A running timer started before the change counts real time up to now.
    const running = entry(fromDateTimeInput(day.date, '01:30'), null)
    expect(totalHours([running], fromDateTimeInput(day.date, '03:30'))).toBe(day.kind === 'spring' ? 1 : 3)
    const month = summariseMonth({ year: y, month: day.month }, entries, new Set(), band, day.dayEnd + 2 * H)
    expect(month.weeks.map((w) => w.week)).toEqual(day.weeksOfMonth)
    expect(month.hours).toBe(realHours + 1 + (day.weeksOfMonth.includes(day.nextWeek) ? 1 : 0))
  })
})

describe('the app\'s rules follow Danish time, not UTC', () => {
  it.each([
    // Sunday evening in Denmark is already Monday in UTC+13 and still Sunday in UTC.
    ['a Sunday 23.30 in summer time', utc(2026, 10, 18, 21, 30), '2026-10-18', '2026-W42'],
    ['the Monday 00.30 after, which is Sunday in UTC', utc(2026, 10, 18, 22, 30), '2026-10-19', '2026-W43'],
    ['New Year 00.30, still 2026 in UTC', utc(2026, 12, 31, 23, 30), '2027-01-01', '2026-W53'],
    ['Monday 4 January 2027 00.15, still Sunday in UTC', utc(2027, 1, 3, 23, 15), '2027-01-04', '2027-W01'],
  ])('%s', (_name, instant, date, key) => {
    expect(toDateInput(instant)).toBe(date)
    expect(weekKeyOf(instant)).toBe(key)
  })
})
