import { describe, expect, it } from 'vitest'
import { teamWeek, type MemberEntry } from '../../../src/domain/teamWeek.ts'
import { teamWeekScope, teamWeekView } from '../../../src/domain/teamWeekView.ts'
import { weekKeyOf } from '../../../src/domain/weekKey.ts'
import type { PersonId } from '../../../src/domain/records/fields.ts'

const H = 3_600_000
const at = (m: number, d: number, h = 9): number => new Date(2026, m - 1, d, h).getTime()
const anna = 'anna' as PersonId
const bo = 'bo' as PersonId
const entry = (personId: PersonId, start: number, hours: number): MemberEntry => ({ personId, start, end: start + hours * H, activity: 'daglig hjælp', week: weekKeyOf(start) })
// Bo is over the band three finished weeks in a row; Anna keeps it.
const week = teamWeek({
  people: [{ id: bo, name: 'Bo', role: 'superbruger' }, { id: anna, name: 'Anna', role: 'koordinator' }],
  entries: [entry(bo, at(11, 16), 6), entry(bo, at(11, 23), 6), entry(bo, at(11, 30), 6), entry(anna, at(11, 30), 3)],
  absences: [{ personId: anna, week: '2026-W48' }],
  band: { minHours: 3, maxHours: 4 }, overrides: [],
  requests: [{ assigneeId: bo, status: 'ny', count: 1 }], runs: [],
  span: 3, now: at(12, 8, 12),
})

describe('teamWeekScope', () => {
  it.each([['koordinator', 'all'], ['leder', 'kept'], ['admin', 'kept'], ['superbruger', 'own'], [undefined, 'own']] as const)('%s → %s', (role, scope) => {
    expect(teamWeekScope(role)).toBe(scope)
  })
})

describe('teamWeekView', () => {
  it('gives the koordinator every row with hours, open work and the direction of pressure', () => {
    const view = teamWeekView(week, 'koordinator', anna)
    expect(view.rows.map((r) => [r.person.name, r.full !== null])).toEqual([['Anna', true], ['Bo', true]])
    expect(view.rows[1]!.full!.load.open).toBe(1)
    expect(view.rows[1]!.pressure).toEqual([{ weeks: ['2026-W47', '2026-W48', '2026-W49'], ongoing: true, kind: 'over' }])
  })

  it('gives the leder, per person, only whether the band was kept: no hours, no counts, no direction', () => {
    const view = teamWeekView(week, 'leder', 'lis' as PersonId)
    expect(view.rows.every((r) => r.full === null)).toBe(true)
    expect(view.rows[1]!.kept.map((k) => k.mark)).toEqual(['ikke holdt', 'ikke holdt', 'ikke holdt', 'i gang'])
    expect(view.rows[0]!.kept.map((k) => k.mark)).toEqual(['ikke holdt', 'fravær', 'holdt', 'i gang'])
    expect(view.rows[1]!.pressure).toEqual([{ weeks: ['2026-W47', '2026-W48', '2026-W49'], ongoing: true }])
    expect(JSON.stringify(view.rows)).not.toMatch(/hours|load/)
    expect(view.group.map((g) => g.hours)).toEqual([6, 6, 9, 0])
  })

  it('gives a superuser their own row and the group totals only', () => {
    const view = teamWeekView(week, 'superbruger', bo)
    expect(view.rows.map((r) => r.person.name)).toEqual(['Bo'])
    expect(view.group).toHaveLength(4)
  })
})
