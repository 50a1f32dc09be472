import { describe, expect, it } from 'vitest'
import {
  activeListFields, criteriaOf, isListDay, parseListFilter, toListQuery, withListField, withoutListField,
  type ListQuery, type RequestListFilter,
} from '../../../src/domain/requestListFilter.ts'
import { matchesCriteria, narrowsBeyondStatus, type CriteriaFields } from '../../../src/domain/requestCriteria.ts'
import { OPEN_STATUSES } from '../../../src/domain/requestRules.ts'
import { REQUEST_STATUSES } from '../../../src/domain/records/request.ts'
import type { AssetId, DepartmentId, PersonId } from '../../../src/domain/records/fields.ts'

const dep = 'd-0193' as DepartmentId
const sara = '0193a6b2-7c1d-7000-8000-000000000001' as PersonId
const printer = 'a-17' as AssetId

describe('parseListFilter', () => {
  it.each<[string, ListQuery, RequestListFilter]>([
    ['nothing: open requests', {}, { status: 'open' }],
    ['status all', { status: 'all' }, { status: 'all' }],
    ['one status', { status: 'sendt til IT' }, { status: 'sendt til IT' }],
    ['category and department', { kategori: 'acadre', afdeling: dep }, { status: 'open', category: 'acadre', departmentId: dep }],
    ['a team\'s own category key', { kategori: 'egen-2' }, { status: 'open', category: 'egen-2' }],
    ['no department', { afdeling: 'ingen' }, { status: 'open', departmentId: null }],
    ['preset, channel, owner', { genvej: 'acadre-unlock', kanal: 'telefon', ejer: 'it-afdelingen' }, { status: 'open', presetId: 'acadre-unlock', channel: 'telefon', owner: 'it-afdelingen' }],
    ['channel with a Danish letter', { kanal: 'fremmøde' }, { status: 'open', channel: 'fremmøde' }],
    ['assignee and asset', { ansvarlig: sara, udstyr: printer }, { status: 'open', assigneeId: sara, assetId: printer }],
    ['period', { status: 'all', fra: '2026-11-01', til: '2026-11-30' }, { status: 'all', from: '2026-11-01', to: '2026-11-30' }],
    ['only a start day', { fra: '2024-02-29' }, { status: 'open', from: '2024-02-29' }],
  ])('%s', (_name, query, expected) => {
    expect(parseListFilter(query)).toEqual(expected)
  })

  it.each<[string, ListQuery]>([
    ['unknown status', { status: 'lukket' }],
    ['unknown channel', { kanal: 'brevdue' }],
    ['unknown owner', { ejer: 'chefen' }],
    ['category with spaces', { kategori: 'ikke en nøgle' }],
    ['category too long', { kategori: 'a'.repeat(49) }],
    ['preset with a slash', { genvej: '../x' }],
    ['empty values', { kategori: '', afdeling: '', ansvarlig: '', fra: '' }],
    ['repeated values (arrays)', { kategori: ['acadre', 'office'], afdeling: [dep] }],
    ['null and numbers', { kategori: null, ejer: 3, udstyr: { id: 1 } }],
    ['id with a space', { ansvarlig: 'a b', udstyr: 'x\ny' }],
    ['id too long', { afdeling: 'd'.repeat(65) }],
    ['not a day', { fra: '1.11.2026', til: '2026-11' }],
    ['impossible days', { fra: '2026-02-30', til: '2025-02-29' }],
    ['month 13', { fra: '2026-13-01' }],
    ['unknown parameters', { sort: 'asc', side: '2' }],
  ])('ignores %s', (_name, query) => {
    expect(parseListFilter({ status: 'all', ...query })).toEqual({ status: query.status === undefined ? 'all' : 'open' })
  })
})

describe('toListQuery', () => {
  it.each<[string, RequestListFilter, Record<string, string>]>([
    ['status only', { status: 'open' }, { status: 'open' }],
    ['every field', {
      status: 'all', category: 'acadre', presetId: 'acadre-unlock', departmentId: dep, assigneeId: sara,
      owner: 'ledelse', channel: 'mail', assetId: printer, from: '2026-01-01', to: '2026-03-31',
    }, {
      status: 'all', kategori: 'acadre', genvej: 'acadre-unlock', afdeling: dep, ansvarlig: sara,
      ejer: 'ledelse', kanal: 'mail', udstyr: printer, fra: '2026-01-01', til: '2026-03-31',
    }],
    ['no department', { status: 'løst', departmentId: null }, { status: 'løst', afdeling: 'ingen' }],
  ])('%s, and reads back to the same filter', (_name, filter, query) => {
    expect(toListQuery(filter)).toEqual(query)
    expect(parseListFilter(toListQuery(filter))).toEqual(filter)
  })
})

describe('editing a filter', () => {
  const filter: RequestListFilter = { status: 'all', category: 'acadre', departmentId: null, to: '2026-11-30' }

  it('lists the set fields in chip order and removes or sets one', () => {
    expect(activeListFields(filter)).toEqual(['category', 'departmentId', 'to'])
    expect(withoutListField(filter, 'departmentId')).toEqual({ status: 'all', category: 'acadre', to: '2026-11-30' })
    expect(withListField(filter, 'channel', 'chat')).toEqual({ ...filter, channel: 'chat' })
    expect(withListField(filter, 'category', undefined)).toEqual({ status: 'all', departmentId: null, to: '2026-11-30' })
    expect(activeListFields({ status: 'open' })).toEqual([])
  })

  it.each<[string, boolean]>([
    ['2026-12-07', true], ['2024-02-29', true], ['2023-02-29', false], ['2026-04-31', false], ['26-12-07', false], ['2026-12-7', false],
  ])('%s is a day: %s', (value, day) => {
    expect(isListDay(value)).toBe(day)
  })
})

describe('criteriaOf and matchesCriteria', () => {
  const base: CriteriaFields = {
    status: 'ny', category: 'acadre', presetId: null, channel: 'telefon', owner: 'superbruger',
    assigneeId: sara, departmentId: dep, assetId: null, createdAt: new Date(2026, 10, 15, 12).getTime(),
  }

  it('turns the days into local-time bounds that include the whole last day', () => {
    const c = criteriaOf({ status: 'all', from: '2026-11-01', to: '2026-11-30' })
    expect(c).toEqual({ statuses: REQUEST_STATUSES, createdFrom: new Date(2026, 10, 1).getTime(), createdBefore: new Date(2026, 11, 1).getTime() })
    expect(criteriaOf({ status: 'open' })).toEqual({ statuses: OPEN_STATUSES })
    expect(narrowsBeyondStatus(criteriaOf({ status: 'løst' }))).toBe(false)
    expect(narrowsBeyondStatus(criteriaOf({ status: 'open', departmentId: null }))).toBe(true)
  })

  it.each<[string, RequestListFilter, Partial<CriteriaFields>, boolean]>([
    ['no filter', { status: 'all' }, {}, true],
    ['status outside', { status: 'løst' }, {}, false],
    ['category', { status: 'open', category: 'acadre' }, {}, true],
    ['other category', { status: 'open', category: 'office' }, {}, false],
    ['department', { status: 'open', departmentId: dep }, {}, true],
    ['no department wanted', { status: 'open', departmentId: null }, {}, false],
    ['no department', { status: 'open', departmentId: null }, { departmentId: null }, true],
    ['assignee and channel', { status: 'open', assigneeId: sara, channel: 'telefon' }, {}, true],
    ['channel differs', { status: 'open', assigneeId: sara, channel: 'chat' }, {}, false],
    ['owner', { status: 'open', owner: 'ledelse' }, { owner: 'ledelse' }, true],
    ['preset', { status: 'open', presetId: 'acadre-unlock' }, {}, false],
    ['asset', { status: 'open', assetId: printer }, { assetId: printer }, true],
    ['first moment of the first day', { status: 'open', from: '2026-11-15' }, { createdAt: new Date(2026, 10, 15).getTime() }, true],
    ['the day before', { status: 'open', from: '2026-11-15' }, { createdAt: new Date(2026, 10, 15).getTime() - 1 }, false],
    ['last moment of the last day', { status: 'open', to: '2026-11-15' }, { createdAt: new Date(2026, 10, 16).getTime() - 1 }, true],
    ['the day after', { status: 'open', to: '2026-11-15' }, { createdAt: new Date(2026, 10, 16).getTime() }, false],
    ['across the end of summer time', { status: 'open', from: '2026-10-25', to: '2026-10-25' }, { createdAt: new Date(2026, 9, 25, 23, 30).getTime() }, true],
  ])('%s', (_name, filter, changes, expected) => {
    expect(matchesCriteria({ ...base, ...changes }, criteriaOf(filter))).toBe(expected)
  })
})
