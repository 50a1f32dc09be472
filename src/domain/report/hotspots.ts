/** What rose most against the period before: the categories, departments and assets with the biggest increase. */
import { countBy, type Count } from './stats.ts'
import type { Request } from '../records/request.ts'

export const HOTSPOT_DIMENSIONS = ['category', 'department', 'asset'] as const
export type HotspotDimension = (typeof HOTSPOT_DIMENSIONS)[number]

/** One thing that rose: how many requests it had in the period before and in this one. */
export interface Hotspot {
  readonly dimension: HotspotDimension
  /** Category key, department id ('' for none) or asset id. */
  readonly key: string
  readonly before: number
  readonly now: number
}

/** How many hotspots of each dimension are shown. */
export const HOTSPOTS_PER_DIMENSION = 3

type HotspotRequest = Pick<Request, 'category' | 'departmentId' | 'assetId'>

const KEY_OF: Record<HotspotDimension, (r: HotspotRequest) => string | null> = {
  category: (r) => r.category,
  department: (r) => r.departmentId ?? '',
  asset: (r) => r.assetId,
}

/**
 * Per dimension, the keys whose request count rose most from `before` to `now` (a rise of at
 * least 2, so a single extra request is not called a hotspot), biggest rise first.
 */
export function hotspots(now: readonly HotspotRequest[], before: readonly HotspotRequest[]): Hotspot[] {
  const counted = (requests: readonly HotspotRequest[], dimension: HotspotDimension) => {
    const keyOf = KEY_OF[dimension]
    return countBy(requests.filter((r) => keyOf(r) !== null), (r) => keyOf(r)!)
  }
  return hotspotsOfCounts((dimension) => ({ now: counted(now, dimension), before: counted(before, dimension) }))
}

/** The hotspots (as `hotspots`) from each dimension's counts in this period and the one before. */
export function hotspotsOfCounts(countsOf: (dimension: HotspotDimension) => { readonly now: readonly Count[], readonly before: readonly Count[] }): Hotspot[] {
  return HOTSPOT_DIMENSIONS.flatMap((dimension) => {
    const counts = countsOf(dimension)
    const previous = new Map(counts.before.map((c) => [c.key, c.count]))
    return counts.now
      .map((c) => ({ dimension, key: c.key, before: previous.get(c.key) ?? 0, now: c.count }))
      .filter((h) => h.now - h.before >= 2)
      .sort((a, b) => (b.now - b.before) - (a.now - a.before) || a.key.localeCompare(b.key))
      .slice(0, HOTSPOTS_PER_DIMENSION)
  })
}
