import { db } from './database.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { checkTemplateDraft, templateItemsOf, type TemplateDraft, type TemplateProblem } from '../domain/templateDraft.ts'
import type { EditRevs } from '../domain/editBase.ts'
import type { ChecklistTemplate, Recurrence } from '../domain/records/checklistTemplate.ts'
import type { ChecklistTemplateId, TeamId } from '../domain/records/fields.ts'

/** Raised when a draft cannot be saved; nothing was stored. */
export class TemplateDraftError extends Error {
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(`Template draft has ${problems.length} problem(s)`)
    this.name = 'TemplateDraftError'
  }
}

/** A template in the admin list, with how many runs use exactly this version. */
export interface TemplateSummary {
  readonly template: ChecklistTemplate
  readonly runs: number
}

function contentOf(draft: TemplateDraft) {
  const problems = checkTemplateDraft(draft)
  if (problems.length > 0) throw new TemplateDraftError(problems)
  return { title: draft.title.trim(), purpose: draft.purpose.trim(), items: templateItemsOf(draft) }
}

/** The team's current (not archived, not deleted) templates by title, each with its run count. */
export async function listTemplateSummaries(teamId: TeamId): Promise<TemplateSummary[]> {
  const templates = (await db().checklistTemplates.toArray())
    .filter((t) => t.teamId === teamId && t.deletedAt === null && !t.archived)
    .sort((a, b) => a.title.localeCompare(b.title, 'da'))
  return Promise.all(templates.map(async (template) => ({
    template, runs: await db().checklistRuns.where('templateId').equals(template.id).filter((r) => r.deletedAt === null).count(),
  })))
}

/** A current template to edit, or undefined when it is missing, deleted or already replaced. */
export async function getEditableTemplate(id: ChecklistTemplateId): Promise<ChecklistTemplate | undefined> {
  const template = await db().checklistTemplates.get(id)
  return template && template.deletedAt === null && !template.archived ? template : undefined
}

/** Creates a new template, version 1, in the author's team (queued for sync). */
export async function createTemplate(author: Author, draft: TemplateDraft, now: number = Date.now()): Promise<ChecklistTemplate> {
  return createRecord('checklistTemplates', author, { ...contentOf(draft), version: 1, archived: false }, now)
}

/**
 * Saves an edit as the next version. Runs point at the template record they started from and
 * render its items, so the edit is stored as a new record (version + 1) and the old one is
 * archived, not changed: runs in progress and finished runs keep exactly the version they
 * started with, and new runs get the new one. The recurrence rule (with its series) goes on to
 * the new version. Both writes are one transaction.
 */
export async function saveTemplateVersion(author: Author, id: ChecklistTemplateId, draft: TemplateDraft, now: number = Date.now()): Promise<ChecklistTemplate> {
  const content = contentOf(draft)
  return db().transaction('rw', [db().checklistTemplates, db().outbox], async () => {
    const old = await getEditableTemplate(id)
    if (!old) throw new RecordMissingError('checklistTemplates', id)
    const next = await createRecord('checklistTemplates', { teamId: old.teamId, personId: author.personId },
      { ...content, version: old.version + 1, archived: false, ...(old.recurrence ? { recurrence: old.recurrence } : {}) }, now)
    await patchRecord('checklistTemplates', id, { archived: true }, now)
    return next
  })
}

/** Takes a template out of use: new runs cannot pick it; existing runs still show it. */
export async function archiveTemplate(id: ChecklistTemplateId, now: number = Date.now()): Promise<ChecklistTemplate> {
  return patchRecord('checklistTemplates', id, { archived: true }, now)
}

/**
 * Sets or ends how the template recurs, on the current version (runs do not change with it, so
 * no new version): only that field is queued, based on `base` (the revision the form showed).
 */
export async function setTemplateRecurrence(id: ChecklistTemplateId, recurrence: Recurrence | null, base?: EditRevs, now: number = Date.now()): Promise<ChecklistTemplate> {
  return patchRecord('checklistTemplates', id, { recurrence }, now, base)
}
