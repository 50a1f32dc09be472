/** The periods a report covers: an ISO week, a month, a quarter, a year or chosen days (local time). */
import { addMonths, addWeeks, endOfIsoWeek, parseMonthKey, parseWeekKey, startOfIsoWeek, thursdayOf } from '../isoWeek.ts'
import { isoWeekOf, weekKey, type IsoWeek } from '../weekKey.ts'
import { fromDateTimeInput, toDateInput } from '../format.ts'

export const PERIOD_KINDS = ['uge', 'maaned', 'kvartal', 'aar', 'periode'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

/** A stretch of time a report counts. */
export interface Period {
  readonly kind: PeriodKind
  /** As in the URL: "2026-W49", "2026-12", "2026-K4", "2026" or "2026-11-01_2026-12-06". */
  readonly key: string
  /** Local midnight of the first day. */
  readonly start: number
  /** Local midnight after the last day (exclusive). */
  readonly end: number
  /**
   * The ISO weeks of the period: those whose Thursday lies in it, as in the month view. Time and
   * budget are counted in whole weeks, so a week is never split between two periods.
   */
  readonly weeks: readonly IsoWeek[]
}

/** Longest custom period: two years of days. */
const MAX_CUSTOM_DAYS = 731

function midnight(year: number, month: number, day: number): number {
  return new Date(year, month - 1, day).getTime()
}

function weeksBetween(start: number, end: number): IsoWeek[] {
  const weeks: IsoWeek[] = []
  for (let week = isoWeekOf(start); startOfIsoWeek(week) < end; week = addWeeks(week, 1)) {
    const thursday = thursdayOf(week)
    if (thursday >= start && thursday < end) weeks.push(week)
  }
  return weeks
}

function make(kind: PeriodKind, key: string, start: number, end: number): Period {
  return { kind, key, start, end, weeks: kind === 'uge' ? [isoWeekOf(start)] : weeksBetween(start, end) }
}

function weekPeriod(week: IsoWeek): Period {
  return make('uge', weekKey(week), startOfIsoWeek(week), endOfIsoWeek(week))
}

function monthPeriod(year: number, month: number): Period {
  return make('maaned', `${year}-${String(month).padStart(2, '0')}`, midnight(year, month, 1), midnight(year, month + 1, 1))
}

function quarterPeriod(year: number, quarter: number): Period {
  return make('kvartal', `${year}-K${quarter}`, midnight(year, quarter * 3 - 2, 1), midnight(year, quarter * 3 + 1, 1))
}

function yearPeriod(year: number): Period {
  return make('aar', String(year), midnight(year, 1, 1), midnight(year + 1, 1, 1))
}

/** Chosen days, both included ("2026-11-01", "2026-12-06"); null when malformed, reversed or longer than two years. */
export function customPeriod(from: string, to: string): Period | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return null
  const start = fromDateTimeInput(from)
  const last = fromDateTimeInput(to)
  if (!Number.isFinite(start) || !Number.isFinite(last) || toDateInput(start) !== from || toDateInput(last) !== to || last < start) return null
  const d = new Date(last)
  const end = midnight(d.getFullYear(), d.getMonth() + 1, d.getDate() + 1)
  if ((end - start) / 86_400_000 > MAX_CUSTOM_DAYS + 1) return null
  return make('periode', `${from}_${to}`, start, end)
}

/** The period of `kind` that holds the moment `at`. */
export function periodOf(kind: Exclude<PeriodKind, 'periode'>, at: number): Period {
  const d = new Date(at)
  if (kind === 'uge') return weekPeriod(isoWeekOf(at))
  if (kind === 'maaned') return monthPeriod(d.getFullYear(), d.getMonth() + 1)
  if (kind === 'kvartal') return quarterPeriod(d.getFullYear(), Math.floor(d.getMonth() / 3) + 1)
  return yearPeriod(d.getFullYear())
}

/** Parses a period key from the URL; null when it is none. */
export function parsePeriod(key: string): Period | null {
  const week = parseWeekKey(key)
  if (week) return weekPeriod(week)
  const month = parseMonthKey(key)
  if (month) return monthPeriod(month.year, month.month)
  const quarter = /^(\d{4})-K([1-4])$/.exec(key)
  if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]))
  if (/^\d{4}$/.test(key)) return yearPeriod(Number(key))
  const custom = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key)
  return custom ? customPeriod(custom[1]!, custom[2]!) : null
}

/** The period `offset` steps after `period` (negative for before); a custom period moves by its own length. */
export function shiftPeriod(period: Period, offset: number): Period {
  const d = new Date(period.start)
  if (period.kind === 'uge') return weekPeriod(addWeeks(isoWeekOf(period.start), offset))
  if (period.kind === 'maaned') {
    const month = addMonths({ year: d.getFullYear(), month: d.getMonth() + 1 }, offset)
    return monthPeriod(month.year, month.month)
  }
  if (period.kind === 'kvartal') {
    const month = addMonths({ year: d.getFullYear(), month: d.getMonth() + 1 }, offset * 3)
    return quarterPeriod(month.year, Math.floor((month.month - 1) / 3) + 1)
  }
  if (period.kind === 'aar') return yearPeriod(d.getFullYear() + offset)
  const days = Math.round((period.end - period.start) / 86_400_000)
  const from = new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset * days)
  const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days - 1)
  return customPeriod(toDateInput(from.getTime()), toDateInput(to.getTime()))!
}

/** The last day of the period as a date input value ("2026-12-31"). */
export function lastDayOf(period: Period): string {
  const d = new Date(period.end)
  return toDateInput(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1).getTime())
}
