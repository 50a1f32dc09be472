/** The ISO 8601 week of a moment and its key (Monday first; week 1 holds the first Thursday), in local time. */

/** A week of an ISO week-numbering year (which may differ from the calendar year near New Year). */
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

function startOfDay(ms: number): number {
  const d = new Date(ms)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}
