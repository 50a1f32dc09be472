import { JSDOM } from 'jsdom'
import { normaliseAssetCode } from '../../domain/assetCode.ts'
import { tipMatchesAssetType } from '../../domain/publicTipMatch.ts'
import { createTipMarkdownRenderer } from '../../domain/tipMarkdown.ts'
import { isTipCode, normaliseTipCode, tipCode } from '../../domain/tipCode.ts'
import type { AssetType } from '../../domain/records/asset.ts'
import type { Tip } from '../../domain/records/tip.ts'
import { FixedWindowLimiter, type LimitRule } from '../security/reportLimiter.ts'
import { findAssetByCode } from '../storage/liveRecords.ts'
import { listPublicTipRows, type PublicTipRow } from '../storage/publicTips.ts'
import type { Storage } from '../storage/storage.ts'

// The public copies of tips: /t/<code> for a phone without an account, and the links on the
// fault-report page. Only tips a koordinator marked public are ever found; every other code —
// unknown, deleted or not public — is the same "not found", so codes cannot be probed.

/** Look-ups one IP address may make: 60 per ten minutes (a colleague reads a few; guessing is slowed). */
export const PUBLIC_TIP_LIMIT: LimitRule = { max: 60, windowMs: 10 * 60_000 }

/** A public tip as its page shows it: the body already rendered and sanitised. */
export interface PublicTip {
  readonly code: string
  readonly title: string
  readonly html: string
  readonly tags: readonly string[]
  readonly updatedAt: number
}

/** A link to a public tip (its code and title). */
export interface PublicTipLink {
  readonly code: string
  readonly title: string
}

/** A look-up's answer: the tip, the same "not found" for every other code, or how long to wait. */
export type PublicTipResult =
  | { readonly kind: 'found', readonly tip: PublicTip }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'limited', readonly retryAfterSeconds: number }

type StoredTip = Pick<Tip, 'title' | 'body' | 'tags' | 'category' | 'updatedAt'> & { readonly public?: unknown }

function publicContent(row: PublicTipRow): StoredTip | null {
  const tip = JSON.parse(row.data) as StoredTip
  return tip.public === true ? tip : null
}

/** The public tips: one per server instance, its rate limit in memory. */
export class PublicTipShelf {
  private readonly lookups: FixedWindowLimiter
  private render: ((markdown: string) => string) | null = null

  constructor(private readonly storage: Storage, limit: LimitRule = PUBLIC_TIP_LIMIT, private readonly clock: () => number = Date.now) {
    this.lookups = new FixedWindowLimiter(limit)
  }

  /** The public tip with the short code `rawCode` (as typed or printed), counted against the address's limit. */
  async open(ip: string, rawCode: string): Promise<PublicTipResult> {
    const wait = this.lookups.take(ip, this.clock())
    if (wait > 0) return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) }
    const code = normaliseTipCode(rawCode.slice(0, 64))
    if (!isTipCode(code)) return { kind: 'notFound' }
    const rows = (await listPublicTipRows(this.storage.db)).filter((row) => tipCode(row.id) === code)
    const tips = rows.map(publicContent).filter((tip): tip is StoredTip => tip !== null)
    // Two public tips with one code (ids that hash alike, perhaps on purpose from another team):
    // neither is shown, rather than letting one take over the other's printed poster.
    if (tips.length !== 1) return { kind: 'notFound' }
    const tip = tips[0]!
    return { kind: 'found', tip: { code, title: tip.title, html: this.renderMarkdown(tip.body), tags: tip.tags, updatedAt: tip.updatedAt } }
  }

  /**
   * The public tips of the team owning the live asset with label code `rawAssetCode` that match its
   * type (see tipMatchesAssetType), by title; none for an unknown or retired asset.
   */
  async forAsset(rawAssetCode: string): Promise<PublicTipLink[]> {
    const found = await findAssetByCode(this.storage.db, normaliseAssetCode(rawAssetCode).slice(0, 32))
    if (!found) return []
    const asset = JSON.parse(found.data) as { type: AssetType, retiredAt?: number | null }
    if (asset.retiredAt !== null && asset.retiredAt !== undefined) return []
    const rows = await listPublicTipRows(this.storage.db, found.teamId)
    return rows.flatMap((row) => {
      const tip = publicContent(row)
      return tip && tipMatchesAssetType(tip, asset.type) ? [{ code: tipCode(row.id), title: tip.title }] : []
    }).sort((a, b) => a.title.localeCompare(b.title, 'da'))
  }

  /** The app's own renderer and allow-list, on a server-side DOM made at first use. */
  private renderMarkdown(markdown: string): string {
    this.render ??= createTipMarkdownRenderer(new JSDOM('').window as unknown as Window & typeof globalThis)
    return this.render(markdown)
  }
}
