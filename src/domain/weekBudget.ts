/** One week's hours against the team's weekly budget band (the month is in budget.ts). */
import { ACTIVITIES, type Activity } from './activities.ts'
import type { BudgetBand, BudgetOverride } from './records/team.ts'
import type { PersonId } from './records/fields.ts'
import { entryDurationMs, type TimeSpan } from './timeSpan.ts'

/** The band a team gets when none is set: 3–4 hours per net week (DESIGN.md). */
export const DEFAULT_BUDGET: BudgetBand = { minHours: 3, maxHours: 4 }

/** The band of a person: the one agreed for them (an override), else the team's. */
export function bandOf(personId: PersonId, band: BudgetBand, overrides: readonly BudgetOverride[] = []): { band: BudgetBand, override: boolean } {
  const own = overrides.find((o) => o.personId === personId)
  return own ? { band: { minHours: own.minHours, maxHours: own.maxHours }, override: true } : { band, override: false }
}

/** Where a week's hours lie against the band; 'fravær' for a week marked absent. */
export type BudgetStatus = 'under' | 'inden for' | 'over' | 'fravær'

/** What the budget rules need of a time entry. */
export interface BudgetEntry extends TimeSpan {
  readonly activity: Activity
  /** ISO week key of the start. */
  readonly week: string
}

/** Hours logged on one activity. */
export interface ActivityHours {
  readonly activity: Activity
  readonly hours: number
}

const HOUR = 3_600_000

/**
 * Status of `hours` against `band`, compared in whole minutes so 2 h 59 min 59 s of timer
 * does not read as "under" a 3 h band. Both band ends count as inside.
 */
export function budgetStatus(hours: number, band: BudgetBand, absent = false): BudgetStatus {
  if (absent) return 'fravær'
  const minutes = Math.round(hours * 60)
  if (minutes < Math.round(band.minHours * 60)) return 'under'
  if (minutes > Math.round(band.maxHours * 60)) return 'over'
  return 'inden for'
}

/** Total hours of the entries; running ones count up to `now`. */
export function totalHours(entries: readonly TimeSpan[], now: number): number {
  return entries.reduce((sum, e) => sum + entryDurationMs(e, now), 0) / HOUR
}

/** Hours per activity in the fixed activity order, leaving out activities with no time. */
export function hoursByActivity(entries: readonly BudgetEntry[], now: number): ActivityHours[] {
  const ms = new Map<Activity, number>()
  for (const e of entries) ms.set(e.activity, (ms.get(e.activity) ?? 0) + entryDurationMs(e, now))
  return ACTIVITIES.filter((a) => (ms.get(a) ?? 0) > 0).map((activity) => ({ activity, hours: (ms.get(activity) ?? 0) / HOUR }))
}

/** One week's hours against the band. */
export interface WeekSummary {
  readonly week: string
  readonly hours: number
  readonly byActivity: ActivityHours[]
  readonly absent: boolean
  readonly status: BudgetStatus
}

/** Sums the entries of week `week` (others are ignored) and rates them against the band. */
export function summariseWeek(
  week: string, entries: readonly BudgetEntry[], absent: boolean, band: BudgetBand, now: number,
): WeekSummary {
  const own = entries.filter((e) => e.week === week)
  const hours = totalHours(own, now)
  return { week, hours, byActivity: hoursByActivity(own, now), absent, status: budgetStatus(hours, band, absent) }
}
