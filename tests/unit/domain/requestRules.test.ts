import { describe, expect, it } from 'vitest'
import {
  applyPreset, canChangeStatus, emptyDraft, isOpenStatus, MAX_LOG_MINUTES, nextStatuses, parseStatusFilter,
  statusesOf, timeDraftFor, validateRequestDraft, type RequestDraft,
} from '../../../src/domain/requestRules.ts'
import { REQUEST_STATUSES, type RequestStatus } from '../../../src/domain/records/request.ts'
import type { PersonId } from '../../../src/domain/records/fields.ts'

const draft = (changes: Partial<RequestDraft> = {}): RequestDraft => ({ ...emptyDraft(), description: 'Hjælp', ...changes })

describe('status rules', () => {
  it.each<[RequestStatus, boolean]>([
    ['ny', true], ['i gang', true], ['venter', true], ['henvist', true], ['sendt til IT', true],
    ['løst', false], ['uden for rollen', false],
  ])('%s is open: %s', (status, open) => {
    expect(isOpenStatus(status)).toBe(open)
  })

  it.each<[RequestStatus, RequestStatus, boolean]>([
    ['ny', 'løst', true], ['ny', 'i gang', true], ['i gang', 'venter', true], ['venter', 'i gang', true],
    ['sendt til IT', 'løst', true], ['løst', 'i gang', true], ['uden for rollen', 'i gang', true],
    ['løst', 'venter', false], ['ny', 'ny', false], ['ny', 'henvist', false], ['sendt til IT', 'uden for rollen', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canChangeStatus(from, to)).toBe(allowed)
  })

  it('never offers the current status or "henvist" as a button', () => {
    for (const s of REQUEST_STATUSES) {
      expect(nextStatuses(s)).not.toContain(s)
      expect(nextStatuses(s)).not.toContain('henvist')
      expect(nextStatuses(s).length).toBeGreaterThan(0)
    }
  })

  it.each<[unknown, readonly RequestStatus[]]>([
    ['open', ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT']],
    ['all', REQUEST_STATUSES],
    ['løst', ['løst']],
    ['nonsense', ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT']],
    [undefined, ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT']],
  ])('filter %s selects %j', (value, statuses) => {
    expect(statusesOf(parseStatusFilter(value))).toEqual(statuses)
  })
})

describe('drafts', () => {
  it('fills category, owner, status and description from a preset', () => {
    const me = 'p1' as PersonId
    expect(applyPreset(emptyDraft(me), 'acadreUnlock', 'Acadre: lås dokument op')).toMatchObject({
      presetId: 'acadreUnlock', category: 'acadre', owner: 'superbruger', status: 'løst',
      description: 'Acadre: lås dokument op', assigneeId: me,
    })
  })

  it('keeps a description the user already wrote', () => {
    expect(applyPreset(draft({ description: 'Eget' }), 'office', 'Office-hjælp').description).toBe('Eget')
  })

  it('ignores an unknown preset', () => {
    const d = draft()
    expect(applyPreset(d, 'nope', 'x')).toBe(d)
  })

  it.each([
    ['acadreUnlock', { logMinutes: 5, activity: 'daglig hjælp' }],
    ['training', { logMinutes: 15, activity: 'videndeling' }],
    [null, { logMinutes: null, activity: 'daglig hjælp' }],
  ])('preset %s logs %j', (id, time) => {
    expect(timeDraftFor(id)).toEqual(time)
  })
})

describe('validateRequestDraft', () => {
  it.each<[string, Partial<RequestDraft>, number | null, string[]]>([
    ['a valid draft', {}, null, []],
    ['a valid draft with time', {}, 10, []],
    ['an empty description', { description: '' }, null, ['description']],
    ['a blank description', { description: '   \n' }, null, ['description']],
    ['a very long description', { description: 'x'.repeat(2001) }, null, ['description']],
    ['a long requester', { requesterName: 'x'.repeat(121) }, null, ['requesterName']],
    ['zero minutes', {}, 0, ['logMinutes']],
    ['fractional minutes', {}, 2.5, ['logMinutes']],
    ['too many minutes', {}, MAX_LOG_MINUTES + 1, ['logMinutes']],
    ['NaN minutes', { description: '' }, Number.NaN, ['description', 'logMinutes']],
  ])('%s gives errors on %j', (_name, changes, minutes, fields) => {
    const errors = validateRequestDraft(draft(changes), { logMinutes: minutes, activity: 'daglig hjælp' })
    expect(errors.map((e) => e.field)).toEqual(fields)
  })

  it('uses Danish message keys', () => {
    expect(validateRequestDraft(draft({ description: '' }))[0]?.messageKey).toBe('requests.errors.descriptionRequired')
  })
})
