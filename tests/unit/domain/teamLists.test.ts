import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../../src/domain/presets.ts'
import { applyPreset, emptyDraft, timeDraftFor } from '../../../src/domain/requestRules.ts'
import {
  categoryChoices, checkTeamLists, DEFAULT_TEAM_CATEGORIES, DEFAULT_TEAM_PRESETS, listItemName, newListKey, teamCategories, teamPresets,
} from '../../../src/domain/teamLists.ts'
import { defaultOwner } from '../../../src/domain/triage.ts'
import { CATEGORIES } from '../../../src/domain/records/request.ts'
import type { TeamPreset } from '../../../src/domain/records/team.ts'

const own: TeamPreset = { id: 'teams-lyd', label: 'Teams: lyd', category: 'teams', minutes: 5, activity: 'daglig hjælp', owner: 'it-afdelingen', status: 'sendt til IT', active: true }

describe('team lists', () => {
  it('fall back to the built-in lists when the team has none', () => {
    expect(teamCategories(undefined).map((c) => c.key)).toEqual([...CATEGORIES])
    expect(teamPresets({}).map((p) => p.id)).toEqual(PRESETS.map((p) => p.id))
    expect(DEFAULT_TEAM_PRESETS[0]).toEqual({ id: 'acadreUnlock', label: '', category: 'acadre', minutes: 5, activity: 'daglig hjælp', owner: 'superbruger', status: 'løst', active: true })
  })

  it('keep the team order and add built-ins the team list lacks at the end', () => {
    const list = teamCategories({ categories: [{ key: 'teams', label: 'Teams', active: true }, { key: 'andet', label: '', active: false }] })
    expect(list.slice(0, 2).map((c) => c.key)).toEqual(['teams', 'andet'])
    expect(list).toHaveLength(CATEGORIES.length + 1)
    expect(list.at(-1)).toEqual({ key: 'undervisning', label: '', active: true })
  })

  it('offer shown categories, plus the hidden or unknown one a request already has', () => {
    const list = [{ key: 'a', label: 'A', active: true }, { key: 'b', label: 'B', active: false }]
    expect(categoryChoices(list).map((c) => c.key)).toEqual(['a'])
    expect(categoryChoices(list, 'b').map((c) => c.key)).toEqual(['a', 'b'])
    expect(categoryChoices(list, 'gone').map((c) => c.key)).toEqual(['a', 'gone'])
  })

  it.each([
    ['ESDH', 'requests.categories.acadre', 'acadre', 'ESDH'],
    ['', 'requests.categories.acadre', 'acadre', '«requests.categories.acadre»'],
    ['  ', null, 'teams', 'teams'],
  ])('names %j / %s / %s as %s', (label, labelKey, key, name) => {
    expect(listItemName(label, labelKey, key, (k) => `«${k}»`)).toBe(name)
  })

  it('makes keys that pass the server schema and never repeat a taken one', () => {
    expect(newListKey('Teams-møder', new Set())).toBe('teams-moeder')
    expect(newListKey('Acadre', new Set(CATEGORIES))).toBe('acadre-2')
    expect(newListKey('???', new Set())).toBe('egen')
  })

  it.each([
    ['the defaults', DEFAULT_TEAM_CATEGORIES, DEFAULT_TEAM_PRESETS, []],
    ['nothing shown', DEFAULT_TEAM_CATEGORIES.map((c) => ({ ...c, active: false })), [], [{ list: 'categories', field: 'none' }]],
    ['an unnamed own category', [{ key: 'x', label: ' ', active: true }], [], [{ list: 'categories', field: 'label', index: 0 }]],
    ['an unnamed own preset', DEFAULT_TEAM_CATEGORIES, [{ ...own, category: 'acadre', label: '' }], [{ list: 'presets', field: 'label', index: 0 }]],
    ['0 minutes', DEFAULT_TEAM_CATEGORIES, [{ ...own, category: 'acadre', minutes: 0 }], [{ list: 'presets', field: 'minutes', index: 0 }]],
    ['2,5 minutes', DEFAULT_TEAM_CATEGORIES, [{ ...own, category: 'acadre', minutes: 2.5 }], [{ list: 'presets', field: 'minutes', index: 0 }]],
    ['an unknown category', DEFAULT_TEAM_CATEGORIES, [own], [{ list: 'presets', field: 'category', index: 0 }]],
  ] as const)('checks %s', (_name, categories, presets, problems) => {
    expect(checkTeamLists(categories, presets)).toEqual(problems)
  })

  it('drive the request rules: a team preset sets category, owner, status, minutes and activity', () => {
    const draft = applyPreset(emptyDraft(), own.id, own.label, [own])
    expect(draft).toMatchObject({ presetId: 'teams-lyd', category: 'teams', owner: 'it-afdelingen', status: 'sendt til IT', description: 'Teams: lyd' })
    expect(timeDraftFor(own.id, [own])).toEqual({ logMinutes: 5, activity: 'daglig hjælp' })
    expect(defaultOwner('teams')).toBe('superbruger')
    expect(defaultOwner('teams', 'teams-lyd', [own])).toBe('it-afdelingen')
    // without a team list the built-in presets apply, as before
    expect(applyPreset(emptyDraft(), 'teams-lyd', 'x')).toEqual(emptyDraft())
  })
})
