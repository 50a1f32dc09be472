import { DEFAULT_TEMPLATES } from '../../domain/checklistTemplates.ts'
import type { Activity } from '../../domain/activities.ts'
import type { AnswerValue } from '../../domain/records/checklistAnswer.ts'
import type { ChecklistItem } from '../../domain/records/checklistTemplate.ts'
import type { ChecklistRunId, ChecklistTemplateId, PersonId } from '../../domain/records/fields.ts'
import type { ChecklistSubject } from '../../domain/records/checklistRun.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import { answerFor } from './checklistAnswers.ts'
import { isoDate, plusMinutes, weekOf } from './calendar.ts'
import type { DemoDepartment, DemoPerson } from './organisation.ts'
import type { Random } from './random.ts'
import { idOf, type RecordMaker } from './records.ts'

/** A stored template: its id, title and items. */
export interface DemoTemplate {
  readonly id: ChecklistTemplateId
  readonly title: string
  readonly items: readonly ChecklistItem[]
}

/** The default templates (domain/checklistTemplates.ts), created by the coordinator at set-up. */
export function buildTemplates(maker: RecordMaker, at: number, by: PersonId): { templates: DemoTemplate[]; records: SystemRecord[] } {
  const records = DEFAULT_TEMPLATES.map((t) => maker.make('checklistTemplates', { ...structuredClone(t), items: structuredClone(t.items) as ChecklistItem[], archived: false }, at, by))
  const templates = records.map((r, i) => ({ id: idOf<ChecklistTemplateId>(r), title: DEFAULT_TEMPLATES[i]!.title, items: DEFAULT_TEMPLATES[i]!.items }))
  return { templates, records }
}

/** One checklist filled during a superuser's week: the time it takes and what it records. */
export interface ChecklistEvent {
  readonly person: DemoPerson
  readonly weekIndex: number
  readonly minutes: number
  readonly activity: Activity
  readonly note: string
  readonly template: DemoTemplate
  readonly subject: ChecklistSubject
  readonly department: DemoDepartment
  readonly facts: Readonly<Record<string, AnswerValue>>
  /** Cancelled runs keep the few answers they got. */
  readonly cancelled?: boolean
}

/** What building the records of an event needs. */
export interface EventContext {
  readonly random: Random
  readonly maker: RecordMaker
  readonly now: number
  /** Start of the current week: runs placed in it are still in progress. */
  readonly currentWeekStart: number
}

/** The run, its answers and the time entry of an event placed from `start` to `end`. */
export function buildEvent(ctx: EventContext, event: ChecklistEvent, start: number, end: number): SystemRecord[] {
  const { random, maker } = ctx
  const by = event.person.id
  const inProgress = start >= ctx.currentWeekStart || event.facts.inProgress === true
  const status = event.cancelled ? 'annulleret' : inProgress ? 'i gang' : 'fuldført'
  const items = event.cancelled ? event.template.items.slice(0, 2) : inProgress ? event.template.items.slice(0, Math.ceil(event.template.items.length / 2)) : event.template.items
  const runId = random.uuid(start) as ChecklistRunId
  const records: SystemRecord[] = []
  items.forEach((item, i) => {
    const at = plusMinutes(start, Math.min(event.minutes - 1, i * 3 + 1))
    const value = answerFor(item, { random, at: start, department: event.department.name, facts: event.facts })
    if (value !== undefined) records.push(maker.make('checklistAnswers', { runId, itemKey: item.key, value, answeredBy: by }, at, by))
  })
  const done = status !== 'i gang' ? end : null
  records.unshift(maker.make('checklistRuns', {
    templateId: event.template.id, templateVersion: 1, title: event.template.title, subject: event.subject, status,
    dueDate: typeof event.facts.due === 'string' ? event.facts.due : isoDate(end), completedAt: status === 'fuldført' ? end : null,
    overrideReason: '',
  }, start, by, { id: runId, updatedAt: done ?? start }))
  records.push(maker.make('timeEntries', {
    personId: by, start, end, activity: event.activity, requestId: null, note: event.note, week: weekOf(start),
  }, end, by))
  return records
}
