import { describe, expect, it } from 'vitest'
import { defaultOwner, guideFor, isOutOfRole, OWNER_GUIDE, suggestStatusForOwner } from '../../../src/domain/triage.ts'
import { OWNERS, type Category, type Owner, type RequestStatus } from '../../../src/domain/records/request.ts'
import { message } from './requestMessages.ts'

describe('triage guide', () => {
  it('explains every owner once, with examples, in both languages', () => {
    expect(OWNER_GUIDE.map((g) => g.owner).sort()).toEqual([...OWNERS].sort())
    for (const g of OWNER_GUIDE) {
      expect(g.exampleKeys.length).toBeGreaterThan(0)
      for (const key of [g.labelKey, g.explanationKey, ...g.exampleKeys]) {
        expect(typeof message('da', key), key).toBe('string')
        expect(typeof message('en', key), key).toBe('string')
      }
    }
    expect(OWNER_GUIDE[0]?.owner).toBe('superbruger')
  })

  it('returns the guide entry of an owner', () => {
    expect(guideFor('it-afdelingen').explanationKey).toBe('requests.owners.centralIt.explanation')
  })

  it.each<[Category, string | null, Owner]>([
    ['acadre', null, 'superbruger'],
    ['hardware', null, 'superbruger'],
    ['andet', null, 'superbruger'],
    ['hardware', 'mobileSetup', 'it-afdelingen'],
    ['hardware', 'unknown-preset', 'superbruger'],
  ])('category %s with preset %s defaults to %s', (category, preset, owner) => {
    expect(defaultOwner(category, preset)).toBe(owner)
  })

  it.each<[Owner, boolean]>([
    ['superbruger', false], ['medarbejder', true], ['afdeling', true], ['it-afdelingen', true], ['ledelse', true],
  ])('%s is out of role: %s', (owner, out) => {
    expect(isOutOfRole(owner)).toBe(out)
  })

  it.each<[Owner, RequestStatus, RequestStatus]>([
    ['medarbejder', 'ny', 'uden for rollen'],
    ['afdeling', 'løst', 'uden for rollen'],
    ['ledelse', 'i gang', 'uden for rollen'],
    ['it-afdelingen', 'ny', 'uden for rollen'],
    ['it-afdelingen', 'sendt til IT', 'sendt til IT'],
    ['superbruger', 'uden for rollen', 'ny'],
    ['superbruger', 'løst', 'løst'],
    ['superbruger', 'venter', 'venter'],
  ])('owner %s turns status %s into %s', (owner, current, suggested) => {
    expect(suggestStatusForOwner(owner, current)).toBe(suggested)
  })
})
