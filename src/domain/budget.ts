/** Hours against the team's weekly budget band, per week and per month of net weeks. */
import {
  budgetStatus, hoursByActivity, summariseWeek, totalHours,
  type ActivityHours, type BudgetEntry, type BudgetStatus, type WeekSummary,
} from './weekBudget.ts'
import { startOfIsoWeek, weeksOfMonth, type YearMonth } from './isoWeek.ts'
import { weekKey } from './weekKey.ts'
import type { BudgetBand } from './records/team.ts'

// The week's rules have their own module, so Home's time card loads only those.
export {
  budgetStatus, DEFAULT_BUDGET, hoursByActivity, summariseWeek, totalHours,
  type ActivityHours, type BudgetEntry, type BudgetStatus, type WeekSummary,
} from './weekBudget.ts'

/** A week of a month; an upcoming one has not begun yet and counts in no figure. */
export interface MonthWeek extends WeekSummary {
  readonly upcoming: boolean
}

/** A month of weeks: net weeks, totals and the band scaled to the net weeks that have begun. */
export interface MonthSummary {
  readonly month: YearMonth
  readonly weeks: MonthWeek[]
  /** Weeks of the month that have begun (by `now`) and are not marked absent. */
  readonly netWeeks: number
  /** Weeks of the month that have begun by `now`. */
  readonly begunWeeks: number
  /** Weeks of the month that have not begun yet: they add no budget until they do. */
  readonly upcomingWeeks: number
  readonly hours: number
  readonly byActivity: ActivityHours[]
  /** All hours of the month divided by its net weeks; null when every week is absent. */
  readonly averagePerNetWeek: number | null
  /** The weekly band times the net weeks. */
  readonly band: BudgetBand
  readonly status: BudgetStatus
}

/**
 * Summarises a month. A week belongs to the month of its Thursday, so only entries of those
 * weeks count (whatever calendar day they fall on). Hours logged in an absent week still count
 * in the totals, but the week adds no budget; nor does a week that has not begun by `now`, so the
 * month so far is not judged against weeks that have not happened (the current week counts).
 */
export function summariseMonth(
  month: YearMonth, entries: readonly BudgetEntry[], absentWeeks: ReadonlySet<string>, band: BudgetBand, now: number,
): MonthSummary {
  const keys = weeksOfMonth(month).map(weekKey)
  const own = entries.filter((e) => keys.includes(e.week))
  const weeks = weeksOfMonth(month).map((week, i) => ({
    ...summariseWeek(keys[i]!, own, absentWeeks.has(keys[i]!), band, now),
    upcoming: startOfIsoWeek(week) > now,
  }))
  const begun = weeks.filter((w) => !w.upcoming)
  const netWeeks = begun.filter((w) => !w.absent).length
  const hours = totalHours(own, now)
  const monthBand = { minHours: band.minHours * netWeeks, maxHours: band.maxHours * netWeeks }
  return {
    month, weeks, netWeeks, hours, begunWeeks: begun.length, upcomingWeeks: weeks.length - begun.length,
    byActivity: hoursByActivity(own, now),
    averagePerNetWeek: netWeeks === 0 ? null : hours / netWeeks,
    band: monthBand,
    status: budgetStatus(hours, monthBand, netWeeks === 0),
  }
}
