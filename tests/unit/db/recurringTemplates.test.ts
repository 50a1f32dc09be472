import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { listDueInHomeArea, listOtherRunsInProgress } from '../../../src/db/checklistLists.ts'
import { startRun } from '../../../src/db/checklists.ts'
import { createTemplate, saveTemplateVersion, setTemplateRecurrence } from '../../../src/db/templates.ts'
import { createRecord } from '../../../src/db/write.ts'
import { checkTemplateDraft, draftOf, emptyDraftItem, templateItemsOf, type TemplateDraft } from '../../../src/domain/templateDraft.ts'
import type { DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Recurrence } from '../../../src/domain/records/checklistTemplate.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const RULE: Recurrence = { every: 3, unit: 'months', scope: 'homeArea', startDate: '2027-01-31', seriesId: 'x' }

function draft(): TemplateDraft {
  return { title: 'Gennemgang', purpose: '', items: [{ ...emptyDraftItem('date'), label: 'Næste gennemgang', schedulesNext: true }] }
}

describe('recurring templates on the device', () => {
  it('a date item keeps its "schedules the next run" mark; a second marked date item is a problem; other kinds drop it', () => {
    const d = draft()
    expect(templateItemsOf(d)[0]).toMatchObject({ kind: 'date', schedulesNext: true })
    d.items.push({ ...emptyDraftItem('date'), label: 'Anden dato', schedulesNext: true }, { ...emptyDraftItem('check'), label: 'Tjek', schedulesNext: true })
    expect(checkTemplateDraft(d)).toEqual([{ field: 'schedulesNext', index: 1 }])
    expect(templateItemsOf(d)[2]).not.toHaveProperty('schedulesNext')
    expect(draftOf({ title: 'x', purpose: '', items: templateItemsOf(draft()) }).items[0]!.schedulesNext).toBe(true)
  })

  it('setting the rule queues only that field on the current version, and a new version carries it on', async () => {
    const v1 = await createTemplate(author, draft())
    await db().outbox.clear()
    await setTemplateRecurrence(v1.id, RULE, { rev: 0, fields: {} })
    expect(await db().outbox.toArray()).toEqual([expect.objectContaining({ op: 'patch', recordId: v1.id, baseRev: 0, fields: expect.objectContaining({ recurrence: RULE }) })])
    expect(Object.keys((await db().outbox.toArray())[0]!.fields).sort()).toEqual(['recurrence', 'updatedAt'])
    const v2 = await saveTemplateVersion(author, v1.id, { ...draftOf(v1), title: 'Gennemgang 2' })
    expect(v2.recurrence).toEqual(RULE)
    await setTemplateRecurrence(v2.id, null)
    expect((await db().checklistTemplates.get(v2.id))!.recurrence).toBeNull()
  })

  it('"Forfalder snart" lists the home area\'s runs in progress that are overdue or due within seven days, earliest first', async () => {
    const home = 'd-home' as DepartmentId
    await createRecord('people', author, { name: 'P', initials: 'P', email: '', role: 'superbruger', homeDepartmentId: null, competences: [] })
    const person = (await db().people.toArray())[0]!
    expect(await listDueInHomeArea(person.id, '2027-03-10')).toEqual({ areaId: null, runs: [] })
    await db().people.update(person.id, { homeDepartmentId: home })
    const t = await createTemplate(author, draft())
    const at = (refId: string, due: string | null) => startRun(author, t.id, { kind: 'department', refId, label: refId }, due)
    await at(home, '2027-03-17')
    await at(home, '2027-03-01')
    await at(home, '2027-03-18')
    await at(home, null)
    await at('d-other', '2027-03-11')
    const closed = await at(home, '2027-03-09')
    await db().checklistRuns.update(closed.id, { status: 'fuldført' })
    const due = await listDueInHomeArea(person.id, '2027-03-10')
    expect(due.runs.map((r) => [r.run.dueDate, r.state])).toEqual([['2027-03-01', 'overdue'], ['2027-03-17', 'soon']])
  })

  it('"Tjeklister i gang" leaves out the runs "Forfalder snart" shows, and says so when none are left', async () => {
    const home = 'd-home' as DepartmentId
    await createRecord('people', author, { name: 'P', initials: 'P', email: '', role: 'superbruger', homeDepartmentId: home, competences: [] })
    const person = (await db().people.toArray())[0]!
    const t = await createTemplate(author, draft())
    const due = await startRun(author, t.id, { kind: 'department', refId: home, label: home }, '2027-03-01')
    expect(await listOtherRunsInProgress(person.id, '2027-03-10')).toEqual({ runs: [], shownAsDue: 1 })
    const later = await startRun(author, t.id, { kind: 'department', refId: home, label: home }, '2027-05-01')
    const elsewhere = await startRun(author, t.id, { kind: 'department', refId: 'd-other', label: 'd-other' }, '2027-03-01')
    const other = await listOtherRunsInProgress(person.id, '2027-03-10')
    expect(other.runs.map((s) => s.run.id).sort()).toEqual([later.id, elsewhere.id].sort())
    expect(other.runs.map((s) => s.run.id)).not.toContain(due.id)
    expect(other.shownAsDue).toBe(1)
  })
})
