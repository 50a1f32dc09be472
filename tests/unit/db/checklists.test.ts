import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { ensureDefaultTemplates, ensureProfile } from '../../../src/db/profile.ts'
import { answerItem, cancelRun, ChecklistIncompleteError, completeRun, deleteRun, getRunDetails, listRunsForSubject, listTemplates, RunClosedError, startRun } from '../../../src/db/checklists.ts'
import { listRuns, listRunsInProgress } from '../../../src/db/checklistLists.ts'
import type { ChecklistSubject } from '../../../src/domain/records/checklistRun.ts'
import type { ChecklistTemplate } from '../../../src/domain/records/checklistTemplate.ts'

const subject: ChecklistSubject = { kind: 'person', refId: null, label: 'Ny kollega' }

async function setUp(): Promise<{ author: Awaited<ReturnType<typeof ensureProfile>>, template: ChecklistTemplate }> {
  const author = await ensureProfile()
  await ensureDefaultTemplates(author)
  const template = (await listTemplates()).find((t) => t.title.startsWith('Opfølgning på udtjekkede'))
  if (!template) throw new Error('template not seeded')
  return { author, template }
}

async function answerAllRequired(author: Awaited<ReturnType<typeof ensureProfile>>, template: ChecklistTemplate, runId: Parameters<typeof answerItem>[1]): Promise<void> {
  for (const item of template.items.filter((i) => i.required)) {
    const value = item.kind === 'check' ? true : item.kind === 'number' ? 1 : item.kind === 'choice' ? item.choices?.[0] ?? '' : item.kind === 'date' ? '2026-11-28' : 'ok'
    await answerItem(author, runId, item.key, value)
  }
}

describe('seeding', () => {
  it('ensureDefaultTemplates creates the five default templates exactly once, also when called concurrently', async () => {
    const profile = await ensureProfile()
    expect(await db().checklistTemplates.count()).toBe(0)
    await Promise.all([ensureDefaultTemplates(profile), ensureDefaultTemplates(profile)])
    await ensureDefaultTemplates(profile)
    const templates = await listTemplates()
    expect(templates).toHaveLength(5)
    expect(templates.map((t) => t.title)).toContain('Ny medarbejder – første opsætning')
    expect(templates.every((t) => t.teamId === profile.teamId && t.version === 1 && !t.archived)).toBe(true)
    expect(await db().checklistTemplates.count()).toBe(5)
  })
})

describe('runs and answers', () => {
  it('starts a run that copies the template title and version and is queued', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, { ...subject, label: '  Ny kollega ' }, '2026-12-01')
    expect(run).toMatchObject({ title: template.title, templateVersion: 1, status: 'i gang', dueDate: '2026-12-01', completedAt: null })
    expect(run.subject.label).toBe('Ny kollega')
    expect(await db().outbox.where({ table: 'checklistRuns', recordId: run.id }).count()).toBe(1)
  })

  it('the first answer creates one row per run+item, later answers patch it', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    await answerItem(author, run.id, 'checked-out', 4)
    await answerItem(author, run.id, 'checked-out', 6)
    await answerItem(author, run.id, 'list-pulled', true)
    const rows = await db().checklistAnswers.where('runId').equals(run.id).toArray()
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.itemKey === 'checked-out')?.value).toBe(6)
    const outbox = await db().outbox.where('table').equals('checklistAnswers').toArray()
    expect(outbox.map((m) => m.op)).toEqual(['put', 'patch', 'put'])
    expect(outbox[1]?.fields).toMatchObject({ value: 6 })
    const details = await getRunDetails(run.id)
    expect(details?.answers).toEqual({ 'checked-out': 6, 'list-pulled': true })
  })

  it('is resumable: answers are read back with the run', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    await answerItem(author, run.id, 'notes', 'Tjekket i afdelingen')
    const [summary] = await listRunsInProgress()
    expect(summary?.run.id).toBe(run.id)
    expect(summary?.progress).toMatchObject({ answered: 1, total: template.items.length })
    expect((await getRunDetails(run.id))?.answers.notes).toBe('Tjekket i afdelingen')
  })
})

describe('completeRun', () => {
  it('refuses without a reason when required items are missing and changes nothing', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    await answerItem(author, run.id, 'list-pulled', true)
    const queued = await db().outbox.count()
    await expect(completeRun(run.id)).rejects.toBeInstanceOf(ChecklistIncompleteError)
    await expect(completeRun(run.id, '   ')).rejects.toMatchObject({ missing: ['checked-out', 'colleagues-contacted', 'checked-in'] })
    expect((await db().checklistRuns.get(run.id))?.status).toBe('i gang')
    expect(await db().outbox.count()).toBe(queued)
  })

  it('accepts with a reason and keeps it', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    const done = await completeRun(run.id, '  Kollegaen er på ferie  ', 5000)
    expect(done).toMatchObject({ status: 'fuldført', completedAt: 5000, overrideReason: 'Kollegaen er på ferie' })
    const last = (await db().outbox.orderBy('mutationId').toArray()).at(-1)
    expect(last).toMatchObject({ table: 'checklistRuns', recordId: run.id, op: 'patch' })
    expect(last?.fields).toMatchObject({ status: 'fuldført', overrideReason: 'Kollegaen er på ferie' })
  })

  it('accepts when all required items are answered, with no reason kept', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    await answerAllRequired(author, template, run.id)
    const done = await completeRun(run.id)
    expect(done).toMatchObject({ status: 'fuldført', overrideReason: '' })
    expect(await listRuns({ status: 'fuldført' })).toHaveLength(1)
    expect(await listRuns({ status: 'i gang' })).toHaveLength(0)
  })

  it('a closed run takes no more answers', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    await cancelRun(run.id)
    await expect(answerItem(author, run.id, 'list-pulled', true)).rejects.toBeInstanceOf(RunClosedError)
    expect(await db().checklistAnswers.count()).toBe(0)
  })
})

describe('subjects and deletion', () => {
  it('lists runs for one subject record', async () => {
    const { author, template } = await setUp()
    await startRun(author, template.id, { kind: 'asset', refId: 'a1', label: 'PR-0042' })
    await startRun(author, template.id, { kind: 'asset', refId: 'a2', label: 'PR-0043' })
    await startRun(author, template.id, { kind: 'request', refId: 'a1', label: 'Not an asset' })
    const runs = await listRunsForSubject('asset', 'a1')
    expect(runs.map((r) => r.subject.label)).toEqual(['PR-0042'])
  })

  it('deleting a run deletes its answers and queues every delete', async () => {
    const { author, template } = await setUp()
    const run = await startRun(author, template.id, subject)
    await answerItem(author, run.id, 'notes', 'Hemmeligt')
    await deleteRun(run.id)
    expect(await getRunDetails(run.id)).toBeUndefined()
    expect(JSON.stringify(await db().checklistAnswers.toArray())).not.toContain('Hemmeligt')
    const deletes = (await db().outbox.toArray()).filter((m) => m.op === 'delete')
    expect(deletes.map((d) => d.table).sort()).toEqual(['checklistAnswers', 'checklistRuns'])
  })
})
