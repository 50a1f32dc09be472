import { describe, expect, it } from 'vitest'
import { findPendingSeries, planNextRun, type PlanInput, type PlanRun, type PlanTemplate } from '../../../src/domain/recurrencePlan.ts'
import { checkRecurrence } from '../../../src/domain/recurrenceRule.ts'
import { dueStateOf } from '../../../src/domain/dueSoon.ts'
import type { ChecklistItem, Recurrence } from '../../../src/domain/records/checklistTemplate.ts'

const ITEMS: ChecklistItem[] = [
  { key: 'note', label: 'Note', kind: 'text', required: false },
  { key: 'next', label: 'Næste', kind: 'date', required: false, schedulesNext: true },
]
const RULE: Recurrence = { every: 1, unit: 'months', scope: 'department', startDate: '2027-01-31', seriesId: 'v1' }
const tpl = (extra: Partial<PlanTemplate> = {}): PlanTemplate => ({ id: 'v1', version: 1, title: 'T', archived: false, items: ITEMS, recurrence: RULE, ...extra })
const run = (id: string, extra: Partial<PlanRun> = {}): PlanRun => ({
  id, templateId: 'v1', subject: { kind: 'department', refId: 'd1', label: 'D1' }, status: 'fuldført',
  dueDate: '2027-01-31', completedAt: Date.UTC(2027, 0, 30, 10), createdAt: 1, updatedAt: 1, ...extra,
})
const input = (extra: Partial<PlanInput> = {}): PlanInput => ({
  templates: [tpl()], runs: [], departments: [{ id: 'd1', name: 'D1' }, { id: 'd2', name: 'D2' }], homeAreas: new Set(['d2']), ...extra,
})
const none = () => undefined
const items = () => ITEMS

describe('findPendingSeries', () => {
  it('one series per department in scope; none while a run is in progress; none for archived or non-recurring templates', () => {
    expect(findPendingSeries(input()).map((p) => p.departmentId)).toEqual(['d1', 'd2'])
    expect(findPendingSeries(input({ templates: [tpl({ recurrence: { ...RULE, scope: 'homeArea' } })] })).map((p) => p.departmentId)).toEqual(['d2'])
    expect(findPendingSeries(input({ runs: [run('r1', { status: 'i gang' })] })).map((p) => p.departmentId)).toEqual(['d2'])
    expect(findPendingSeries(input({ templates: [tpl({ archived: true })] }))).toEqual([])
    expect(findPendingSeries(input({ templates: [tpl({ recurrence: null })] }))).toEqual([])
  })

  it('runs of an earlier version of the template belong to the same series', () => {
    const templates = [tpl({ id: 'v1', archived: true }), tpl({ id: 'v2', version: 2 })]
    const pending = findPendingSeries(input({ templates, runs: [run('r1', { templateId: 'v1', status: 'i gang' })] }))
    expect(pending.map((p) => [p.template.id, p.departmentId])).toEqual([['v2', 'd2']])
  })
})

describe('planNextRun', () => {
  const pendingFor = (runs: PlanRun[]) => findPendingSeries(input({ runs })).find((p) => p.departmentId === 'd1')!

  it('the first run is due on the start date', () => {
    expect(planNextRun(pendingFor([]), none, items)).toMatchObject({ dueDate: '2027-01-31', afterRunId: null })
  })

  it('a completed run\'s "schedules the next run" date wins; a cancelled run\'s answer does not count', () => {
    const answers = (runId: string, key: string) => (runId === 'r1' && key === 'next' ? '2027-05-05' : undefined)
    expect(planNextRun(pendingFor([run('r1')]), answers, items)).toMatchObject({ dueDate: '2027-05-05', afterRunId: 'r1', fromItem: true })
    expect(planNextRun(pendingFor([run('r1', { status: 'annulleret', completedAt: null })]), answers, items)).toMatchObject({ dueDate: '2027-02-28', fromItem: false })
  })

  it('otherwise the series\' next date after both the last due date and the Danish day it closed', () => {
    expect(planNextRun(pendingFor([run('r1')]), none, items).dueDate).toBe('2027-02-28')
    // Closed 28 February at 23.30 UTC: 1 March in Copenhagen, so February's date is past.
    expect(planNextRun(pendingFor([run('r1', { completedAt: Date.UTC(2027, 1, 28, 23, 30) })]), none, items).dueDate).toBe('2027-03-31')
    // The latest run (by creation) decides.
    const runs = [run('r1', { createdAt: 1 }), run('r2', { createdAt: 2, dueDate: '2027-03-31', completedAt: Date.UTC(2027, 2, 30) })]
    expect(planNextRun(pendingFor(runs), none, items)).toMatchObject({ dueDate: '2027-04-30', afterRunId: 'r2' })
  })
})

describe('checkRecurrence', () => {
  it.each([
    [1, []], ['4', []], [120, []], [0, ['every']], [-1, ['every']], ['-3', ['every']], [1.5, ['every']], ['2,5', ['every']],
    ['', ['every']], [null, ['every']], [121, ['every']],
  ] as const)('every %s → %j', (every, problems) => {
    expect(checkRecurrence({ every, unit: 'weeks', scope: 'department', startDate: '2027-01-04' })).toEqual(problems)
  })

  it('needs a real start date', () => {
    expect(checkRecurrence({ every: 1, unit: 'months', scope: 'homeArea', startDate: '2027-02-30' })).toEqual(['startDate'])
  })
})

describe('dueStateOf', () => {
  it.each([
    [null, null], ['2027-03-09', 'overdue'], ['2027-03-10', 'soon'], ['2027-03-17', 'soon'], ['2027-03-18', null],
  ] as const)('%s on 2027-03-10 → %s', (due, state) => {
    expect(dueStateOf(due, '2027-03-10')).toBe(state)
  })
})
