/**
 * The report of a period, counted on the device from the team's synced records (so it works
 * offline): time by activity against the group's budget, requests by category, preset, department,
 * channel, status and owner, out-of-role work, weekly trends, hotspots, hand-offs and checklists.
 * Everything is counted by the days of the period; the budget by its net weeks (see Period.weeks).
 */
import { share, sortedCounts, type Count } from './stats.ts'
import { handoffDurationOf, handoffFigures, type HandoffRequest, type HandoffStats } from './handoffs.ts'
import { hotspotsOfCounts, type Hotspot } from './hotspots.ts'
import { entryTableOf, linkEntries, requestTableOf, type CodedField, type EntryLinks, type EntryTable, type RequestTable } from './factTable.ts'
import type { Period } from './period.ts'
import { addWeeks, endOfIsoWeek, parseWeekKey, startOfIsoWeek } from '../isoWeek.ts'
import { isoWeekOf, weekKey } from '../weekKey.ts'
import { isOutOfRole } from '../triage.ts'
import { bandOf } from '../weekBudget.ts'
import { toDateInput } from '../format.ts'
import { ACTIVITIES, type Activity } from '../activities.ts'
import { type TimeEntry } from '../records/timeEntry.ts'
import type { BudgetBand, BudgetOverride } from '../records/team.ts'
import type { ChecklistRun } from '../records/checklistRun.ts'
import type { DepartmentId, PersonId, RequestId } from '../records/fields.ts'
import type { Owner, Request, RequestStatus } from '../records/request.ts'

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

/**
 * The group's band for the days of the period that are over by `now`: each person's band times the
 * share of each week's seven days that lie in the period and have ended, leaving out weeks the
 * person is absent. So a month is never judged against days that have not happened, and a month
 * that starts on a Thursday gets 4/7 of that week's band.
 */
function groupBudget(input: Pick<ReportInput, 'absences' | 'now' | 'period' | 'members' | 'band' | 'overrides'>): BudgetBand & { personWeeks: number } {
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

function checklistReport(input: Pick<ReportInput, 'runs' | 'department' | 'now' | 'period'>): Report['checklists'] {
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

/**
 * What a report is counted from, with the requests and time entries as tables (./factTable.ts):
 * requests created in the period and the one before (others in the table are ignored), time
 * entries of the period (likewise) and the request each entry is logged on.
 */
export type ReportTables = Omit<ReportInput, 'requests' | 'linked' | 'entries'> & {
  readonly requests: RequestTable
  readonly entries: EntryTable
  readonly links: EntryLinks
}

/** Counts the report of `input.period` (pure: the same input always gives the same report). */
export function buildReport(input: ReportInput): Report {
  const entries = entryTableOf(input.entries)
  const requests = requestTableOf(input.requests)
  return countReportTables({ ...input, requests, entries, links: linkEntries(entries, requests, new Map(), input.linked) })
}

/** How many rows have each code of `field`; `wanted` says which rows count. */
function codeCounts(field: CodedField, rows: readonly number[]): Float64Array {
  const counts = new Float64Array(field.values.length)
  for (const i of rows) counts[field.codes[i]!]! += 1
  return counts
}

/** The counts of `field` by key (values without a key left out), most first. */
function countsByKey(field: CodedField, rows: readonly number[], keyOf: (value: unknown) => string | null = (v) => v as string): Count[] {
  const byCode = codeCounts(field, rows)
  const byKey = new Map<string, number>()
  field.values.forEach((value, code) => {
    const key = keyOf(value)
    if (key !== null && byCode[code]! > 0) byKey.set(key, (byKey.get(key) ?? 0) + byCode[code]!)
  })
  return sortedCounts(byKey)
}

/** The hand-off figures of the request rows `rows` for one status. */
function handoffsOf(requests: RequestTable, rows: readonly number[], via: RequestStatus): HandoffStats {
  const { historyStart, historyTo, historyAt } = requests
  const to = (k: number) => historyTo.values[historyTo.codes[k]!]
  const at = (k: number) => historyAt[k]!
  let count = 0
  const durations: number[] = []
  for (const i of rows) {
    const from = historyStart[i]!
    const duration = handoffDurationOf(historyStart[i + 1]! - from, (k) => to(from + k), (k) => at(from + k), via)
    if (duration === undefined) continue
    count += 1
    if (duration !== null) durations.push(duration)
  }
  return handoffFigures(count, durations)
}

const departmentKey = (value: unknown): string => (value as string | null | undefined) ?? ''

/** Counts the report of `input.period` from tables (pure), as buildReport does from objects. */
export function countReportTables(input: ReportTables): Report {
  const { period, previous, department, requests, entries, links, now } = input
  const weeks = trendWeeks(period)
  const trend = weeks.map((w) => ({ ...w, requests: 0, hours: 0 }))
  // Every day of the period lies in one of its trend weeks, so each record finds its row. Found by
  // the weeks' Mondays, not by each record's week key: a year has 150,000 records to place.
  const mondays = weeks.map((w) => startOfIsoWeek(parseWeekKey(w.week)!))

  const wantedDepartment = requests.departmentId.values.map((d) => matchesDepartment(d as DepartmentId | null | undefined, department))
  const inPeriodRows: number[] = []
  const beforeRows: number[] = []
  for (let i = 0; i < requests.length; i++) {
    if (!wantedDepartment[requests.departmentId.codes[i]!]) continue
    const created = requests.createdAt[i]!
    if (inPeriod(created, period)) {
      inPeriodRows.push(i)
      const row = trend[weekIndexOf(mondays, created)]
      if (row) row.requests += 1
    } else if (inPeriod(created, previous)) {
      beforeRows.push(i)
    }
  }
  const outOfRoleCode = requests.owner.values.map((o) => isOutOfRole(o as Owner))
  const outOfRoleRows = inPeriodRows.filter((i) => outOfRoleCode[requests.owner.codes[i]!])

  const activityMs = new Float64Array(entries.activity.values.length)
  let outOfRoleMs = 0
  const entryDepartmentWanted = links.departmentId.map((d, code) => entries.requestId.values[code] !== null && matchesDepartment(d, department))
  const entryOutOfRole = links.owner.map((o) => o !== undefined && isOutOfRole(o))
  for (let i = 0; i < entries.length; i++) {
    const start = entries.start[i]!
    if (!inPeriod(start, period) || start > now) continue
    const request = entries.requestId.codes[i]!
    if (department !== null && !entryDepartmentWanted[request]) continue
    const end = entries.end[i]!
    const duration = Math.max(0, (Number.isNaN(end) ? now : end) - start)
    activityMs[entries.activity.codes[i]!]! += duration
    if (entryOutOfRole[request]) outOfRoleMs += duration
    const row = trend[weekIndexOf(mondays, start)]
    if (row) row.hours += duration / HOUR
  }
  const ms = new Map<Activity, number>()
  entries.activity.values.forEach((activity, code) => ms.set(activity as Activity, (ms.get(activity as Activity) ?? 0) + activityMs[code]!))
  const byActivity = ACTIVITIES.map((activity) => ({ activity, hours: (ms.get(activity) ?? 0) / HOUR })).filter((a) => a.hours > 0)

  const assetKey = (value: unknown): string | null => (value === null ? null : value as string)
  return {
    time: {
      hours: byActivity.reduce((sum, a) => sum + a.hours, 0), byActivity, dailyHelpHours: (ms.get('daglig hjælp') ?? 0) / HOUR, outOfRoleHours: outOfRoleMs / HOUR,
      budget: department === null ? groupBudget(input) : null,
    },
    requests: {
      total: inPeriodRows.length,
      byCategory: countsByKey(requests.category, inPeriodRows),
      byPreset: countsByKey(requests.presetId, inPeriodRows, (v) => (v === null ? null : v as string)),
      byDepartment: countsByKey(requests.departmentId, inPeriodRows, departmentKey),
      byChannel: countsByKey(requests.channel, inPeriodRows),
      byStatus: countsByKey(requests.status, inPeriodRows),
    },
    outOfRole: { count: outOfRoleRows.length, share: share(outOfRoleRows.length, inPeriodRows.length), byOwner: countsByKey(requests.owner, outOfRoleRows) },
    trend,
    hotspots: hotspotsOfCounts((dimension) => {
      const [field, keyOf] = dimension === 'category' ? [requests.category, (v: unknown) => v as string]
        : dimension === 'department' ? [requests.departmentId, departmentKey] : [requests.assetId, assetKey]
      return { now: countsByKey(field, inPeriodRows, keyOf), before: countsByKey(field, beforeRows, keyOf) }
    }),
    handoffs: { it: handoffsOf(requests, inPeriodRows, 'sendt til IT'), referred: handoffsOf(requests, inPeriodRows, 'henvist') },
    checklists: checklistReport(input),
  }
}
