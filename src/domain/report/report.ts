/**
 * The report of a period, counted on the device from the team's synced records (so it works
 * offline): time by activity against the group's budget, requests by category, preset, department,
 * channel, status and owner, out-of-role work, weekly trends, hotspots, hand-offs and checklists.
 * Everything is counted by the days of the period; the budget by its net weeks (see Period.weeks).
 */
import { countBy, share, type Count } from './stats.ts'
import { handoffStats, type HandoffRequest, type HandoffStats } from './handoffs.ts'
import { hotspots, type Hotspot } from './hotspots.ts'
import type { Period } from './period.ts'
import { addWeeks, endOfIsoWeek, parseWeekKey, startOfIsoWeek } from '../isoWeek.ts'
import { isoWeekOf, weekKey } from '../weekKey.ts'
import { isOutOfRole } from '../triage.ts'
import { entryDurationMs } from '../timeSpan.ts'
import { bandOf } from '../weekBudget.ts'
import { toDateInput } from '../format.ts'
import { ACTIVITIES, type Activity, type TimeEntry } from '../records/timeEntry.ts'
import type { BudgetBand, BudgetOverride } from '../records/team.ts'
import type { ChecklistRun } from '../records/checklistRun.ts'
import type { DepartmentId, PersonId, RequestId } from '../records/fields.ts'
import type { Owner, Request } from '../records/request.ts'

const HOUR = 3_600_000

/** What a report needs of a request. */
export type ReportRequest = Pick<Request, 'id' | 'createdAt' | 'category' | 'presetId' | 'departmentId' | 'channel' | 'status' | 'owner' | 'assetId'> & HandoffRequest
/** What a report needs of a time entry. */
export type ReportEntry = Pick<TimeEntry, 'start' | 'end' | 'activity' | 'requestId' | 'personId'>
/** What a report needs of a checklist run. */
export type ReportRun = Pick<ChecklistRun, 'templateId' | 'title' | 'status' | 'createdAt' | 'completedAt' | 'dueDate' | 'subject'>

/** The department filter: one department, requests without one ('ingen'), or all (null). */
export type DepartmentFilter = DepartmentId | 'ingen' | null

export interface ReportInput {
  readonly period: Period
  /** The period before, of the same kind and length: what hotspots compare with. */
  readonly previous: Period
  readonly department: DepartmentFilter
  /** Requests created in the period and in the period before (others are ignored). */
  readonly requests: readonly ReportRequest[]
  /** The department and owner of each request a time entry of the period is logged on. */
  readonly linked: ReadonlyMap<RequestId, Pick<Request, 'departmentId' | 'owner'>>
  readonly entries: readonly ReportEntry[]
  readonly runs: readonly ReportRun[]
  /** People who work against a band, with the team's band, agreed bands and absences (week keys per person). */
  readonly members: readonly PersonId[]
  readonly band: BudgetBand
  readonly overrides: readonly BudgetOverride[]
  readonly absences: readonly { readonly personId: PersonId, readonly week: string }[]
  readonly now: number
}

export interface ActivityHours {
  readonly activity: Activity
  readonly hours: number
}

export interface TimeReport {
  readonly hours: number
  readonly byActivity: readonly ActivityHours[]
  /** Daily help against the rest (development, knowledge sharing, user tests, data protection, meetings). */
  readonly dailyHelpHours: number
  /** Hours logged on requests that were not the superusers' to solve. */
  readonly outOfRoleHours: number
  /** The group's band for the period's days that are over (see groupBudget); null with a department filter. */
  readonly budget: (BudgetBand & { readonly personWeeks: number }) | null
}

export interface TrendWeek {
  readonly week: string
  /** Only some of the week's days are in the period (its first or last week). */
  readonly partial: boolean
  readonly requests: number
  readonly hours: number
}

export interface ChecklistFigures {
  readonly templateId: string
  readonly title: string
  readonly started: number
  readonly completed: number
  readonly overdue: number
}

export interface Report {
  readonly time: TimeReport
  readonly requests: {
    readonly total: number
    readonly byCategory: readonly Count[]
    readonly byPreset: readonly Count[]
    /** Key: the department id, '' for none. */
    readonly byDepartment: readonly Count[]
    readonly byChannel: readonly Count[]
    readonly byStatus: readonly Count[]
  }
  readonly outOfRole: { readonly count: number, readonly share: number, readonly byOwner: readonly Count[] }
  readonly trend: readonly TrendWeek[]
  readonly hotspots: readonly Hotspot[]
  readonly handoffs: { readonly it: HandoffStats, readonly referred: HandoffStats }
  readonly checklists: { readonly started: number, readonly completed: number, readonly overdue: number, readonly byTemplate: readonly ChecklistFigures[] }
}

const inPeriod = (at: number, period: Period): boolean => at >= period.start && at < period.end

function matchesDepartment(departmentId: DepartmentId | null | undefined, filter: DepartmentFilter): boolean {
  if (filter === null) return true
  return filter === 'ingen' ? departmentId === null : departmentId === filter
}

/** The ISO weeks that share at least one day with the period, in order. */
export function trendWeeks(period: Period): { week: string, partial: boolean }[] {
  const weeks: { week: string, partial: boolean }[] = []
  for (let week = isoWeekOf(period.start); startOfIsoWeek(week) < period.end; week = addWeeks(week, 1)) {
    weeks.push({ week: weekKey(week), partial: startOfIsoWeek(week) < period.start || endOfIsoWeek(week) > period.end })
  }
  return weeks
}

/** The index of the last of the ascending `mondays` at or before `at`; -1 when `at` is before them all. */
function weekIndexOf(mondays: readonly number[], at: number): number {
  let low = 0
  let high = mondays.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (mondays[middle]! <= at) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

function timeReport(input: ReportInput, entries: readonly ReportEntry[]): TimeReport {
  const ms = new Map<Activity, number>()
  let outOfRole = 0
  for (const e of entries) {
    const duration = entryDurationMs(e, input.now)
    ms.set(e.activity, (ms.get(e.activity) ?? 0) + duration)
    const owner: Owner | undefined = e.requestId ? input.linked.get(e.requestId)?.owner : undefined
    if (owner && isOutOfRole(owner)) outOfRole += duration
  }
  const byActivity = ACTIVITIES.map((activity) => ({ activity, hours: (ms.get(activity) ?? 0) / HOUR })).filter((a) => a.hours > 0)
  const hours = byActivity.reduce((sum, a) => sum + a.hours, 0)
  return {
    hours, byActivity, dailyHelpHours: (ms.get('daglig hjælp') ?? 0) / HOUR, outOfRoleHours: outOfRole / HOUR,
    budget: input.department === null ? groupBudget(input) : null,
  }
}

/**
 * The group's band for the days of the period that are over by `now`: each person's band times the
 * share of each week's seven days that lie in the period and have ended, leaving out weeks the
 * person is absent. So a month is never judged against days that have not happened, and a month
 * that starts on a Thursday gets 4/7 of that week's band.
 */
function groupBudget(input: ReportInput): BudgetBand & { personWeeks: number } {
  const absent = new Set(input.absences.map((a) => `${a.personId} ${a.week}`))
  const today = new Date(input.now)
  const endOfLastDay = Math.min(input.period.end, new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime())
  let minHours = 0
  let maxHours = 0
  let personWeeks = 0
  for (const { week } of trendWeeks(input.period)) {
    const monday = new Date(startOfIsoWeek(parseWeekKey(week)!))
    const days = Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i).getTime())
      .filter((day) => day >= input.period.start && day < endOfLastDay).length
    if (days === 0) continue
    for (const person of input.members) {
      if (absent.has(`${person} ${week}`)) continue
      const { band } = bandOf(person, input.band, input.overrides)
      minHours += band.minHours * days / 7
      maxHours += band.maxHours * days / 7
      personWeeks += days / 7
    }
  }
  return { minHours, maxHours, personWeeks }
}

function checklistReport(input: ReportInput): Report['checklists'] {
  const today = toDateInput(input.now)
  const runs = input.runs.filter((r) => input.department === null || (r.subject.kind === 'department' && r.subject.refId === input.department))
  const byTemplate = new Map<string, { templateId: string, title: string, started: number, completed: number, overdue: number }>()
  const row = (r: ReportRun) => {
    const found = byTemplate.get(r.templateId) ?? { templateId: r.templateId, title: r.title, started: 0, completed: 0, overdue: 0 }
    byTemplate.set(r.templateId, found)
    return found
  }
  for (const r of runs) {
    if (inPeriod(r.createdAt, input.period)) {
      row(r).started += 1
      if (r.status === 'i gang' && r.dueDate !== null && r.dueDate < today) row(r).overdue += 1
    }
    if (r.status === 'fuldført' && r.completedAt !== null && inPeriod(r.completedAt, input.period)) row(r).completed += 1
  }
  const rows = [...byTemplate.values()].sort((a, b) => b.started - a.started || a.title.localeCompare(b.title, 'da'))
  return {
    started: rows.reduce((s, r) => s + r.started, 0), completed: rows.reduce((s, r) => s + r.completed, 0),
    overdue: rows.reduce((s, r) => s + r.overdue, 0), byTemplate: rows,
  }
}

/** Counts the report of `input.period` (pure: the same input always gives the same report). */
export function buildReport(input: ReportInput): Report {
  const { period, department } = input
  const wanted = input.requests.filter((r) => matchesDepartment(r.departmentId, department))
  const requests = wanted.filter((r) => inPeriod(r.createdAt, period))
  const before = wanted.filter((r) => inPeriod(r.createdAt, input.previous))
  const entries = input.entries.filter((e) => inPeriod(e.start, period) && e.start <= input.now
    && (department === null || (e.requestId !== null && matchesDepartment(input.linked.get(e.requestId)?.departmentId, department))))
  const outOfRole = requests.filter((r) => isOutOfRole(r.owner))
  const weeks = trendWeeks(period)
  const trend = weeks.map((w) => ({ ...w, requests: 0, hours: 0 }))
  // Every day of the period lies in one of its trend weeks, so each record finds its row. Found by
  // the weeks' Mondays, not by each record's week key: a year has 150,000 records to place.
  const mondays = weeks.map((w) => startOfIsoWeek(parseWeekKey(w.week)!))
  for (const r of requests) {
    const row = trend[weekIndexOf(mondays, r.createdAt)]
    if (row) row.requests += 1
  }
  for (const e of entries) {
    const row = trend[weekIndexOf(mondays, e.start)]
    if (row) row.hours += entryDurationMs(e, input.now) / HOUR
  }
  return {
    time: timeReport(input, entries),
    requests: {
      total: requests.length,
      byCategory: countBy(requests, (r) => r.category),
      byPreset: countBy(requests.filter((r) => r.presetId !== null), (r) => r.presetId!),
      byDepartment: countBy(requests, (r) => r.departmentId ?? ''),
      byChannel: countBy(requests, (r) => r.channel),
      byStatus: countBy(requests, (r) => r.status),
    },
    outOfRole: { count: outOfRole.length, share: share(outOfRole.length, requests.length), byOwner: countBy(outOfRole, (r) => r.owner) },
    trend,
    hotspots: hotspots(requests, before),
    handoffs: { it: handoffStats(requests, 'sendt til IT'), referred: handoffStats(requests, 'henvist') },
    checklists: checklistReport(input),
  }
}
