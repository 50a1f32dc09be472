/// <reference types="node" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonths, addWeeks, daysOfWeek, endOfIsoWeek, monthOfWeek, parseMonthKey, parseWeekKey, startOfIsoWeek, thursdayOf, weeksInYear, weeksOfMonth } from '../../../src/domain/isoWeek.ts'
import { isoWeekOf, weekKey, weekKeyOf } from '../../../src/domain/weekKey.ts'

/** Local time of a calendar date (month 1–12). */
const at = (y: number, m: number, d: number, h = 12, min = 0): number => new Date(y, m - 1, d, h, min).getTime()
const ymd = (ms: number): string => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()} ${d.getHours()}:${d.getMinutes()}`
}

// Week rules are in local time; Copenhagen has DST changes inside weeks 13 and 43/44.
describe.each(['UTC', 'Europe/Copenhagen', 'America/New_York'])('ISO weeks in %s', (tz) => {
  const original = process.env.TZ
  beforeAll(() => { process.env.TZ = tz })
  afterAll(() => { process.env.TZ = original })

  it.each([
    [2020, 12, 31, '2020-W53'],
    [2021, 1, 1, '2020-W53'],
    [2021, 1, 3, '2020-W53'],
    [2021, 1, 4, '2021-W01'],
    [2024, 12, 29, '2024-W52'],
    [2024, 12, 30, '2025-W01'],
    [2026, 1, 1, '2026-W01'],
    [2026, 3, 29, '2026-W13'],
    [2026, 3, 30, '2026-W14'],
    [2026, 10, 25, '2026-W43'],
    [2026, 11, 28, '2026-W48'],
    [2026, 12, 31, '2026-W53'],
    [2027, 1, 3, '2026-W53'],
    [2027, 1, 4, '2027-W01'],
  ])('%i-%i-%i is %s', (y, m, d, key) => {
    expect(weekKeyOf(at(y, m, d))).toBe(key)
    expect(weekKeyOf(at(y, m, d, 0, 0))).toBe(key)
    expect(weekKeyOf(at(y, m, d, 23, 59))).toBe(key)
  })

  it.each([[2015, 53], [2020, 53], [2021, 52], [2024, 52], [2025, 52], [2026, 53], [2032, 53]])('%i has %i weeks', (year, n) => {
    expect(weeksInYear(year)).toBe(n)
  })

  it.each([
    ['2026-W48', 1, '2026-W49'],
    ['2026-W48', -1, '2026-W47'],
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2020-W52', 1, '2020-W53'],
    ['2021-W01', -1, '2020-W53'],
    ['2025-W52', 1, '2026-W01'],
    ['2026-W10', 52, '2027-W09'],
    ['2026-W13', 1, '2026-W14'],
  ])('%s + %i weeks is %s', (from, offset, to) => {
    expect(weekKey(addWeeks(parseWeekKey(from)!, offset))).toBe(to)
  })

  it.each([
    ['2026-W48', '2026-11-23 0:0', '2026-11-30 0:0'],
    ['2025-W01', '2024-12-30 0:0', '2025-1-6 0:0'],
    ['2020-W53', '2020-12-28 0:0', '2021-1-4 0:0'],
    ['2026-W13', '2026-3-23 0:0', '2026-3-30 0:0'],
  ])('%s runs from Monday %s to %s', (key, monday, next) => {
    const week = parseWeekKey(key)!
    expect(ymd(startOfIsoWeek(week))).toBe(monday)
    expect(new Date(startOfIsoWeek(week)).getDay()).toBe(1)
    expect(ymd(endOfIsoWeek(week))).toBe(next)
    const days = daysOfWeek(week)
    expect(days).toHaveLength(7)
    expect(days.map((d) => new Date(d).getDay())).toEqual([1, 2, 3, 4, 5, 6, 0])
    expect(days.every((d) => weekKeyOf(d) === key)).toBe(true)
  })

  it.each([
    ['2026-W48', 2026, 11],
    ['2026-W44', 2026, 10], // Mon 26 Oct – Sun 1 Nov: Thursday 29 Oct
    ['2026-W53', 2026, 12],
    ['2025-W01', 2025, 1], // starts 30 Dec 2024, Thursday 2 Jan 2025
    ['2020-W53', 2020, 12],
  ])('%s belongs to %i-%i (its Thursday)', (key, year, month) => {
    const week = parseWeekKey(key)!
    expect(monthOfWeek(week)).toEqual({ year, month })
    expect(new Date(thursdayOf(week)).getDay()).toBe(4)
  })

  it.each([
    [2026, 11, ['2026-W45', '2026-W46', '2026-W47', '2026-W48']],
    [2026, 10, ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44']],
    [2026, 12, ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']],
    [2027, 1, ['2027-W01', '2027-W02', '2027-W03', '2027-W04']],
    [2025, 1, ['2025-W01', '2025-W02', '2025-W03', '2025-W04', '2025-W05']],
    [2026, 2, ['2026-W06', '2026-W07', '2026-W08', '2026-W09']],
  ])('weeks of %i-%i', (year, month, keys) => {
    expect(weeksOfMonth({ year, month }).map(weekKey)).toEqual(keys)
  })
})

describe('keys', () => {
  it.each([
    ['2026-W48', { year: 2026, week: 48 }],
    ['2026-W53', { year: 2026, week: 53 }],
    ['2025-W53', null],
    ['2026-W00', null],
    ['2026-W5', null],
    ['uge 48', null],
  ])('parseWeekKey(%s)', (key, expected) => {
    expect(parseWeekKey(key)).toEqual(expected)
  })

  it('isoWeekOf gives numbers, weekKey pads', () => {
    expect(isoWeekOf(at(2026, 2, 3))).toEqual({ year: 2026, week: 6 })
    expect(weekKey({ year: 2026, week: 6 })).toBe('2026-W06')
  })

  it.each([
    ['2026-11', { year: 2026, month: 11 }],
    ['2026-13', null],
    ['2026-00', null],
    ['26-11', null],
  ])('parseMonthKey(%s)', (key, expected) => {
    expect(parseMonthKey(key)).toEqual(expected)
  })

  it.each([
    [2026, 11, 1, 2026, 12],
    [2026, 12, 1, 2027, 1],
    [2027, 1, -1, 2026, 12],
    [2026, 3, -15, 2024, 12],
    [2026, 3, 0, 2026, 3],
  ])('%i-%i + %i months is %i-%i', (y, m, offset, y2, m2) => {
    expect(addMonths({ year: y, month: m }, offset)).toEqual({ year: y2, month: m2 })
  })
})
