import { db } from './database.ts'
import { createRecord, deleteRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { toAnswerMap } from './checklistLists.ts'
import { decideCompletion, type AnswerMap } from '../domain/checklist.ts'
import type { AnswerValue, ChecklistAnswer } from '../domain/records/checklistAnswer.ts'
import type { ChecklistRun, ChecklistSubject, SubjectKind } from '../domain/records/checklistRun.ts'
import type { ChecklistRunId, ChecklistTemplateId } from '../domain/records/fields.ts'
import type { ChecklistTemplate } from '../domain/records/checklistTemplate.ts'

// Lists have their own module so Home loads only those; re-exported for existing importers.

/** Everything the run page shows. `template` is null if it was deleted meanwhile. */
export interface RunDetails {
  readonly run: ChecklistRun
  readonly template: ChecklistTemplate | null
  readonly answers: AnswerMap
}

/** Raised when completing a run with required items missing and no override reason. */
export class ChecklistIncompleteError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`Required items missing: ${missing.join(', ')}`)
    this.name = 'ChecklistIncompleteError'
  }
}

/** Raised when answering or completing a run that is already completed or cancelled. */
export class RunClosedError extends Error {
  constructor(readonly runId: string) {
    super(`Checklist run ${runId} is closed`)
    this.name = 'RunClosedError'
  }
}

const live = <T extends { deletedAt: number | null }>(r: T | undefined): r is T => r !== undefined && r.deletedAt === null

/** Active templates in the order they were created. */
export async function listTemplates(): Promise<ChecklistTemplate[]> {
  const all = await db().checklistTemplates.orderBy('id').toArray()
  return all.filter((t) => live(t) && !t.archived)
}

/** One template, or undefined when missing or deleted. */
export async function getTemplate(id: ChecklistTemplateId): Promise<ChecklistTemplate | undefined> {
  const t = await db().checklistTemplates.get(id)
  return live(t) ? t : undefined
}

/** Starts a run of a template on a subject; the run copies the template's title and version. */
export async function startRun(
  author: Author, templateId: ChecklistTemplateId, subject: ChecklistSubject, dueDate: string | null = null,
): Promise<ChecklistRun> {
  const template = await getTemplate(templateId)
  if (!template) throw new RecordMissingError('checklistTemplates', templateId)
  return createRecord('checklistRuns', author, {
    templateId, templateVersion: template.version, title: template.title,
    subject: { kind: subject.kind, refId: subject.refId, label: subject.label.trim() },
    status: 'i gang', dueDate: dueDate || null, completedAt: null, overrideReason: '',
  })
}

/** One run, or undefined when missing or deleted. */
export async function getRun(id: ChecklistRunId): Promise<ChecklistRun | undefined> {
  const run = await db().checklistRuns.get(id)
  return live(run) ? run : undefined
}

/** The run with its template and answers, or undefined when the run is missing or deleted. */
export async function getRunDetails(id: ChecklistRunId): Promise<RunDetails | undefined> {
  const run = await getRun(id)
  if (!run) return undefined
  const template = (await getTemplate(run.templateId)) ?? null
  const answers = toAnswerMap(await db().checklistAnswers.where('runId').equals(id).toArray())
  return { run, template, answers }
}

/**
 * Saves the answer to one item: the first answer creates the run+item row, later ones patch it,
 * so people filling different items never touch the same record. Refuses closed runs.
 */
export async function answerItem(author: Author, runId: ChecklistRunId, itemKey: string, value: AnswerValue): Promise<ChecklistAnswer> {
  return db().transaction('rw', [db().checklistRuns, db().checklistAnswers, db().outbox], async () => {
    const run = await getRun(runId)
    if (!run) throw new RecordMissingError('checklistRuns', runId)
    if (run.status !== 'i gang') throw new RunClosedError(runId)
    const existing = (await db().checklistAnswers.where('[runId+itemKey]').equals([runId, itemKey]).toArray()).filter(live)
    const row = existing.sort((a, b) => b.updatedAt - a.updatedAt)[0]
    if (row) return patchRecord('checklistAnswers', row.id, { value, answeredBy: author.personId })
    return createRecord('checklistAnswers', author, { runId, itemKey, value, answeredBy: author.personId })
  })
}

/**
 * Completes a run. With required items unanswered it needs a non-blank override reason, which is
 * kept on the run; without one it throws ChecklistIncompleteError and changes nothing.
 */
export async function completeRun(runId: ChecklistRunId, overrideReason?: string, now: number = Date.now()): Promise<ChecklistRun> {
  const tables = [db().checklistRuns, db().checklistTemplates, db().checklistAnswers, db().outbox]
  return db().transaction('rw', tables, async () => {
    const details = await getRunDetails(runId)
    if (!details) throw new RecordMissingError('checklistRuns', runId)
    if (details.run.status !== 'i gang') throw new RunClosedError(runId)
    const decision = decideCompletion(details.template?.items ?? [], details.answers, overrideReason)
    if (!decision.ok) throw new ChecklistIncompleteError(decision.missing)
    return patchRecord('checklistRuns', runId, {
      status: 'fuldført', completedAt: now, overrideReason: decision.overrideReason,
    }, now)
  })
}

/** Marks a run as cancelled; it stays in the record with its answers. */
export async function cancelRun(runId: ChecklistRunId): Promise<ChecklistRun> {
  return patchRecord('checklistRuns', runId, { status: 'annulleret' })
}

/** Deletes a run and all its answers (content wiped, tombstones queued) in one transaction. */
export async function deleteRun(runId: ChecklistRunId): Promise<void> {
  await db().transaction('rw', [db().checklistRuns, db().checklistAnswers, db().outbox], async () => {
    const answers = await db().checklistAnswers.where('runId').equals(runId).toArray()
    for (const a of answers) await deleteRecord('checklistAnswers', a.id)
    await deleteRecord('checklistRuns', runId)
  })
}

/** Every run about one record (an asset, request, department or person), newest first. */
export async function listRunsForSubject(kind: SubjectKind, refId: string): Promise<ChecklistRun[]> {
  const runs = await db().checklistRuns.where('subject.refId').equals(refId).toArray()
  return runs.filter((r) => live(r) && r.subject.kind === kind).sort((a, b) => b.createdAt - a.createdAt)
}

/** A record a run can be about, for pickers. */
export interface SubjectChoice { readonly id: string, readonly label: string }

/** The most recent requests (newest first), for choosing a run's subject. */
export async function listRecentRequestChoices(limit = 30): Promise<SubjectChoice[]> {
  const rows = await db().requests.orderBy('id').reverse().filter((r) => r.deletedAt === null).limit(limit).toArray()
  return rows.map((r) => ({ id: r.id, label: [r.requesterName, r.description.slice(0, 60)].filter(Boolean).join(' – ') }))
}

/** Assets in use, by code, for choosing a run's subject. */
export async function listAssetChoices(): Promise<SubjectChoice[]> {
  const rows = (await db().assets.orderBy('code').toArray()).filter((a) => a.deletedAt === null && a.retiredAt === null)
  return rows.map((a) => ({ id: a.id, label: [a.code, a.name].filter(Boolean).join(' – ') }))
}
