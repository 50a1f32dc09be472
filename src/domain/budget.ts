/** Hours against the team's weekly budget band, per week and per month of net weeks. */
import {
  budgetStatus, hoursByActivity, summariseWeek, totalHours,
  type ActivityHours, type BudgetEntry, type BudgetStatus, type WeekSummary,
} from './weekBudget.ts'
import { weekKey, weeksOfMonth, type YearMonth } from './isoWeek.ts'
import type { BudgetBand } from './types.ts'

// The week's rules have their own module, so Home's time card loads only those.
export {
  budgetStatus, DEFAULT_BUDGET, hoursByActivity, summariseWeek, totalHours,
  type ActivityHours, type BudgetEntry, type BudgetStatus, type WeekSummary,
} from './weekBudget.ts'

/** A month of weeks: net weeks, totals and the band scaled to the net weeks. */
export interface MonthSummary {
  readonly month: YearMonth
  readonly weeks: WeekSummary[]
  /** Weeks of the month not marked absent. */
  readonly netWeeks: number
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
 * in the totals, but the week adds no budget.
 */
export function summariseMonth(
  month: YearMonth, entries: readonly BudgetEntry[], absentWeeks: ReadonlySet<string>, band: BudgetBand, now: number,
): MonthSummary {
  const keys = weeksOfMonth(month).map(weekKey)
  const own = entries.filter((e) => keys.includes(e.week))
  const weeks = keys.map((key) => summariseWeek(key, own, absentWeeks.has(key), band, now))
  const netWeeks = weeks.filter((w) => !w.absent).length
  const hours = totalHours(own, now)
  const monthBand = { minHours: band.minHours * netWeeks, maxHours: band.maxHours * netWeeks }
  return {
    month, weeks, netWeeks, hours,
    byActivity: hoursByActivity(own, now),
    averagePerNetWeek: netWeeks === 0 ? null : hours / netWeeks,
    band: monthBand,
    status: budgetStatus(hours, monthBand, netWeeks === 0),
  }
}
