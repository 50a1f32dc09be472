import { describe, expect, it } from 'vitest'
import { formFromSpan, readEntryForm, validateSpan, type EntryForm } from '../../../src/domain/timer.ts'
import { entryDurationMs, isForgotten, type TimeSpan } from '../../../src/domain/timeSpan.ts'

const at = (d: number, h: number, min = 0): number => new Date(2026, 10, d, h, min).getTime()
const MIN = 60_000
const NOW = at(28, 15, 0) // Saturday 28.11.2026 kl. 15.00

describe('entryDurationMs', () => {
  it.each<[string, TimeSpan, number]>([
    ['finished', { start: at(28, 9), end: at(28, 10, 30) }, 90 * MIN],
    ['running counts to now', { start: at(28, 14, 15), end: null }, 45 * MIN],
    ['never negative', { start: at(28, 16), end: null }, 0],
  ])('%s', (_name, span, ms) => {
    expect(entryDurationMs(span, NOW)).toBe(ms)
  })
})

describe('validateSpan', () => {
  it.each<[string, TimeSpan, string[]]>([
    ['valid', { start: at(28, 9), end: at(28, 10) }, []],
    ['running is valid', { start: at(28, 9), end: null }, []],
    ['end equals start', { start: at(28, 9), end: at(28, 9) }, ['endNotAfterStart']],
    ['end before start', { start: at(28, 9), end: at(28, 8) }, ['endNotAfterStart']],
    ['exactly 16 h', { start: at(27, 8), end: at(28, 0) }, []],
    ['over 16 h', { start: at(27, 8), end: at(28, 0, 1) }, ['tooLong']],
    ['end within a minute of now', { start: at(28, 14), end: NOW + 59_000 }, []],
    ['end in the future', { start: at(28, 14), end: at(28, 16) }, ['inFuture']],
    ['running started in the future', { start: at(28, 16), end: null }, ['inFuture']],
    ['bad start', { start: Number.NaN, end: at(28, 10) }, ['startInvalid']],
    ['bad end', { start: at(28, 9), end: Number.NaN }, ['endInvalid']],
  ])('%s', (_name, span, problems) => {
    expect(validateSpan(span, NOW)).toEqual(problems)
  })
})

describe('isForgotten', () => {
  it.each<[string, TimeSpan, number, boolean]>([
    ['short timer today', { start: at(28, 9), end: null }, at(28, 15), false],
    ['exactly 8 h', { start: at(28, 7), end: null }, at(28, 15), false],
    ['more than 8 h', { start: at(28, 6, 59), end: null }, at(28, 15), true],
    ['across midnight though short', { start: at(27, 23, 30), end: null }, at(28, 0, 10), true],
    ['stopped entries never', { start: at(20, 9), end: at(20, 10) }, at(28, 15), false],
  ])('%s', (_name, span, now, forgotten) => {
    expect(isForgotten(span, now)).toBe(forgotten)
  })
})

describe('readEntryForm', () => {
  const form = (changes: Partial<EntryForm>): EntryForm => ({
    date: '2026-11-28', startTime: '09:00', mode: 'end', endTime: '10:30', minutes: '', ...changes,
  })

  it.each<[string, Partial<EntryForm>, boolean, TimeSpan | null, string[]]>([
    ['end time', {}, false, { start: at(28, 9), end: at(28, 10, 30) }, []],
    ['minutes', { mode: 'minutes', minutes: '45' }, false, { start: at(28, 9), end: at(28, 9, 45) }, []],
    ['minutes across midnight', { date: '2026-11-27', startTime: '23:30', mode: 'minutes', minutes: '60' }, false, { start: at(27, 23, 30), end: at(28, 0, 30) }, []],
    ['missing end', { endTime: '' }, false, null, ['endMissing']],
    ['empty end keeps running', { endTime: '' }, true, { start: at(28, 9), end: null }, []],
    ['end before start', { endTime: '08:00' }, false, null, ['endNotAfterStart']],
    ['no date', { date: '' }, false, null, ['startInvalid']],
    ['no start time', { startTime: '' }, false, null, ['startInvalid']],
    ['zero minutes', { mode: 'minutes', minutes: '0' }, false, null, ['minutesInvalid']],
    ['fractional minutes', { mode: 'minutes', minutes: '1,5' }, false, null, ['minutesInvalid']],
    ['text minutes', { mode: 'minutes', minutes: 'en time' }, false, null, ['minutesInvalid']],
    ['too many minutes', { mode: 'minutes', minutes: String(16 * 60 + 1), date: '2026-11-27' }, false, null, ['tooLong']],
    ['tomorrow', { date: '2026-11-29' }, false, null, ['inFuture']],
  ])('%s', (_name, changes, allowRunning, span, problems) => {
    const result = readEntryForm(form(changes), NOW, allowRunning)
    expect(result.problems).toEqual(problems)
    if (span) expect(result.span).toEqual(span)
  })
})

describe('formFromSpan', () => {
  it.each<[string, TimeSpan, Partial<EntryForm>]>([
    ['same day', { start: at(28, 9), end: at(28, 10, 30) }, { date: '2026-11-28', startTime: '09:00', mode: 'end', endTime: '10:30', minutes: '90' }],
    ['running', { start: at(28, 9), end: null }, { mode: 'end', endTime: '', minutes: '' }],
    ['across midnight uses minutes', { start: at(27, 23), end: at(28, 1) }, { date: '2026-11-27', mode: 'minutes', endTime: '', minutes: '120' }],
  ])('%s', (_name, span, expected) => {
    const form = formFromSpan(span)
    expect(form).toMatchObject(expected)
    if (span.end !== null) expect(readEntryForm(form, NOW, false).span).toEqual(span)
  })
})
