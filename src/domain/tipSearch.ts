import { queryWords, wordsOf } from './search.ts'
import type { CategoryKey } from './records/request.ts'
import type { Tip } from './records/tip.ts'
import type { TipId } from './records/fields.ts'

/** The tip categories the group asked for, in their order; a team's own categories follow them. */
export const TIP_CATEGORIES = [
  'acadre', 'office', 'skabeloncenter', 'doc2mail', 'telefoni', 'mobil', 'sikkerhed', 'navngivning',
] as const

/** How the tip list is ordered when nothing is searched (a search orders by how well tips match). */
export type TipSort = 'newest' | 'mostUsed'

/** What the tip list shows: words to find, one category ('' = all) and the order. */
export interface TipQuery {
  readonly query: string
  readonly category: CategoryKey | ''
  readonly sort: TipSort
}

/** A tip as listed: the record and how many times it has been read. */
export interface TipHit {
  readonly tip: Tip
  readonly uses: number
}

// A word found in the title counts most, then a tag, then the body.
const TITLE_WEIGHT = 4
const TAG_WEIGHT = 2
const BODY_WEIGHT = 1

/** How many reads each tip has: every read record counts once, from every device. */
export function countTipUses(reads: Iterable<{ readonly tipId: TipId, readonly deletedAt: number | null }>): Map<TipId, number> {
  const uses = new Map<TipId, number>()
  for (const read of reads) if (read.deletedAt === null) uses.set(read.tipId, (uses.get(read.tipId) ?? 0) + 1)
  return uses
}

function fieldScore(words: readonly string[], query: string, weight: number): number {
  if (words.includes(query)) return weight * 2
  return words.some((word) => word.startsWith(query)) ? weight : 0
}

/**
 * How well a tip matches the query words: 0 unless every word is found (whole or as the start of a
 * word) in its title, tags or body; higher when the words are whole and in the title or tags.
 */
export function scoreTip(tip: Pick<Tip, 'title' | 'body' | 'tags'>, words: readonly string[]): number {
  if (words.length === 0) return 1
  const title = wordsOf([tip.title])
  const tags = wordsOf(tip.tags)
  const body = wordsOf([tip.body])
  let total = 0
  for (const word of words) {
    const score = fieldScore(title, word, TITLE_WEIGHT) + fieldScore(tags, word, TAG_WEIGHT) + fieldScore(body, word, BODY_WEIGHT)
    if (score === 0) return 0
    total += score
  }
  return total
}

function byOrder(sort: TipSort): (a: TipHit, b: TipHit) => number {
  const newest = (a: TipHit, b: TipHit): number => b.tip.createdAt - a.tip.createdAt || (a.tip.id < b.tip.id ? -1 : 1)
  return sort === 'mostUsed' ? (a, b) => b.uses - a.uses || newest(a, b) : newest
}

/**
 * The tips to list for `query`: live ones of the category, every query word found; ordered by match
 * when words are searched (ties in the chosen order), otherwise newest or most used first.
 */
export function searchTips(tips: readonly Tip[], uses: ReadonlyMap<TipId, number>, query: TipQuery): TipHit[] {
  const words = queryWords(query.query)
  const order = byOrder(query.sort)
  const scored: { hit: TipHit, score: number }[] = []
  for (const tip of tips) {
    if (tip.deletedAt !== null) continue
    if (query.category !== '' && tip.category !== query.category) continue
    const score = scoreTip(tip, words)
    if (score > 0) scored.push({ hit: { tip, uses: uses.get(tip.id) ?? 0 }, score })
  }
  scored.sort((a, b) => b.score - a.score || order(a.hit, b.hit))
  return scored.map((s) => s.hit)
}

/** The categories a tip can have: the group's list first, then the team's own that are not in it. */
export function tipCategoryKeys(teamCategories: readonly { readonly key: CategoryKey, readonly active: boolean }[]): CategoryKey[] {
  const fixed: readonly string[] = TIP_CATEGORIES
  return [...TIP_CATEGORIES, ...teamCategories.filter((c) => c.active && !fixed.includes(c.key)).map((c) => c.key)]
}
