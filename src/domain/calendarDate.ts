import type { RecurrenceUnit } from './records/checklistTemplate.ts'

// Calendar dates as yyyy-mm-dd strings, computed on UTC midnights: adding days or months never
// meets a 23- or 25-hour day, whatever time zone the device or server runs in.

/** The time zone whose calendar decides due dates (a Danish municipality's). */
export const DANISH_TIME_ZONE = 'Europe/Copenhagen'

const DAY_MS = 86_400_000
const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return [y, m, d]
}

function fromUtc(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>()
const HOUR_MS = 3_600_000

/** 01:00 UTC on the last Sunday of `month` (0-based) in `year`: when EU summer time starts or ends. */
function euSwitch(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0))
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1)
}

// Copenhagen's clock by the EU rule that has held since 1996: UTC+2 from the last Sunday of March to
// the last Sunday of October, both at 01:00 UTC, else UTC+1. Worked out here because a page's first
// Intl.DateTimeFormat with a time zone loads ICU's zone and pattern data, ~40 ms of CPU on the home
// screen. tests/unit/domain/calendarDate.test.ts holds it to the runtime's zone database (every switch
// to 2100): if the EU ever stops changing the clock, that test fails until this is changed too.
const EU_RULE_FROM = Date.UTC(1996, 0, 1)

function copenhagenDate(ms: number): string {
  const year = new Date(ms).getUTCFullYear()
  const summer = ms >= euSwitch(year, 2) && ms < euSwitch(year, 9)
  return fromUtc(ms + (summer ? 2 : 1) * HOUR_MS)
}

/** The calendar date (yyyy-mm-dd) of the moment `ms` in `zone`: 2026-10-25T22:30Z is 2026-10-25 in Copenhagen. */
export function dateInZone(ms: number, zone: string = DANISH_TIME_ZONE): string {
  if (zone === DANISH_TIME_ZONE && ms >= EU_RULE_FROM) return copenhagenDate(ms)
  return dateByIntl(ms, zone)
}

/** dateInZone by the runtime's zone database (any zone, any year). */
export function dateByIntl(ms: number, zone: string): string {
  let format = zoneFormats.get(zone)
  if (!format) {
    // Latin digits whatever the process locale (LANG=fa_IR would give Persian ones).
    format = new Intl.DateTimeFormat('en-US-u-nu-latn', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' })
    zoneFormats.set(zone, format)
  }
  const got = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]))
  return `${pad(Number(got.year), 4)}-${got.month}-${got.day}`
}

/** `date` plus `days` calendar days (negative for before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date)
  return fromUtc(Date.UTC(y, m - 1, d) + days * DAY_MS)
}

/**
 * `date` plus `count` weeks or months. Months keep the day of the month where it exists and
 * otherwise take the month's last day: 31 January + 1 month is 28 (or 29) February.
 */
export function addToDate(date: string, count: number, unit: RecurrenceUnit): string {
  if (unit === 'weeks') return addDays(date, count * 7)
  const [y, m, d] = parts(date)
  const monthIndex = y * 12 + (m - 1) + count
  const year = Math.floor(monthIndex / 12)
  const month = monthIndex - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return fromUtc(Date.UTC(year, month, Math.min(d, last)))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from)
  const [y2, m2, d2] = parts(to)
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS)
}

/**
 * The first date of the series `anchor`, `anchor` + every, `anchor` + 2·every … that is after
 * `after`. Each date is counted from the anchor, not from the one before, so a monthly series
 * from 31 January goes 28 February, 31 March, 30 April.
 */
export function nextOccurrence(anchor: string, every: number, unit: RecurrenceUnit, after: string): string {
  if (anchor > after) return anchor
  const [ya, ma] = parts(anchor)
  const [yb, mb] = parts(after)
  const span = unit === 'weeks' ? Math.floor(daysBetween(anchor, after) / 7) : (yb - ya) * 12 + (mb - ma)
  let k = Math.max(1, Math.floor(span / every))
  while (addToDate(anchor, k * every, unit) <= after) k += 1
  while (k > 1 && addToDate(anchor, (k - 1) * every, unit) > after) k -= 1
  return addToDate(anchor, k * every, unit)
}
