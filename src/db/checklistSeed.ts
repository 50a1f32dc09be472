import { db } from './database.ts'
import type { Author } from './write.ts'
import { newId } from '../domain/ids.ts'
import type { SeedTemplate } from '../domain/checklistTemplates.ts'
import type { ChecklistTemplateId } from '../domain/records/fields.ts'

/**
 * Stores the default templates for a new team unless it already has templates. Seeding only:
 * runs inside `ensureDefaultTemplates`' transaction and queues nothing (like the seeded departments).
 */
export async function seedDefaultTemplates(author: Author, templates: readonly SeedTemplate[], now: number = Date.now()): Promise<void> {
  if ((await db().checklistTemplates.count()) > 0) return
  const base = { teamId: author.teamId, createdAt: now, createdBy: author.personId, updatedAt: now, rev: 0, deletedAt: null }
  await db().checklistTemplates.bulkAdd(templates.map((t) => ({
    ...base, ...structuredClone(t), id: newId<ChecklistTemplateId>(), archived: false,
  })))
}
