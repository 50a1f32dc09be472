import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { answerItem, getRunDetails, listTemplates, startRun } from '../../../src/db/checklists.ts'
import {
  archiveTemplate, createTemplate, getEditableTemplate, listTemplateSummaries, saveTemplateVersion, TemplateDraftError,
} from '../../../src/db/templates.ts'
import { draftOf, emptyDraftItem, type TemplateDraft } from '../../../src/domain/templateDraft.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const subject = { kind: 'person' as const, refId: null, label: 'Ole' }

function draft(): TemplateDraft {
  return {
    title: ' Ny medarbejder ', purpose: 'Opstart',
    items: [{ ...emptyDraftItem(), label: 'Pc virker', required: true }, { ...emptyDraftItem('text'), label: 'Noter' }],
  }
}

describe('checklist templates', () => {
  it('creates version 1 with keys for its items and queues it', async () => {
    const template = await createTemplate(author, draft())
    expect(template).toMatchObject({ title: 'Ny medarbejder', version: 1, archived: false, teamId: 't1' })
    expect(template.items.map((i) => i.key)).toEqual(['pc-virker', 'noter'])
    expect(await db().outbox.toArray()).toEqual([expect.objectContaining({ table: 'checklistTemplates', op: 'put', recordId: template.id })])
  })

  it('refuses an invalid draft and stores nothing', async () => {
    await expect(createTemplate(author, { ...draft(), title: '' })).rejects.toBeInstanceOf(TemplateDraftError)
    expect(await db().checklistTemplates.count()).toBe(0)
    expect(await db().outbox.count()).toBe(0)
  })

  it('saving makes the next version; runs keep the version they started with and still render', async () => {
    const v1 = await createTemplate(author, draft())
    const oldRun = await startRun(author, v1.id, subject)
    await answerItem(author, oldRun.id, 'noter', 'Husk headset')

    const edit = draftOf(v1)
    edit.title = 'Ny medarbejder (2026)'
    edit.items.reverse()
    edit.items.splice(1, 1)
    edit.items.push({ ...emptyDraftItem('choice'), label: 'Telefoni', choices: ['Sat op', 'Bestilt'] })
    const v2 = await saveTemplateVersion(author, v1.id, edit)
    expect(v2).toMatchObject({ title: 'Ny medarbejder (2026)', version: 2, archived: false })
    expect(v2.id).not.toBe(v1.id)
    expect(v2.items.map((i) => i.key)).toEqual(['noter', 'telefoni'])
    expect(await db().checklistTemplates.get(v1.id)).toMatchObject({ archived: true, version: 1 })
    expect((await db().outbox.toArray()).slice(-2).map((e) => [e.op, e.recordId])).toEqual([['put', v2.id], ['patch', v1.id]])

    // the old run still shows version 1 with its items and answers
    const details = await getRunDetails(oldRun.id)
    expect(details?.run.templateVersion).toBe(1)
    expect(details?.template?.items.map((i) => i.key)).toEqual(['pc-virker', 'noter'])
    expect(details?.answers).toEqual({ noter: 'Husk headset' })
    // new runs can only pick version 2
    expect((await listTemplates()).map((t) => t.id)).toEqual([v2.id])
    expect((await startRun(author, v2.id, subject)).templateVersion).toBe(2)
    expect(await listTemplateSummaries(author.teamId)).toEqual([{ template: expect.objectContaining({ id: v2.id }), runs: 1 }])
  })

  it('cannot save over a version that was already replaced or archived', async () => {
    const v1 = await createTemplate(author, draft())
    await saveTemplateVersion(author, v1.id, draftOf(v1))
    await expect(saveTemplateVersion(author, v1.id, draftOf(v1))).rejects.toThrow()
    expect(await getEditableTemplate(v1.id)).toBeUndefined()
    expect(await db().checklistTemplates.count()).toBe(2)
  })

  it('archives a template out of the pickers and the admin list, but not out of its runs', async () => {
    const template = await createTemplate(author, draft())
    const run = await startRun(author, template.id, subject)
    await archiveTemplate(template.id)
    expect(await listTemplates()).toEqual([])
    expect(await listTemplateSummaries(author.teamId)).toEqual([])
    expect((await getRunDetails(run.id))?.template?.title).toBe('Ny medarbejder')
  })
})
