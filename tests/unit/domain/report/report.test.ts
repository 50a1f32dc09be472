import { describe, expect, it } from 'vitest'
import { buildReport, type ReportEntry, type ReportInput, type ReportRequest, type ReportRun } from '../../../../src/domain/report/report.ts'
import { handoffStats } from '../../../../src/domain/report/handoffs.ts'
import { hotspots } from '../../../../src/domain/report/hotspots.ts'
import { parsePeriod, shiftPeriod } from '../../../../src/domain/report/period.ts'
import { countBy, percentile } from '../../../../src/domain/report/stats.ts'
import type { AssetId, ChecklistTemplateId, DepartmentId, PersonId, RequestId } from '../../../../src/domain/records/fields.ts'
import type { Owner, RequestStatus, StatusChange } from '../../../../src/domain/records/request.ts'

const H = 3_600_000
const at = (m: number, d: number, h = 10): number => new Date(2026, m - 1, d, h).getTime()
const bo = 'bo' as PersonId
const anna = 'anna' as PersonId
const plan = 'plan' as DepartmentId
const byg = 'byg' as DepartmentId
let n = 0
const change = (atMs: number, to: RequestStatus): StatusChange => ({ at: atMs, by: bo, from: null, to })
function request(created: number, extra: Partial<ReportRequest> = {}): ReportRequest {
  n += 1
  return {
    id: `r${n}` as RequestId, createdAt: created, category: 'acadre', presetId: null, departmentId: plan, channel: 'fremmøde',
    status: 'løst', owner: 'superbruger', assetId: null, history: [change(created, 'ny')], ...extra,
  }
}
const entry = (start: number, hours: number, extra: Partial<ReportEntry> = {}): ReportEntry => ({
  start, end: start + hours * H, activity: 'daglig hjælp', requestId: null, personId: bo, ...extra,
})
const december = parsePeriod('2026-12')!
function input(over: Partial<ReportInput>): ReportInput {
  return {
    period: december, previous: shiftPeriod(december, -1), department: null, requests: [], linked: new Map(), entries: [], runs: [],
    members: [bo, anna], band: { minHours: 3, maxHours: 4 }, overrides: [], absences: [], now: at(12, 31, 23), ...over,
  }
}

describe('stats', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null], [[5], 50, 5], [[1, 2, 3, 4], 50, 2], [[4, 1, 3, 2, 5], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9], [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10], [[7, 7, 7], 90, 7],
  ])('percentile(%j, %i) = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected)
  })

  it('counts most first, ties in key order', () => {
    expect(countBy(['b', 'a', 'b', 'c', 'a'], (x) => x)).toEqual([{ key: 'a', count: 2 }, { key: 'b', count: 2 }, { key: 'c', count: 1 }])
  })
})

describe('handoffStats', () => {
  it('measures from the first hand-off to the first solve after it, and counts the unsolved', () => {
    const requests = [
      { history: [change(at(12, 1), 'ny'), change(at(12, 1, 11), 'sendt til IT'), change(at(12, 2, 11), 'løst')] }, // 24 h
      { history: [change(at(12, 1), 'ny'), change(at(12, 3, 10), 'sendt til IT'), change(at(12, 3, 12), 'løst')] }, // 2 h
      { history: [change(at(12, 1), 'ny'), change(at(12, 4), 'sendt til IT')] }, // still with IT
      { history: [change(at(12, 1), 'ny'), change(at(12, 1, 12), 'løst')] }, // never sent
    ]
    expect(handoffStats(requests, 'sendt til IT')).toEqual({ count: 3, solved: 2, medianMs: 2 * H, p90Ms: 24 * H })
    expect(handoffStats(requests, 'henvist')).toEqual({ count: 0, solved: 0, medianMs: null, p90Ms: null })
  })
})

describe('hotspots', () => {
  it('names what rose by at least 2, biggest rise first, per dimension', () => {
    const now = [
      ...Array.from({ length: 5 }, () => ({ category: 'office', departmentId: plan, assetId: 'p1' as AssetId })),
      ...Array.from({ length: 2 }, () => ({ category: 'acadre', departmentId: byg, assetId: null })),
    ]
    const before = [{ category: 'office', departmentId: plan, assetId: null }, { category: 'acadre', departmentId: byg, assetId: null }]
    expect(hotspots(now, before)).toEqual([
      { dimension: 'category', key: 'office', before: 1, now: 5 },
      { dimension: 'department', key: 'plan', before: 1, now: 5 },
      { dimension: 'asset', key: 'p1', before: 0, now: 5 },
    ])
  })
})

describe('buildReport', () => {
  it('counts only the period, by every dimension, and out-of-role work with who should own it', () => {
    const owners: Owner[] = ['superbruger', 'superbruger', 'it-afdelingen', 'medarbejder', 'it-afdelingen']
    const requests = [
      ...owners.map((owner, i) => request(at(12, 1 + i), { owner, status: owner === 'superbruger' ? 'løst' : 'uden for rollen', channel: i % 2 ? 'telefon' : 'fremmøde' })),
      request(at(11, 30, 23)), // November: the period before
      request(at(12, 10), { departmentId: null, category: 'office', presetId: 'office' }),
    ]
    const report = buildReport(input({ requests }))
    expect(report.requests.total).toBe(6)
    expect(report.requests.byCategory).toEqual([{ key: 'acadre', count: 5 }, { key: 'office', count: 1 }])
    expect(report.requests.byPreset).toEqual([{ key: 'office', count: 1 }])
    expect(report.requests.byDepartment).toEqual([{ key: 'plan', count: 5 }, { key: '', count: 1 }])
    expect(report.requests.byChannel).toEqual([{ key: 'fremmøde', count: 4 }, { key: 'telefon', count: 2 }])
    expect(report.requests.byStatus).toEqual([{ key: 'løst', count: 3 }, { key: 'uden for rollen', count: 3 }])
    expect(report.outOfRole).toEqual({ count: 3, share: 0.5, byOwner: [{ key: 'it-afdelingen', count: 2 }, { key: 'medarbejder', count: 1 }] })
  })

  it('sums time by activity, out-of-role hours and the group budget over the days that are over, without absent weeks', () => {
    const itCase = 'it' as RequestId
    const report = buildReport(input({
      now: at(12, 9, 12), // Wednesday of W50: December 1–8 are over
      entries: [
        entry(at(12, 1), 2), entry(at(12, 2), 1, { activity: 'videndeling' }), entry(at(12, 8), 1, { requestId: itCase }),
        entry(at(11, 30), 5), // November 30 is in W49 but not in December: not counted
      ],
      linked: new Map([[itCase, { departmentId: plan, owner: 'it-afdelingen' as Owner }]]),
      absences: [{ personId: anna, week: '2026-W49' }],
      overrides: [{ personId: anna, minHours: 1, maxHours: 2 }],
    }))
    expect(report.time.hours).toBe(4)
    expect(report.time.byActivity).toEqual([{ activity: 'daglig hjælp', hours: 3 }, { activity: 'videndeling', hours: 1 }])
    expect(report.time.dailyHelpHours).toBe(3)
    expect(report.time.outOfRoleHours).toBe(1)
    // W49 has 6 days in December (1–6): Bo 6/7 of 3–4, Anna absent. W50 has 2 days over (7–8): Bo 2/7 of 3–4, Anna 2/7 of 1–2.
    const budget = report.time.budget!
    expect(budget.minHours).toBeCloseTo((6 * 3 + 2 * 3 + 2 * 1) / 7, 10)
    expect(budget.maxHours).toBeCloseTo((6 * 4 + 2 * 4 + 2 * 2) / 7, 10)
    expect(budget.personWeeks).toBeCloseTo(10 / 7, 10)
  })

  it('with a department filter counts its requests and the time logged on them, and no budget', () => {
    const onPlan = request(at(12, 2))
    const onByg = request(at(12, 3), { departmentId: byg })
    const report = buildReport(input({
      department: plan, requests: [onPlan, onByg],
      entries: [entry(at(12, 2), 1, { requestId: onPlan.id }), entry(at(12, 3), 2, { requestId: onByg.id }), entry(at(12, 4), 3)],
      linked: new Map([[onPlan.id, { departmentId: plan, owner: 'superbruger' as Owner }], [onByg.id, { departmentId: byg, owner: 'superbruger' as Owner }]]),
    }))
    expect(report.requests.total).toBe(1)
    expect(report.time.hours).toBe(1)
    expect(report.time.budget).toBeNull()
  })

  it('budgets a whole month once it is over: December 2026 has 31 days, 31/7 weeks per person', () => {
    const budget = buildReport(input({ now: at(12, 31, 23) })).time.budget!
    expect(budget.personWeeks).toBeCloseTo(2 * 30 / 7, 10) // the 31st is not over yet at 23.00
    expect(buildReport(input({ now: new Date(2027, 0, 1, 0, 1).getTime() })).time.budget!.personWeeks).toBeCloseTo(2 * 31 / 7, 10)
  })

  it('trends per ISO week, marking the partial first and last weeks, and the weeks add up to the totals', () => {
    const report = buildReport(input({
      requests: [request(at(12, 1)), request(at(12, 6)), request(at(12, 7)), request(at(12, 31))],
      entries: [entry(at(12, 1), 1), entry(at(12, 31), 2)],
    }))
    expect(report.trend.map((w) => [w.week, w.partial, w.requests, w.hours])).toEqual([
      ['2026-W49', true, 2, 1], ['2026-W50', false, 1, 0], ['2026-W51', false, 0, 0], ['2026-W52', false, 0, 0], ['2026-W53', true, 1, 2],
    ])
    expect(report.trend.reduce((s, w) => s + w.requests, 0)).toBe(report.requests.total)
  })

  it('counts checklists started, completed and overdue per template', () => {
    const run = (over: Partial<ReportRun>): ReportRun => ({
      templateId: 'onb' as ChecklistTemplateId, title: 'Ny medarbejder', status: 'i gang', createdAt: at(12, 1), completedAt: null, dueDate: null,
      subject: { kind: 'person', refId: null, label: 'x' }, ...over,
    })
    const report = buildReport(input({
      now: at(12, 20),
      runs: [
        run({}), run({ dueDate: '2026-12-10' }), run({ status: 'fuldført', completedAt: at(12, 5) }),
        run({ createdAt: at(11, 20), status: 'fuldført', completedAt: at(12, 2) }), // started before, completed in December
        run({ templateId: 'dp' as ChecklistTemplateId, title: 'Databeskyttelse', createdAt: at(12, 3) }),
      ],
    }))
    expect(report.checklists).toEqual({
      started: 4, completed: 2, overdue: 1,
      byTemplate: [
        { templateId: 'onb', title: 'Ny medarbejder', started: 3, completed: 2, overdue: 1 },
        { templateId: 'dp', title: 'Databeskyttelse', started: 1, completed: 0, overdue: 0 },
      ],
    })
  })
})
