import { JSDOM } from 'jsdom'
import { normaliseAssetCode } from '../../domain/assetCode.ts'
import { isPhotoHash, type PhotoRef } from '../../domain/photos.ts'
import { tipMatchesAssetType } from '../../domain/publicTipMatch.ts'
import { createTipMarkdownRenderer, type TipImage, type TipImages } from '../../domain/tipMarkdown.ts'
import { isTipCode, normaliseTipCode } from '../../domain/tipCode.ts'
import type { AssetType } from '../../domain/records/asset.ts'
import { rateLimitKey } from '../security/clientKey.ts'
import { FixedWindowLimiter, type LimitRule } from '../security/reportLimiter.ts'
import { findAssetByCode } from '../storage/liveRecords.ts'
import { loadPhoto, type StoredPhoto } from '../storage/photos.ts'
import { listStoredPhotoHashes } from '../storage/publicTips.ts'
import type { Storage } from '../storage/storage.ts'
import { PublicTipIndex, type IndexedTip } from './tipIndex.ts'
import { TIP_PAGE_TEXTS as T } from './tipPageTexts.ts'

// The public copies of tips: /t/<code> for a phone without an account, their photos at
// /t/<code>/foto/<hash>, and the links on the fault-report page. Only tips a koordinator marked
// public are ever found; every other code — unknown, deleted or not public — is the same "not
// found", so codes cannot be probed. Renderings are cached per tip and its sequence number.

/** Look-ups one client (IPv4 address or IPv6 /64) may make: 60 per ten minutes (a colleague reads a few; guessing is slowed). */
export const PUBLIC_TIP_LIMIT: LimitRule = { max: 60, windowMs: 10 * 60_000 }
/** Photos of public tips one client may fetch: a page shows up to 20, so ten pages' worth per ten minutes. */
export const PUBLIC_TIP_PHOTO_LIMIT: LimitRule = { max: 200, windowMs: 10 * 60_000 }

/** A photo of a public tip as its page shows it: its public address, or null while not uploaded yet. */
export interface PublicTipPhoto {
  readonly ref: PhotoRef
  readonly src: string | null
}

/** A public tip as its page shows it: the body already rendered and sanitised. */
export interface PublicTip {
  readonly code: string
  readonly title: string
  readonly html: string
  readonly tags: readonly string[]
  readonly updatedAt: number
  readonly photos: readonly PublicTipPhoto[]
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

/** A photo look-up's answer: the image, the same "not found" for everything else, or how long to wait. */
export type PublicPhotoResult =
  | { readonly kind: 'found', readonly photo: StoredPhoto }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'limited', readonly retryAfterSeconds: number }

/** The public address of photo `hash` of the public tip with code `code`. */
export function publicPhotoPath(code: string, hash: string): string {
  return `/t/${code}/foto/${hash}`
}

/** Renderings kept at most; beyond it the cache starts over (a team has tens of public tips, not thousands). */
const MAX_CACHED_PAGES = 1000

interface CachedPage {
  readonly seq: number
  /** The uploaded photos it was rendered with; rendered again when one arrives. */
  readonly stored: ReadonlySet<string>
  readonly tip: PublicTip
}

/** The public tips: one per server instance, its rate limits and renderings in memory. */
export class PublicTipShelf {
  private readonly lookups: FixedWindowLimiter
  private readonly photoLookups: FixedWindowLimiter
  private readonly index: PublicTipIndex
  private readonly pages = new Map<string, CachedPage>()
  private render: ((markdown: string, images?: TipImages) => string) | null = null
  /** How many tip bodies were rendered (for tests and logs): once per tip and change. */
  renders = 0

  constructor(private readonly storage: Storage, limit: LimitRule = PUBLIC_TIP_LIMIT, private readonly clock: () => number = Date.now, photoLimit: LimitRule = PUBLIC_TIP_PHOTO_LIMIT) {
    this.lookups = new FixedWindowLimiter(limit)
    this.photoLookups = new FixedWindowLimiter(photoLimit)
    this.index = new PublicTipIndex(storage)
  }

  /** How many times the public tips were read from the database. */
  get scans(): number {
    return this.index.scans
  }

  /** The public tip with the short code `rawCode` (as typed or printed), counted against the client's limit. */
  async open(ip: string, rawCode: string): Promise<PublicTipResult> {
    const wait = this.lookups.take(rateLimitKey(ip), this.clock())
    if (wait > 0) return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) }
    const tip = await this.find(rawCode)
    return tip ? { kind: 'found', tip: await this.page(tip) } : { kind: 'notFound' }
  }

  /** Photo `hash` of the public tip `rawCode`: only while the tip is public, live and lists it. */
  async openPhoto(ip: string, rawCode: string, hash: string): Promise<PublicPhotoResult> {
    const wait = this.photoLookups.take(rateLimitKey(ip), this.clock())
    if (wait > 0) return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) }
    if (!isPhotoHash(hash)) return { kind: 'notFound' }
    const tip = await this.find(rawCode)
    if (!tip || !tip.photos.some((p) => p.hash === hash)) return { kind: 'notFound' }
    const photo = await loadPhoto(this.storage.db, [tip.teamId], hash)
    return photo ? { kind: 'found', photo } : { kind: 'notFound' }
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
    const tips = await this.index.ofTeam(found.teamId)
    return tips.filter((tip) => tipMatchesAssetType(tip, asset.type)).map((tip) => ({ code: tip.code, title: tip.title }))
      .sort((a, b) => a.title.localeCompare(b.title, 'da'))
  }

  // Two public tips with one code (ids that hash alike, perhaps on purpose from another team):
  // neither is shown, rather than letting one take over the other's printed poster.
  private async find(rawCode: string): Promise<IndexedTip | null> {
    const code = normaliseTipCode(rawCode.slice(0, 64))
    if (!isTipCode(code)) return null
    const tips = await this.index.byCode(code)
    return tips.length === 1 ? tips[0]! : null
  }

  private async page(tip: IndexedTip): Promise<PublicTip> {
    const cached = this.pages.get(tip.id)
    const hashes = tip.photos.map((p) => p.hash)
    if (cached?.seq === tip.seq && cached.stored.size === new Set(hashes).size) return cached.tip
    const stored = await listStoredPhotoHashes(this.storage.db, tip.teamId, hashes)
    if (cached?.seq === tip.seq && cached.stored.size === stored.size) return cached.tip
    const src = (hash: string) => (stored.has(hash) ? publicPhotoPath(tip.code, hash) : null)
    const images: Record<string, TipImage> = {}
    for (const ref of tip.photos) {
      const path = src(ref.hash)
      images[ref.hash] = path ? { src: path, width: ref.width, height: ref.height } : { placeholder: T.photoNotYet }
    }
    this.renders += 1
    const page: PublicTip = {
      code: tip.code, title: tip.title, tags: tip.tags, updatedAt: tip.updatedAt,
      html: this.renderMarkdown(tip.body, { photos: images, missing: T.photoMissing }),
      photos: tip.photos.map((ref) => ({ ref, src: src(ref.hash) })),
    }
    if (this.pages.size >= MAX_CACHED_PAGES) this.pages.clear()
    this.pages.set(tip.id, { seq: tip.seq, stored, tip: page })
    return page
  }

  /** The app's own renderer and allow-list, on a server-side DOM made at first use. */
  private renderMarkdown(markdown: string, images: TipImages): string {
    this.render ??= createTipMarkdownRenderer(new JSDOM('').window as unknown as Window & typeof globalThis)
    return this.render(markdown, images)
  }
}
