import { PRESETS } from './presets.ts'
import { uniqueSlug } from './slugKey.ts'
import { CATEGORIES, type CategoryKey } from './records/request.ts'
import type { Team, TeamCategory, TeamPreset } from './records/team.ts'

/** The built-in categories as a team list: all shown, with their built-in names. */
export const DEFAULT_TEAM_CATEGORIES: readonly TeamCategory[] = CATEGORIES.map((key) => ({ key, label: '', active: true }))

/** The built-in presets as a team list: all shown, with their built-in names. */
export const DEFAULT_TEAM_PRESETS: readonly TeamPreset[] = PRESETS.map(({ labelKey: _labelKey, ...rules }) => ({ ...rules, label: '', active: true }))

const BUILT_IN_CATEGORIES: ReadonlySet<string> = new Set(CATEGORIES)

/** Longest preset duration (a full working day, like the request form's limit). */
export const MAX_PRESET_MINUTES = 600

/** i18n key of a built-in category's name; null for a category a team added. */
export function categoryLabelKey(key: CategoryKey): string | null {
  return BUILT_IN_CATEGORIES.has(key) ? `requests.categories.${key}` : null
}

/** i18n key of a built-in preset's name; null for a preset a team added. */
export function presetLabelKey(id: string): string | null {
  return PRESETS.find((p) => p.id === id)?.labelKey ?? null
}

/** The team's list followed by the defaults it lacks, so a built-in added in a later version shows up. */
function withDefaults<T>(list: readonly T[] | undefined, defaults: readonly T[], idOf: (item: T) => string): T[] {
  if (!list) return [...defaults]
  const present = new Set(list.map(idOf))
  return [...list, ...defaults.filter((item) => !present.has(idOf(item)))]
}

/** A team's categories in its order; the built-in list when it has none of its own. */
export function teamCategories(team: Pick<Team, 'categories'> | null | undefined): TeamCategory[] {
  return withDefaults(team?.categories, DEFAULT_TEAM_CATEGORIES, (c) => c.key)
}

/** A team's presets in its order; the built-in list when it has none of its own. */
export function teamPresets(team: Pick<Team, 'presets'> | null | undefined): TeamPreset[] {
  return withDefaults(team?.presets, DEFAULT_TEAM_PRESETS, (p) => p.id)
}

/**
 * The categories to offer in a picker: the shown ones, plus `current` when it is hidden (or no
 * longer known), so editing an old request never silently changes its category.
 */
export function categoryChoices(list: readonly TeamCategory[], current?: CategoryKey | null): TeamCategory[] {
  const shown = list.filter((c) => c.active || c.key === current)
  if (current && !shown.some((c) => c.key === current)) shown.push({ key: current, label: '', active: false })
  return shown
}

/** The name to show for a category or preset: the team's own, else the built-in one, else the key. */
export function listItemName(label: string, labelKey: string | null, key: string, translate: (key: string) => string): string {
  if (label.trim() !== '') return label
  return labelKey ? translate(labelKey) : key
}

/** A key for a category or preset a team adds, from its name; unique among `taken`. */
export function newListKey(name: string, taken: ReadonlySet<string>): string {
  return uniqueSlug(name, taken, 'egen')
}

/** Something the categories screen must fix before saving; `index` points into its list. */
export type TeamListProblem =
  | { readonly list: 'categories', readonly field: 'none' }
  | { readonly list: 'categories' | 'presets', readonly field: 'label', readonly index: number }
  | { readonly list: 'presets', readonly field: 'minutes' | 'category', readonly index: number }

/**
 * What is wrong with edited lists: at least one category must be shown; categories and presets
 * a team added need a name (built-in ones fall back to theirs); a preset needs 1–600 minutes and
 * a category from the list.
 */
export function checkTeamLists(categories: readonly TeamCategory[], presets: readonly TeamPreset[]): TeamListProblem[] {
  const problems: TeamListProblem[] = []
  if (!categories.some((c) => c.active)) problems.push({ list: 'categories', field: 'none' })
  categories.forEach((c, index) => {
    if (c.label.trim() === '' && categoryLabelKey(c.key) === null) problems.push({ list: 'categories', field: 'label', index })
  })
  const keys = new Set(categories.map((c) => c.key))
  presets.forEach((p, index) => {
    if (p.label.trim() === '' && presetLabelKey(p.id) === null) problems.push({ list: 'presets', field: 'label', index })
    if (!Number.isInteger(p.minutes) || p.minutes < 1 || p.minutes > MAX_PRESET_MINUTES) problems.push({ list: 'presets', field: 'minutes', index })
    if (!keys.has(p.category)) problems.push({ list: 'presets', field: 'category', index })
  })
  return problems
}
