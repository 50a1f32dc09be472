/** ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday), in local time. */

export interface IsoWeek {
  readonly year: number
  readonly week: number
}

const DAY = 86_400_000

/** The ISO week of a moment, e.g. 28 Nov 2026 → { year: 2026, week: 48 }. */
export function isoWeekOf(ms: number): IsoWeek {
  const d = new Date(ms)
  const day = (d.getDay() + 6) % 7 // Monday = 0
  const thursday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day + 3)
  const year = thursday.getFullYear()
  const firstThursday = new Date(year, 0, 4)
  const firstMonday = new Date(year, 0, 4 - ((firstThursday.getDay() + 6) % 7))
  const week = 1 + Math.round((startOfDay(thursday.getTime()) - firstMonday.getTime()) / DAY / 7 - 3 / 7)
  return { year, week }
}

/** "2026-W48": sortable key stored on time entries and absences. */
export function weekKey(week: IsoWeek): string {
  return `${week.year}-W${String(week.week).padStart(2, '0')}`
}

/** The week key of a moment. */
export function weekKeyOf(ms: number): string {
  return weekKey(isoWeekOf(ms))
}

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

function startOfDay(ms: number): number {
  const d = new Date(ms)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}
