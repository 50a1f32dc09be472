import { addWeeks, startOfIsoWeek } from '../../domain/isoWeek.ts'
import { isoWeekOf, weekKey, type IsoWeek } from '../../domain/weekKey.ts'
import type { Random } from './random.ts'

const MINUTE = 60_000
/** Working days are Monday–Friday; time is logged between 08.00 and 16.30. */
const DAY_START = 8 * 60
const DAY_END = 16 * 60 + 30

/** The `count` ISO weeks ending with the week of `now`, oldest first. */
export function demoWeeks(now: number, count: number): IsoWeek[] {
  const current = isoWeekOf(now)
  return Array.from({ length: count }, (_, i) => addWeeks(current, i - count + 1))
}

/** Local time of `minuteOfDay` on weekday `day` (0 = Monday) of `week`. */
export function timeIn(week: IsoWeek, day: number, minuteOfDay: number): number {
  const monday = new Date(startOfIsoWeek(week))
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + day, 0, minuteOfDay).getTime()
}

/** A piece of work to place in a week; `at` pins it (weekday and minute of day), e.g. the meeting. */
export interface Placeable {
  readonly minutes: number
  readonly at?: { readonly day: number; readonly minute: number }
}

/** A placed piece of work with its start and end. */
export type Placed<T extends Placeable> = T & { readonly start: number; readonly end: number }

/**
 * Places the week's work on weekdays without overlaps: pinned items where they are pinned, the
 * rest one after another with short gaps, spread over the days (Friday a little less).
 */
export function placeInWeek<T extends Placeable>(random: Random, week: IsoWeek, items: readonly T[]): Placed<T>[] {
  const busy: Array<Array<[number, number]>> = [[], [], [], [], []]
  const placed: Placed<T>[] = []
  for (const item of items.filter((i) => i.at)) {
    const { day, minute } = item.at!
    busy[day]!.push([minute, minute + item.minutes])
    placed.push({ ...item, start: timeIn(week, day, minute), end: timeIn(week, day, minute + item.minutes) })
  }
  const cursor = busy.map(() => DAY_START + random.int(0, 50))
  // The first start on `day` after its cursor and a short gap that clashes with no pinned item.
  const fit = (day: number, minutes: number, gap: number): number => {
    let start = cursor[day]! + gap
    for (const [from, to] of [...busy[day]!].sort((a, b) => a[0] - b[0])) {
      if (start < to && start + minutes > from) start = to + 10
    }
    return start
  }
  for (const item of items.filter((i) => !i.at)) {
    const gap = random.int(5, 50)
    const order = random.shuffle([0, 1, 2, 3, 4, 0, 1, 2, 3])
    const found = order.find((d) => fit(d, item.minutes, gap) + item.minutes <= DAY_END)
    // A week too full for the working day spills over on the least busy day.
    const day = found ?? [0, 1, 2, 3, 4].reduce((best, d) => (fit(d, item.minutes, 5) < fit(best, item.minutes, 5) ? d : best), 0)
    const start = fit(day, item.minutes, found === undefined ? 5 : gap)
    cursor[day] = start + item.minutes
    placed.push({ ...item, start: timeIn(week, day, start), end: timeIn(week, day, start + item.minutes) })
  }
  return placed.sort((a, b) => a.start - b.start)
}

/** The ISO week key of a moment, as stored on time entries and absences. */
export function weekOf(ms: number): string {
  return weekKey(isoWeekOf(ms))
}

/** `ms` moved by whole minutes. */
export function plusMinutes(ms: number, minutes: number): number {
  return ms + minutes * MINUTE
}

/** `ms` moved by whole days, keeping the local time of day (daylight saving safe). */
export function plusDays(ms: number, days: number): number {
  const d = new Date(ms)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, d.getHours(), d.getMinutes()).getTime()
}

/** "2026-11-28": local calendar date, as date answers and due dates store it. */
export function isoDate(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
