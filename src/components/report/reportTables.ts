/**
 * The report as tables: what the screen shows beside each chart, and exactly what the CSV and
 * XLSX exports write, so the numbers on paper and on the screen can never differ.
 */
import { lastDayOf, type Period } from '../../domain/report/period.ts'
import type { DepartmentFilter, Report } from '../../domain/report/report.ts'
import type { Count } from '../../domain/report/stats.ts'
import { toDateInput } from '../../domain/format.ts'
import { parseWeekKey, startOfIsoWeek, endOfIsoWeek } from '../../domain/isoWeek.ts'
import type { Activity } from '../../domain/activities.ts'
import type { AssetId, DepartmentId } from '../../domain/records/fields.ts'
import type { Channel, Owner, RequestStatus } from '../../domain/records/request.ts'
import { toListQuery, type RequestListFilter } from '../../domain/requestListFilter.ts'

/** A number and how to show it: a count, hours, another decimal number (weeks), or a share 0–1. */
export interface NumberCell {
  readonly n: number
  readonly kind: 'count' | 'hours' | 'decimal' | 'share'
}
/** A table cell: a label, a number, or empty (no value, e.g. no median yet). */
export type Cell = string | NumberCell | null

/** The request list's filters a row links to (the URL query of /henvendelser). */
export type ListQuery = Readonly<Record<string, string>>

export interface ReportRow {
  readonly cells: readonly Cell[]
  /** The requests behind the row, when a list can show them. */
  readonly link?: ListQuery
}

export interface ReportTable {
  /** Stable id: the section it belongs to and the sheet name's base. */
  readonly id: string
  readonly title: string
  readonly columns: readonly string[]
  readonly rows: readonly ReportRow[]
}

/** How a report names things: translated labels and the team's own names. */
export interface ReportLabels {
  text(key: string, named?: Record<string, unknown>): string
  activity(activity: Activity): string
  category(key: string): string
  preset(id: string): string
  /** '' is "no department". */
  department(id: string): string
  asset(id: string): string
  channel(channel: Channel): string
  status(status: RequestStatus): string
  owner(owner: Owner): string
}

/** A department key of the counts ('' for none) as the list filter's department. */
const departmentOf = (key: string): DepartmentId | null => (key === '' ? null : key as DepartmentId)
const count = (n: number): NumberCell => ({ n, kind: 'count' })
const hours = (n: number): NumberCell => ({ n, kind: 'hours' })
const fraction = (n: number): NumberCell => ({ n, kind: 'share' })
const decimal = (n: number): NumberCell => ({ n, kind: 'decimal' })
const HOUR = 3_600_000

/**
 * The request list's query (its URL contract, toListQuery) for the requests of a period and
 * department, narrowed by `extra`; every status unless `extra` names one, since a report counts them all.
 */
export function listQuery(period: Period, department: DepartmentFilter, extra: Partial<RequestListFilter> = {}): ListQuery {
  return toListQuery({
    status: 'all', from: toDateInput(period.start), to: lastDayOf(period),
    ...(department ? { departmentId: department === 'ingen' ? null : department } : {}), ...extra,
  })
}

function countRows(counts: readonly Count[], total: number, name: (key: string) => string, link: (key: string) => ListQuery | undefined): ReportRow[] {
  return counts.map((c) => ({ cells: [name(c.key), count(c.count), fraction(total === 0 ? 0 : c.count / total)], link: link(c.key) }))
}

/** Every table of the report, in the order of the screen. */
export function reportTables(report: Report, period: Period, department: DepartmentFilter, l: ReportLabels): ReportTable[] {
  const q = (extra: Partial<RequestListFilter>) => listQuery(period, department, extra)
  const total = report.requests.total
  const countCols = (first: string) => [l.text(first), l.text('insight.report.col.count'), l.text('insight.report.col.share')]
  const summary: ReportRow[] = [
    { cells: [l.text('insight.report.sum.requests'), count(total)], link: q({}) },
    { cells: [l.text('insight.report.sum.hours'), hours(report.time.hours)] },
    { cells: [l.text('insight.report.sum.dailyHelp'), hours(report.time.dailyHelpHours)] },
    { cells: [l.text('insight.report.sum.otherWork'), hours(report.time.hours - report.time.dailyHelpHours)] },
    ...(report.time.budget ? [
      { cells: [l.text('insight.report.sum.budgetMin'), hours(report.time.budget.minHours)] },
      { cells: [l.text('insight.report.sum.budgetMax'), hours(report.time.budget.maxHours)] },
      { cells: [l.text('insight.report.sum.personWeeks'), decimal(report.time.budget.personWeeks)] },
    ] : []),
    { cells: [l.text('insight.report.sum.outOfRole'), count(report.outOfRole.count)] },
    { cells: [l.text('insight.report.sum.outOfRoleShare'), fraction(report.outOfRole.share)] },
    { cells: [l.text('insight.report.sum.outOfRoleHours'), hours(report.time.outOfRoleHours)] },
  ]
  const handoff = (label: string, s: Report['handoffs']['it']): ReportRow => ({
    cells: [label, count(s.count), count(s.solved), s.medianMs === null ? null : hours(s.medianMs / HOUR), s.p90Ms === null ? null : hours(s.p90Ms / HOUR)],
  })
  const hotspotLink = (dimension: string, key: string): ListQuery => q(
    dimension === 'category' ? { category: key } : dimension === 'department' ? { departmentId: departmentOf(key) } : { assetId: key as AssetId },
  )
  const hotspotName = (dimension: string, key: string): string => (
    dimension === 'category' ? l.category(key) : dimension === 'department' ? l.department(key) : l.asset(key))
  const weekDays = (key: string): Partial<RequestListFilter> => {
    const week = parseWeekKey(key)!
    const from = Math.max(startOfIsoWeek(week), period.start)
    const to = Math.min(endOfIsoWeek(week), period.end) - 1
    return { from: toDateInput(from), to: toDateInput(to) }
  }
  return [
    { id: 'summary', title: l.text('insight.report.tables.summary'), columns: [l.text('insight.report.col.figure'), l.text('insight.report.col.value')], rows: summary },
    {
      id: 'activity', title: l.text('insight.report.tables.activity'),
      columns: [l.text('insight.report.col.activity'), l.text('insight.report.col.hours'), l.text('insight.report.col.share')],
      rows: report.time.byActivity.map((a) => ({ cells: [l.activity(a.activity), hours(a.hours), fraction(report.time.hours === 0 ? 0 : a.hours / report.time.hours)] })),
    },
    { id: 'category', title: l.text('insight.report.tables.category'), columns: countCols('insight.report.col.category'), rows: countRows(report.requests.byCategory, total, l.category, (k) => q({ category: k })) },
    { id: 'preset', title: l.text('insight.report.tables.preset'), columns: countCols('insight.report.col.preset'), rows: countRows(report.requests.byPreset, total, l.preset, (k) => q({ presetId: k })) },
    { id: 'department', title: l.text('insight.report.tables.department'), columns: countCols('insight.report.col.department'), rows: countRows(report.requests.byDepartment, total, l.department, (k) => q({ departmentId: departmentOf(k) })) },
    { id: 'channel', title: l.text('insight.report.tables.channel'), columns: countCols('insight.report.col.channel'), rows: countRows(report.requests.byChannel, total, (k) => l.channel(k as Channel), (k) => q({ channel: k as Channel })) },
    { id: 'status', title: l.text('insight.report.tables.status'), columns: countCols('insight.report.col.status'), rows: countRows(report.requests.byStatus, total, (k) => l.status(k as RequestStatus), (k) => q({ status: k as RequestStatus })) },
    {
      id: 'outOfRole', title: l.text('insight.report.tables.outOfRole'), columns: countCols('insight.report.col.owner'),
      rows: countRows(report.outOfRole.byOwner, report.outOfRole.count, (k) => l.owner(k as Owner), (k) => q({ owner: k as Owner })),
    },
    {
      id: 'trend', title: l.text('insight.report.tables.trend'),
      columns: [l.text('insight.report.col.week'), l.text('insight.report.col.requests'), l.text('insight.report.col.hours')],
      rows: report.trend.map((w) => ({
        cells: [l.text(w.partial ? 'insight.report.weekPartial' : 'insight.report.week', { week: parseWeekKey(w.week)?.week ?? w.week, year: parseWeekKey(w.week)?.year ?? '' }), count(w.requests), hours(w.hours)],
        link: q(weekDays(w.week)),
      })),
    },
    {
      id: 'hotspots', title: l.text('insight.report.tables.hotspots'),
      columns: [l.text('insight.report.col.what'), l.text('insight.report.col.kind'), l.text('insight.report.col.before'), l.text('insight.report.col.now'), l.text('insight.report.col.rise')],
      rows: report.hotspots.map((h) => ({
        cells: [hotspotName(h.dimension, h.key), l.text(`insight.report.dimension.${h.dimension}`), count(h.before), count(h.now), count(h.now - h.before)],
        link: hotspotLink(h.dimension, h.key),
      })),
    },
    {
      id: 'handoffs', title: l.text('insight.report.tables.handoffs'),
      columns: [l.text('insight.report.col.handoff'), l.text('insight.report.col.count'), l.text('insight.report.col.solved'), l.text('insight.report.col.median'), l.text('insight.report.col.p90')],
      rows: [handoff(l.text('insight.report.handoff.it'), report.handoffs.it), handoff(l.text('insight.report.handoff.referred'), report.handoffs.referred)],
    },
    {
      id: 'checklists', title: l.text('insight.report.tables.checklists'),
      columns: [l.text('insight.report.col.template'), l.text('insight.report.col.started'), l.text('insight.report.col.completed'), l.text('insight.report.col.overdue')],
      rows: report.checklists.byTemplate.map((c) => ({ cells: [c.title, count(c.started), count(c.completed), count(c.overdue)] })),
    },
  ]
}
