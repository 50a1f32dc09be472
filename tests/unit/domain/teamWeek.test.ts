import { describe, expect, it } from 'vitest'
import { bandMembers, lastingPressure, memberLoad, teamWeek, weeksUpTo, type MemberEntry, type MemberWeek, type TeamMember, type TeamWeekInput } from '../../../src/domain/teamWeek.ts'
import { bandOf } from '../../../src/domain/weekBudget.ts'
import { weekKey, weekKeyOf } from '../../../src/domain/weekKey.ts'
import type { PersonId } from '../../../src/domain/records/fields.ts'
import type { RequestStatus } from '../../../src/domain/records/request.ts'

const H = 3_600_000
const at = (y: number, m: number, d: number, h = 9): number => new Date(y, m - 1, d, h).getTime()
const anna = 'anna' as PersonId
const bo = 'bo' as PersonId
const people: TeamMember[] = [
  { id: bo, name: 'Bo', role: 'superbruger' },
  { id: anna, name: 'Anna', role: 'koordinator' },
  { id: 'lis' as PersonId, name: 'Lis', role: 'leder' },
  { id: 'ole' as PersonId, name: 'Ole', role: null },
]
const entry = (personId: PersonId, start: number, hours: number | null): MemberEntry => ({
  personId, start, end: hours === null ? null : start + hours * H, activity: 'daglig hjælp', week: weekKeyOf(start),
})
const band = { minHours: 3, maxHours: 4 }
const week = (key: string, status: MemberWeek['status'], finished = true): MemberWeek => ({ week: key, hours: 0, absent: status === 'fravær', finished, status })

function input(over: Partial<TeamWeekInput>): TeamWeekInput {
  return { people, entries: [], absences: [], band, overrides: [], requests: [], runs: [], span: 4, now: at(2026, 12, 9, 12), ...over }
}

describe('weeksUpTo', () => {
  it.each<[string, number, number, string[]]>([
    ['across the year end into a 53-week year', at(2027, 1, 6), 3, ['2026-W51', '2026-W52', '2026-W53', '2027-W01']],
    ['at the start of 2026', at(2026, 1, 1), 2, ['2025-W52', '2026-W01']],
    ['late Sunday is still the same week', at(2026, 12, 13, 23), 1, ['2026-W49', '2026-W50']],
  ])('%s', (_name, now, span, keys) => {
    expect(weeksUpTo(now, span).slice(-keys.length).map(weekKey)).toEqual(keys)
    expect(weeksUpTo(now, span)).toHaveLength(span + 1)
  })
})

describe('bandOf and bandMembers', () => {
  it('uses an agreed band before the team band', () => {
    expect(bandOf(bo, band, [{ personId: bo, minHours: 2, maxHours: 2 }])).toEqual({ band: { minHours: 2, maxHours: 2 }, override: true })
    expect(bandOf(anna, band, [{ personId: bo, minHours: 2, maxHours: 2 }])).toEqual({ band, override: false })
  })

  it('lists superusers and the koordinator by name, never the leder or colleagues without an account', () => {
    expect(bandMembers(people).map((p) => p.name)).toEqual(['Anna', 'Bo'])
  })
})

describe('lastingPressure', () => {
  it.each<[string, MemberWeek[], { kind: string, weeks: string[], ongoing: boolean }[]]>([
    ['two weeks under is not lasting', [week('W1', 'under'), week('W2', 'under'), week('W3', 'inden for')], []],
    ['three weeks over in a row is', [week('W1', 'over'), week('W2', 'over'), week('W3', 'over')], [{ kind: 'over', weeks: ['W1', 'W2', 'W3'], ongoing: true }]],
    ['an absent week neither counts nor breaks the run',
      [week('W1', 'under'), week('W2', 'fravær'), week('W3', 'under'), week('W4', 'under')], [{ kind: 'under', weeks: ['W1', 'W3', 'W4'], ongoing: true }]],
    ['a week inside the band breaks it', [week('W1', 'under'), week('W2', 'under'), week('W3', 'inden for'), week('W4', 'under')], []],
    ['switching from over to under breaks it', [week('W1', 'over'), week('W2', 'over'), week('W3', 'under'), week('W4', 'under')], []],
    ['the unfinished current week is not judged', [week('W1', 'under'), week('W2', 'under'), week('W3', 'under', false)], []],
    ['a past run is named and not ongoing',
      [week('W1', 'over'), week('W2', 'over'), week('W3', 'over'), week('W4', 'inden for'), week('W5', 'under', false)],
      [{ kind: 'over', weeks: ['W1', 'W2', 'W3'], ongoing: false }]],
  ])('%s', (_name, weeks, runs) => {
    expect(lastingPressure(weeks)).toEqual(runs)
  })
})

describe('memberLoad', () => {
  const request = (assigneeId: PersonId | null, status: RequestStatus, count = 1) => ({ assigneeId, status, count })
  it('counts every open request of the assignee (of them referred and with IT) and their overdue checklists', () => {
    const requests = [
      request(bo, 'ny', 2), request(bo, 'i gang'), request(bo, 'venter'), request(bo, 'venter', 0), request(bo, 'henvist'), request(bo, 'sendt til IT'),
      request(bo, 'løst'), request(bo, 'uden for rollen'), request(anna, 'ny'), request(null, 'ny'),
    ]
    const runs = [
      { createdBy: bo, status: 'i gang' as const, dueDate: '2026-12-06' },
      { createdBy: bo, status: 'i gang' as const, dueDate: '2026-12-07' },
      { createdBy: bo, status: 'i gang' as const, dueDate: null },
      { createdBy: bo, status: 'fuldført' as const, dueDate: '2026-11-01' },
      { createdBy: anna, status: 'i gang' as const, dueDate: '2026-11-01' },
    ]
    expect(memberLoad(bo, requests, runs, '2026-12-07')).toEqual({ open: 6, referred: 1, withIt: 1, overdueChecklists: 1 })
  })
})

describe('teamWeek', () => {
  it('rates each week of each member against their band and never counts a week that has not begun', () => {
    const now = at(2026, 12, 9, 12) // Wednesday of W50
    const result = teamWeek(input({
      now,
      entries: [
        entry(bo, at(2026, 12, 1), 3.5), // W49
        entry(bo, at(2026, 12, 8), 1), // W50 so far
        entry(bo, at(2026, 12, 9, 11), null), // W50, running for an hour
        entry(bo, at(2026, 12, 15), 5), // W51: after now, never counted
        entry(anna, at(2026, 11, 24), 1), // W48
      ],
      absences: [{ personId: anna, week: '2026-W49' }],
      overrides: [{ personId: anna, minHours: 1, maxHours: 2 }],
    }))
    expect(result.weeks).toEqual(['2026-W46', '2026-W47', '2026-W48', '2026-W49', '2026-W50'])
    const [annaRow, boRow] = result.rows
    expect(annaRow!.person.name).toBe('Anna')
    expect(annaRow!.override).toBe(true)
    expect(annaRow!.weeks.map((w) => w.status)).toEqual(['under', 'under', 'inden for', 'fravær', 'under'])
    expect(boRow!.weeks.map((w) => [w.hours, w.status, w.finished])).toEqual([
      [0, 'under', true], [0, 'under', true], [0, 'under', true], [3.5, 'inden for', true], [2, 'under', false],
    ])
    expect(boRow!.pressure).toEqual([{ kind: 'under', weeks: ['2026-W46', '2026-W47', '2026-W48'], ongoing: false }])
    expect(annaRow!.pressure).toEqual([])
    // W49: Anna absent, so only Bo's band counts; W50: both, and it is not over yet.
    expect(result.group.map((g) => [g.week, g.hours, g.band, g.netPeople, g.finished])).toEqual([
      ['2026-W46', 0, { minHours: 4, maxHours: 6 }, 2, true],
      ['2026-W47', 0, { minHours: 4, maxHours: 6 }, 2, true],
      ['2026-W48', 1, { minHours: 4, maxHours: 6 }, 2, true],
      ['2026-W49', 3.5, { minHours: 3, maxHours: 4 }, 1, true],
      ['2026-W50', 2, { minHours: 4, maxHours: 6 }, 2, false],
    ])
  })

  it('a week where everyone is absent is absence for the group, not under budget', () => {
    const result = teamWeek(input({ span: 1, absences: [{ personId: anna, week: '2026-W49' }, { personId: bo, week: '2026-W49' }] }))
    expect(result.group[0]).toMatchObject({ week: '2026-W49', netPeople: 0, status: 'fravær' })
  })
})
