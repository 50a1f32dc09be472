import { describe, expect, it } from 'vitest'
import { planLocalMove, type AccountData, type LocalData } from '../../../src/domain/localMove.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import type { Asset } from '../../../src/domain/records/asset.ts'
import type { ChecklistAnswer } from '../../../src/domain/records/checklistAnswer.ts'
import type { ChecklistRun } from '../../../src/domain/records/checklistRun.ts'
import type { ChecklistRunId, ChecklistTemplateId, PersonId, SyncFields, TeamId } from '../../../src/domain/records/fields.ts'
import type { ChecklistTemplate } from '../../../src/domain/records/checklistTemplate.ts'
import type { Department } from '../../../src/domain/records/department.ts'
import type { Request } from '../../../src/domain/records/request.ts'
import type { TimeEntry } from '../../../src/domain/records/timeEntry.ts'
import type { Tip } from '../../../src/domain/records/tip.ts'

const ME = 'local-me' as PersonId
const OTHER = 'local-colleague' as PersonId
const ANNE = 'anne' as PersonId
/** Sync fields of a local record; the id type fits every record type. */
const sync = (id: string): SyncFields<never> => ({ id: id as never, teamId: 'local-team' as TeamId, createdAt: 10, createdBy: ME, updatedAt: 10, rev: 0, deletedAt: null })

const department = (id: string, name: string): Department => ({ ...sync(id), name, location: '' })
const request = (id: string, changes: Partial<Request> = {}): Request => ({
  ...sync(id), ...emptyDraft(ME), referrals: [], history: [{ at: 10, by: ME, from: null, to: 'ny' }], tipId: null, words: [], ...changes,
})
const template = (id: string, title: string, kind: 'check' | 'text' = 'check', archived = false, version = 1): ChecklistTemplate => ({
  ...sync(id), title, purpose: '', version, archived, items: [{ key: 'a', label: 'A', kind, required: true }],
})
const run = (id: string, templateId: string, title: string, subject: ChecklistRun['subject']): ChecklistRun => ({
  ...sync(id), templateId: templateId as ChecklistTemplateId, templateVersion: 1, title, subject, status: 'i gang', dueDate: null, completedAt: null, overrideReason: '',
})
const answer = (id: string, runId: string): ChecklistAnswer => ({ ...sync(id), runId: runId as ChecklistRunId, itemKey: 'a', value: true, answeredBy: ME })
const asset = (id: string, code: string): Asset => ({
  ...sync(id), code, type: 'pc', name: '', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '', retiredAt: null,
})
const entry = (id: string, start: number, end: number | null): TimeEntry => ({
  ...sync(id), personId: ME, start, end, activity: 'daglig hjælp', requestId: null, note: '', week: '2026-W48',
})

function local(changes: Partial<LocalData>): LocalData {
  return {
    personId: ME, requests: [], timeEntries: [], absences: [], checklistRuns: [], checklistAnswers: [],
    checklistTemplates: [], assets: [], tips: [], departments: [], ...changes,
  }
}
function account(changes: Partial<AccountData> = {}): AccountData {
  return {
    teamId: 'team' as TeamId, personId: ANNE, departments: [], templates: [], assets: [], absenceWeeks: [],
    runningTimer: null, existing: new Set(), ...changes,
  }
}

describe('planLocalMove', () => {
  it('points references to the local person at the account and drops those to anyone else', () => {
    const r = request('r1', {
      assigneeId: OTHER,
      referrals: [{ at: 20, from: ME, to: OTHER, note: 'Henvist' }],
      history: [{ at: 10, by: OTHER, from: null, to: 'ny' }],
    })
    const plan = planLocalMove(local({ requests: [r] }), account(), 99)
    expect(plan.records).toEqual([{ table: 'requests', record: expect.objectContaining({
      id: 'r1', teamId: 'team', createdBy: ANNE, assigneeId: null,
      referrals: [{ at: 20, from: ANNE, to: null, note: 'Henvist' }], history: [{ at: 10, by: ANNE, from: null, to: 'ny' }],
    }) }])
  })

  it('keeps links only to records that move with it', () => {
    const tip: Tip = { ...sync('t1'), title: 'T', body: '', tags: [], category: null, requestIds: ['r1', 'r-gone'] as never }
    const deleted = { ...request('r-gone'), deletedAt: 5 }
    const plan = planLocalMove(local({
      tips: [tip], requests: [request('r1', { tipId: 't1' as never, assetId: 'missing' as never }), deleted],
      timeEntries: [{ ...entry('e1', 0, 1), requestId: 'r-gone' as never }],
    }), account(), 99)
    const byId = new Map(plan.records.map((p) => [p.record.id as string, p.record as unknown as Record<string, unknown>]))
    expect(byId.get('t1')?.requestIds).toEqual(['r1'])
    expect(byId.get('r1')).toMatchObject({ tipId: 't1', assetId: null })
    expect(byId.get('e1')).toMatchObject({ requestId: null, personId: ANNE })
    expect(byId.has('r-gone')).toBe(false)
    expect(plan.moved).toMatchObject({ requests: 1, tips: 1, timeEntries: 1 })
  })

  it('maps a run\'s subject like the records it points at', () => {
    const templates = [template('mine', 'Tjek')]
    const runs = [
      run('c1', 'mine', 'Tjek', { kind: 'department', refId: 'd-local', label: 'Plan' }),
      run('c2', 'mine', 'Tjek', { kind: 'asset', refId: 'a-local', label: 'PC-1' }),
      run('c3', 'mine', 'Tjek', { kind: 'person', refId: ME, label: 'Mig' }),
      run('c4', 'mine', 'Tjek', { kind: 'request', refId: 'r-not-here', label: 'Sag' }),
    ]
    const plan = planLocalMove(
      local({ checklistRuns: runs, checklistTemplates: templates, departments: [department('d-local', 'Plan')], assets: [asset('a-local', 'PC1')] }),
      account({ templates: [template('theirs', 'tjek ')], departments: [department('d-acc', 'Plan')], assets: [asset('a-acc', 'PC1')] }),
      99,
    )
    const refs = plan.records.filter((p) => p.table === 'checklistRuns').map((p) => [(p.record as ChecklistRun).templateId, (p.record as ChecklistRun).subject.refId])
    expect(refs).toEqual([['theirs', 'd-acc'], ['theirs', 'a-acc'], ['theirs', ANNE], ['theirs', null]])
    expect(plan.leftBehind.assets).toBe(1)
  })

  it('continues a run on the newest live template whose items fit its answers, or leaves it behind', () => {
    const runs = [run('c1', 'mine', 'Tjek', { kind: 'person', refId: null, label: 'X' })]
    const answers = [answer('x1', 'c1')]
    const mine = [template('mine', 'Tjek', 'check')]
    const fits = planLocalMove(local({ checklistRuns: runs, checklistAnswers: answers, checklistTemplates: mine }),
      account({ templates: [template('old', 'Tjek', 'check', false, 1), template('new', 'Tjek', 'check', false, 3), template('archived', 'Tjek', 'check', true, 9)] }), 99)
    expect(fits.records.map((p) => [p.table, p.table === 'checklistRuns' ? (p.record as ChecklistRun).templateVersion : (p.record as ChecklistAnswer).answeredBy]))
      .toEqual([['checklistRuns', 3], ['checklistAnswers', ANNE]])
    const otherKind = planLocalMove(local({ checklistRuns: runs, checklistAnswers: answers, checklistTemplates: mine }), account({ templates: [template('t', 'Tjek', 'text')] }), 99)
    expect(otherKind.records).toEqual([])
    expect(otherKind.leftBehind.checklistRuns).toBe(1)
    expect(otherKind.done.checklistRuns).toEqual([])
    expect(otherKind.done.checklistAnswers).toEqual([])
  })

  it('keeps the latest-started of several running timers running', () => {
    const plan = planLocalMove(local({ timeEntries: [entry('e1', 100, null), entry('e2', 300, null)] }), account({ runningTimer: { ...entry('acc', 200, null), personId: ANNE } }), 999)
    expect(plan.records.map((p) => [p.record.id, (p.record as TimeEntry).end])).toEqual([['e1', 300], ['e2', null]])
    expect(plan.stopAccountTimer).toEqual({ id: 'acc', end: 300 })
  })
})
