/** ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday), in local time. */
import { isoWeekOf, type IsoWeek } from './weekKey.ts'

// The week of a moment and its key have their own module, so Home loads only those.

/** Parses "2026-W48"; null when malformed or out of range for that year. */
export function parseWeekKey(key: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key)
  if (!m) return null
  const week = { year: Number(m[1]), week: Number(m[2]) }
  return week.week >= 1 && week.week <= weeksInYear(week.year) ? week : null
}

/** Local midnight starting the Monday of the ISO week. */
export function startOfIsoWeek(week: IsoWeek): number {
  const jan4 = new Date(week.year, 0, 4)
  const monday1 = new Date(week.year, 0, 4 - ((jan4.getDay() + 6) % 7))
  return new Date(monday1.getFullYear(), monday1.getMonth(), monday1.getDate() + (week.week - 1) * 7).getTime()
}

/** Local midnight after the Sunday of the ISO week (exclusive end). */
export function endOfIsoWeek(week: IsoWeek): number {
  const start = new Date(startOfIsoWeek(week))
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7).getTime()
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return isoWeekOf(new Date(year, 11, 28).getTime()).week
}

/** The week `offset` weeks after `week` (negative for before). */
export function addWeeks(week: IsoWeek, offset: number): IsoWeek {
  const start = new Date(startOfIsoWeek(week))
  return isoWeekOf(new Date(start.getFullYear(), start.getMonth(), start.getDate() + offset * 7 + 3).getTime())
}

/** A calendar month; `month` is 1–12. */
export interface YearMonth {
  readonly year: number
  readonly month: number
}

/** Local midnight of the week's Thursday: the day that decides its year and its month. */
export function thursdayOf(week: IsoWeek): number {
  const monday = new Date(startOfIsoWeek(week))
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 3).getTime()
}

/** The seven local midnights of the week, Monday first. */
export function daysOfWeek(week: IsoWeek): number[] {
  const monday = new Date(startOfIsoWeek(week))
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i).getTime())
}

/** The month a week belongs to: the month of its Thursday (so every week is in exactly one month). */
export function monthOfWeek(week: IsoWeek): YearMonth {
  return monthOf(thursdayOf(week))
}

/** The calendar month of a moment, in local time. */
export function monthOf(ms: number): YearMonth {
  const d = new Date(ms)
  return { year: d.getFullYear(), month: d.getMonth() + 1 }
}

/** The weeks that belong to a month (their Thursday lies in it), in order: always 4 or 5. */
export function weeksOfMonth(month: YearMonth): IsoWeek[] {
  const first = new Date(month.year, month.month - 1, 1)
  const firstThursday = 1 + ((4 - first.getDay() + 7) % 7)
  const lastDay = new Date(month.year, month.month, 0).getDate()
  const weeks: IsoWeek[] = []
  for (let day = firstThursday; day <= lastDay; day += 7) {
    weeks.push(isoWeekOf(new Date(month.year, month.month - 1, day).getTime()))
  }
  return weeks
}

/** "2026-11": the month key used in URLs. */
export function monthKey(month: YearMonth): string {
  return `${month.year}-${String(month.month).padStart(2, '0')}`
}

/** Parses "2026-11"; null when malformed. */
export function parseMonthKey(key: string): YearMonth | null {
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (!m) return null
  const month = { year: Number(m[1]), month: Number(m[2]) }
  return month.month >= 1 && month.month <= 12 ? month : null
}

/** The month `offset` months after `month` (negative for before). */
export function addMonths(month: YearMonth, offset: number): YearMonth {
  const index = month.year * 12 + (month.month - 1) + offset
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 }
}
