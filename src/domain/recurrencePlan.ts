import { isIsoDate } from './checklist.ts'
import { dateInZone, DANISH_TIME_ZONE, nextOccurrence } from './calendarDate.ts'
import type { AnswerValue } from './records/checklistAnswer.ts'
import type { ChecklistItem, Recurrence } from './records/checklistTemplate.ts'
import type { ChecklistRunStatus, ChecklistSubject } from './records/checklistRun.ts'

// Which recurring runs are due to be made. Pure, so the server's job is only reading and writing.

/** The parts of a template the plan reads. */
export interface PlanTemplate {
  readonly id: string
  readonly version: number
  readonly title: string
  readonly archived: boolean
  readonly items: readonly ChecklistItem[]
  readonly recurrence?: Recurrence | null
}

/** The parts of a run the plan reads. */
export interface PlanRun {
  readonly id: string
  readonly templateId: string
  readonly subject: ChecklistSubject
  readonly status: ChecklistRunStatus
  readonly dueDate: string | null
  readonly completedAt: number | null
  readonly createdAt: number
  readonly updatedAt: number
}

/** Everything live in one team. `answerOf` gives a run's answer to an item (undefined when none). */
export interface PlanInput {
  readonly templates: readonly PlanTemplate[]
  readonly runs: readonly PlanRun[]
  readonly departments: ReadonlyArray<{ readonly id: string, readonly name: string }>
  /** Departments that are some team member's home area. */
  readonly homeAreas: ReadonlySet<string>
}

/** A run to make: the series' next one for a department. */
export interface PlannedRun {
  readonly template: PlanTemplate
  readonly seriesId: string
  readonly departmentId: string
  readonly departmentName: string
  readonly dueDate: string
  /** The run it follows (null for a series' first), part of its identity: each run has one successor. */
  readonly afterRunId: string | null
  /** The date a "schedules the next run" item gave, or null when the rule's interval decided. */
  readonly fromItem: boolean
}

/** A run whose series has none in progress and which is the latest, so the next is due: it needs its answers read. */
export interface PendingSeries {
  readonly template: PlanTemplate
  readonly departmentId: string
  readonly departmentName: string
  readonly last: PlanRun | null
}

/** The item of a template that schedules the next run: the first date item marked so. */
export function schedulingItem(items: readonly ChecklistItem[]): ChecklistItem | undefined {
  return items.find((item) => item.kind === 'date' && item.schedulesNext === true)
}

/**
 * The series (current recurring template × department in its scope) with no run in progress,
 * each with its latest run (by creation). A series with a run in progress waits for it: one
 * open run per series, so an unfinished one shows as overdue instead of piling up.
 */
export function findPendingSeries(input: PlanInput): PendingSeries[] {
  const seriesOf = new Map<string, string>()
  for (const t of input.templates) if (t.recurrence) seriesOf.set(t.id, t.recurrence.seriesId)
  const pending: PendingSeries[] = []
  for (const template of input.templates) {
    const rule = template.recurrence
    if (!rule || template.archived) continue
    const targets = input.departments.filter((d) => rule.scope === 'department' || input.homeAreas.has(d.id))
    for (const department of targets) {
      const runs = input.runs.filter((r) => seriesOf.get(r.templateId) === rule.seriesId
        && r.subject.kind === 'department' && r.subject.refId === department.id)
      if (runs.some((r) => r.status === 'i gang')) continue
      const last = runs.reduce<PlanRun | null>((a, r) => (a === null || r.createdAt > a.createdAt || (r.createdAt === a.createdAt && r.id > a.id) ? r : a), null)
      pending.push({ template, departmentId: department.id, departmentName: department.name, last })
    }
  }
  return pending
}

/**
 * The next run of a pending series. The first is due on the rule's start date. After a run
 * completed with its "schedules the next run" item filled, that date; otherwise the rule's next
 * date (counted from the start date) after both the last due date and the day it closed, in
 * Danish time, so a run closed late does not make one that is overdue already.
 */
export function planNextRun(series: PendingSeries, answerOf: (runId: string, itemKey: string) => AnswerValue | undefined,
  itemsOf: (templateId: string) => readonly ChecklistItem[], zone: string = DANISH_TIME_ZONE): PlannedRun {
  const rule = series.template.recurrence!
  const base = { template: series.template, seriesId: rule.seriesId, departmentId: series.departmentId, departmentName: series.departmentName }
  const last = series.last
  if (!last) return { ...base, dueDate: rule.startDate, afterRunId: null, fromItem: false }
  const item = last.status === 'fuldført' ? schedulingItem(itemsOf(last.templateId)) : undefined
  const given = item ? answerOf(last.id, item.key) : undefined
  if (typeof given === 'string' && isIsoDate(given)) return { ...base, dueDate: given, afterRunId: last.id, fromItem: true }
  const closedDay = dateInZone(last.completedAt ?? last.updatedAt, zone)
  const after = last.dueDate && last.dueDate > closedDay ? last.dueDate : closedDay
  return { ...base, dueDate: nextOccurrence(rule.startDate, rule.every, rule.unit, after), afterRunId: last.id, fromItem: false }
}
