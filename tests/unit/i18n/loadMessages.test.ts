import { describe, expect, it } from 'vitest'
import { i18n, loadFeatureMessages, setLocale, translate } from '../../../src/i18n/i18n.ts'

// A narrow view of the composer: its generic signatures are too deep for the type checker here.
const global = i18n.global as unknown as { te: (key: string, locale: string) => boolean }
const has = (key: string, locale: 'da' | 'en'): boolean => global.te(key, locale)

// One i18n instance per test file: these steps build on each other, like a user's session.
describe('on-demand messages', () => {
  it('starts with the first-screen strings only', () => {
    expect(translate('home.title')).toBe('Overblik')
    expect(translate('requests.status.iGang')).toBe('I gang')
    expect(has('requests.title', 'da')).toBe(false)
    expect(has('assets.title', 'da')).toBe(false)
  })

  it('merges a feature into its namespace without losing the eager strings', async () => {
    await loadFeatureMessages(['requests'])
    expect(translate('requests.title')).toBe('Henvendelser')
    expect(translate('requests.list.search')).toBe('Søg')
    expect(translate('requests.list.loadingRow')).toBe('Indlæser …')
    expect(translate('requests.home.more', { n: 3 })).toBe('+ 3 flere')
    expect(has('assets.title', 'da')).toBe(false)
  })

  it('loads English with the features already in use', async () => {
    await setLocale('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(translate('home.title')).not.toBe('Overblik')
    expect(has('requests.title', 'en')).toBe(true)
    expect(translate('requests.title')).not.toBe('Henvendelser')
    expect(translate('requests.status.iGang')).not.toBe('I gang')
  })

  it('loads a feature in the current language when a route asks for it', async () => {
    await loadFeatureMessages(['assets'])
    expect(has('assets.title', 'en')).toBe(true)
    expect(translate('assets.title')).not.toBe('Udstyr')
  })

  it('on switching back, loads in Danish what was used in English meanwhile', async () => {
    await setLocale('da')
    expect(translate('assets.title')).toBe('Udstyr')
    expect(translate('requests.title')).toBe('Henvendelser')
  })
})
