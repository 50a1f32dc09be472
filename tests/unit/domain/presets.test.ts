import { describe, expect, it } from 'vitest'
import { findPreset, PRESETS } from '../../../src/domain/presets.ts'
import { MAX_LOG_MINUTES } from '../../../src/domain/requestRules.ts'
import { CATEGORIES, type Category } from '../../../src/domain/records/request.ts'
import { message, messageKeys } from './requestMessages.ts'

describe('presets', () => {
  it('have unique ids and sensible durations', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length)
    for (const p of PRESETS) {
      expect(Number.isInteger(p.minutes) && p.minutes > 0 && p.minutes <= MAX_LOG_MINUTES, p.id).toBe(true)
      expect(CATEGORIES).toContain(p.category)
    }
  })

  it('have a Danish and an English label', () => {
    for (const p of PRESETS) {
      expect(typeof message('da', p.labelKey), p.labelKey).toBe('string')
      expect(typeof message('en', p.labelKey), p.labelKey).toBe('string')
    }
  })

  it('English messages have exactly the Danish keys', () => {
    expect(messageKeys('en')).toEqual(messageKeys('da'))
    expect(messageKeys('da').length).toBeGreaterThan(100)
  })

  // Every superuser task category of DESIGN.md can be logged with one tap.
  const covered: Category[] = [
    'acadre', 'office', 'skabeloncenter', 'doc2mail', 'telefoni', 'adgangskode', 'helpdesk',
    'databeskyttelse', 'hardware', 'onboarding', 'brugertest', 'undervisning',
  ]
  it.each(covered)('cover the category %s', (category) => {
    expect(PRESETS.some((p) => p.category === category && p.owner === 'superbruger')).toBe(true)
  })

  it.each([
    ['acadreUnlock', 'acadre', 'daglig hjælp', 'superbruger', 'løst'],
    ['acadreArchive', 'acadre', 'daglig hjælp', 'superbruger', 'løst'],
    ['helpdesk', 'helpdesk', 'daglig hjælp', 'superbruger', 'sendt til IT'],
    ['dataProtection', 'databeskyttelse', 'databeskyttelse', 'superbruger', 'løst'],
    ['userTest', 'brugertest', 'brugertest', 'superbruger', 'løst'],
    ['training', 'undervisning', 'videndeling', 'superbruger', 'løst'],
    ['mobileSetup', 'hardware', 'daglig hjælp', 'it-afdelingen', 'uden for rollen'],
  ])('%s fills category %s, activity %s, owner %s, status %s', (id, category, activity, owner, status) => {
    expect(findPreset(id)).toMatchObject({ category, activity, owner, status })
  })

  it.each([[null], [undefined], [''], ['retired-preset']])('finds nothing for %s', (id) => {
    expect(findPreset(id)).toBeUndefined()
  })
})
