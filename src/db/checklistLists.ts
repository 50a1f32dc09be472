import { db } from './database.ts'
import { progress, type AnswerMap, type ChecklistProgress } from '../domain/checklist.ts'
import { dueStateOf } from '../domain/dueSoon.ts'
import { showsCampaignRun } from '../domain/campaignRunVisibility.ts'
import type { ChecklistAnswer } from '../domain/records/checklistAnswer.ts'
import type { ChecklistRun, ChecklistRunStatus } from '../domain/records/checklistRun.ts'
import type { DepartmentId, PersonId } from '../domain/records/fields.ts'

// Lists of runs (Home's card, the checklist list) apart from the run editing in checklists.ts,
// so the first screen loads only what it shows.

/** A run with how far it has come, for lists. */
export interface RunSummary {
  readonly run: ChecklistRun
  readonly progress: ChecklistProgress
}

const live = <T extends { deletedAt: number | null }>(r: T | undefined): r is T => r !== undefined && r.deletedAt === null

/** The answers of a run by item key; of two rows for one item (made offline) the latest edit wins. */
export function toAnswerMap(rows: readonly ChecklistAnswer[]): AnswerMap {
  const sorted = rows.filter(live).sort((a, b) => a.updatedAt - b.updatedAt)
  return Object.fromEntries(sorted.map((a) => [a.itemKey, a.value]))
}

async function summarise(runs: readonly ChecklistRun[]): Promise<RunSummary[]> {
  const templateIds = [...new Set(runs.map((r) => r.templateId))]
  const templates = new Map((await db().checklistTemplates.bulkGet(templateIds)).filter(live).map((t) => [t.id, t]))
  const rows = await db().checklistAnswers.where('runId').anyOf(runs.map((r) => r.id)).toArray()
  const byRun = new Map<string, ChecklistAnswer[]>()
  for (const row of rows) byRun.set(row.runId, [...(byRun.get(row.runId) ?? []), row])
  return runs.map((run) => ({
    run, progress: progress(templates.get(run.templateId)?.items ?? [], toAnswerMap(byRun.get(run.id) ?? [])),
  }))
}

/** In progress: due ones first (earliest due date), then newest. Closed: most recently closed first. */
function byListOrder(a: ChecklistRun, b: ChecklistRun): number {
  if (a.status === 'i gang' && b.status === 'i gang') {
    if (a.dueDate && b.dueDate && a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1
    if (a.dueDate && !b.dueDate) return -1
    if (!a.dueDate && b.dueDate) return 1
    return b.createdAt - a.createdAt
  }
  return (b.completedAt ?? b.updatedAt) - (a.completedAt ?? a.updatedAt)
}

/** Runs with a status, with progress, in list order; with a viewer, other account holders' campaign runs left out (see showsCampaignRun). */
export async function listRuns(filter: { status: ChecklistRunStatus, viewer?: { personId: PersonId, seesAll: boolean } }): Promise<RunSummary[]> {
  let runs = (await db().checklistRuns.where('status').equals(filter.status).toArray()).filter(live)
  const viewer = filter.viewer
  if (viewer && runs.some((r) => r.campaignId)) {
    const withAccount = new Set((await db().people.toArray()).filter((p) => live(p) && p.role !== null).map((p) => p.id as string))
    runs = runs.filter((r) => showsCampaignRun(r, viewer, (id) => withAccount.has(id)))
  }
  return summarise(runs.sort(byListOrder))
}

/** Up to `limit` runs in progress, for Home; with a viewer, without other account holders' campaign runs. */
export async function listRunsInProgress(limit = 5, viewer?: { personId: PersonId, seesAll: boolean }): Promise<RunSummary[]> {
  return (await listRuns({ status: 'i gang', viewer })).slice(0, limit)
}

/** A run in progress that is overdue or due soon, for Home. */
export interface DueRun extends RunSummary {
  readonly state: 'overdue' | 'soon'
}

/** What Home's "Forfalder snart" shows: the person's home area and its runs in progress due by `today` + DUE_SOON_DAYS, earliest first. */
export interface DueInArea {
  readonly areaId: DepartmentId | null
  readonly runs: readonly DueRun[]
}

/** The runs in progress about the person's home area (a department) that are overdue or due within DUE_SOON_DAYS of `today` (yyyy-mm-dd). */
export async function listDueInHomeArea(personId: PersonId, today: string): Promise<DueInArea> {
  const areaId = (await db().people.get(personId))?.homeDepartmentId ?? null
  if (!areaId) return { areaId, runs: [] }
  const runs = (await db().checklistRuns.where('subject.refId').equals(areaId).toArray())
    .filter((r) => live(r) && r.status === 'i gang' && r.subject.kind === 'department' && dueStateOf(r.dueDate, today) !== null)
    .sort(byListOrder)
  const summaries = await summarise(runs)
  return { areaId, runs: summaries.map((s) => ({ ...s, state: dueStateOf(s.run.dueDate, today)! })) }
}

/** Home's "Tjeklister i gang": up to `limit` runs in progress, leaving out those "Forfalder snart" already shows. */
export interface OtherRunsInProgress {
  readonly runs: readonly RunSummary[]
  /** How many runs in progress were left out because "Forfalder snart" lists them. */
  readonly shownAsDue: number
}

/** Up to `limit` runs in progress that are not among the person's home area's due runs on `today` (yyyy-mm-dd). */
export async function listOtherRunsInProgress(personId: PersonId, today: string, limit = 5, viewer?: { personId: PersonId, seesAll: boolean }): Promise<OtherRunsInProgress> {
  const due = new Set((await listDueInHomeArea(personId, today)).runs.map((d) => d.run.id))
  const inProgress = await listRuns({ status: 'i gang', viewer })
  const runs = inProgress.filter((s) => !due.has(s.run.id))
  return { runs: runs.slice(0, limit), shownAsDue: inProgress.length - runs.length }
}
