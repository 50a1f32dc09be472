import type { AssetType } from './records/asset.ts'
import type { CategoryKey } from './records/request.ts'

// Which public tips the colleague's fault-report page (/a/<code>) offers for an asset. One rule,
// easy to explain to a koordinator: tag the tip with the kind of asset as the asset form names it
// ("printer", "skærm", "telefon" …); phones and headsets also get the team's public telephony tips.

/** The parts of a tip the rule looks at. */
export interface TipForMatch {
  readonly tags: readonly string[]
  readonly category: CategoryKey | null
}

/** Tip categories that are about an asset type as a whole. */
const CATEGORIES_FOR_TYPE: Partial<Record<AssetType, readonly string[]>> = {
  telefon: ['telefoni', 'mobil'],
  headset: ['telefoni'],
}

/**
 * Whether a public tip belongs on the fault page of an asset of `type`: one of its tags is the
 * type's name (case and surrounding spaces ignored), or, for phones and headsets, its category is
 * telefoni (phones: or mobil). "andet" matches nothing: it says nothing about the asset.
 */
export function tipMatchesAssetType(tip: TipForMatch, type: AssetType): boolean {
  if (type === 'andet') return false
  if (tip.tags.some((tag) => tag.trim().toLocaleLowerCase('da') === type)) return true
  return tip.category !== null && (CATEGORIES_FOR_TYPE[type] ?? []).includes(tip.category)
}
