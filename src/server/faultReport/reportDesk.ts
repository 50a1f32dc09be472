import * as v from 'valibot'
import {
  cleanFaultReport, faultReportDescription, FaultReportSchema, hasReportText, publicLocationOf,
  type AssetPlace,
} from '../../domain/faultReport.ts'
import type { PublicAsset } from '../../domain/faultReportShape.ts'
import { newId } from '../../domain/ids.ts'
import { generateAssetCode, normaliseAssetCode } from '../../domain/assetCode.ts'
import type { ContentOf } from '../../domain/records/fields.ts'
import type { Request } from '../../domain/records/request.ts'
import type { ErrorCode } from '../errors.ts'
import { rateLimitKey } from '../security/clientKey.ts'
import { FixedWindowLimiter, type LimitRule } from '../security/reportLimiter.ts'
import { findAssetByCode } from '../storage/liveRecords.ts'
import type { Storage } from '../storage/storage.ts'
import { SERVER_ORIGIN, writeSystemRecords } from '../storage/systemWrite.ts'

// What both doors to a fault report share — the JSON API (/api/public/assets/:code) and the
// colleague's page (/a/:code): the rate limits, the look-up that tells nothing about unknown codes,
// and filing a report as a new request the server writes itself.

/** The limits of the open fault-report routes. */
export interface FaultReportLimits {
  /** Reports one IP address may send. */
  readonly perIp: LimitRule
  /** Reports one asset may receive. */
  readonly perAsset: LimitRule
  /** Label look-ups one IP address may make (slows guessing codes). */
  readonly lookupsPerIp: LimitRule
}

/** Ten reports an IP per ten minutes, five an asset per hour, 120 look-ups an IP per ten minutes. */
export const FAULT_REPORT_LIMITS: FaultReportLimits = {
  perIp: { max: 10, windowMs: 10 * 60_000 },
  perAsset: { max: 5, windowMs: 60 * 60_000 },
  lookupsPerIp: { max: 120, windowMs: 10 * 60_000 },
}

interface AssetRow extends AssetPlace {
  readonly code: string
  readonly departmentId: string | null
  readonly retiredAt: number | null
}

/** The live, not retired asset with the code, or null. */
async function reportableAsset(storage: Storage, rawCode: string): Promise<{ id: string, teamId: string, asset: AssetRow } | null> {
  const found = await findAssetByCode(storage.db, normaliseAssetCode(rawCode))
  if (!found) return null
  const asset = JSON.parse(found.data) as AssetRow
  return asset.retiredAt === null || asset.retiredAt === undefined ? { id: found.id, teamId: found.teamId, asset } : null
}

/**
 * The new request a report becomes: status ny, channel qr, nobody responsible yet, the asset and
 * its department linked. Without `words`: search words are derived on each device.
 */
function requestOf(report: ReturnType<typeof cleanFaultReport>, asset: { id: string, asset: AssetRow }, reference: string): Omit<ContentOf<Request>, 'words'> {
  return {
    requesterName: report.name, departmentId: (asset.asset.departmentId ?? null) as Request['departmentId'], channel: 'qr', category: 'hardware',
    presetId: null, description: faultReportDescription(report, reference), status: 'ny', owner: 'superbruger',
    assigneeId: null, referrals: [], history: [], assetId: asset.id as Request['assetId'], helpdeskCaseNo: '',
    resolution: '', tipId: null,
  }
}

/** A look-up's answer, or how long the address must wait. */
export type LookupResult = { readonly ok: true, readonly asset: PublicAsset } | { readonly ok: false, readonly retryAfterSeconds: number }

/** A filed report's reference, or why it was not filed (nothing was stored then). */
export type FilingResult =
  | { readonly ok: true, readonly reference: string, readonly requestId: string, readonly assetId: string }
  | { readonly ok: false, readonly status: 400 | 404 | 429, readonly code: ErrorCode, readonly details?: string, readonly retryAfterSeconds?: number }

function waitSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000))
}

/** The open fault-report desk: one per server instance, its rate limits in memory. */
export class FaultReportDesk {
  private readonly lookups: FixedWindowLimiter
  private readonly byIp: FixedWindowLimiter
  private readonly byAsset: FixedWindowLimiter

  constructor(private readonly storage: Storage, limits: FaultReportLimits = FAULT_REPORT_LIMITS, private readonly clock: () => number = Date.now) {
    this.lookups = new FixedWindowLimiter(limits.lookupsPerIp)
    this.byIp = new FixedWindowLimiter(limits.perIp)
    this.byAsset = new FixedWindowLimiter(limits.perAsset)
  }

  /**
   * The asset's public name and location — the same shape with empty texts for an unknown or
   * retired code, so codes cannot be told apart — or a wait when the address looked up too many.
   */
  async lookup(ip: string, rawCode: string): Promise<LookupResult> {
    const wait = this.lookups.take(rateLimitKey(ip), this.clock())
    if (wait > 0) return { ok: false, retryAfterSeconds: waitSeconds(wait) }
    const code = normaliseAssetCode(rawCode).slice(0, 32)
    const found = await reportableAsset(this.storage, code)
    return { ok: true, asset: found ? { code, name: found.asset.name, location: publicLocationOf(found.asset) } : { code, name: '', location: '' } }
  }

  /** Validates `body`, applies the limits (per address, then per asset) and files the report as a new request. */
  async file(ip: string, rawCode: string, body: unknown): Promise<FilingResult> {
    const parsed = v.safeParse(FaultReportSchema, body)
    if (!parsed.success) return { ok: false, status: 400, code: 'invalid_body', details: v.summarize(parsed.issues) }
    if (!hasReportText(parsed.output)) return { ok: false, status: 400, code: 'report_text_required' }
    const now = this.clock()
    const ipWait = this.byIp.take(rateLimitKey(ip), now)
    if (ipWait > 0) return { ok: false, status: 429, code: 'too_many_reports', retryAfterSeconds: waitSeconds(ipWait) }
    const found = await reportableAsset(this.storage, rawCode)
    if (!found) return { ok: false, status: 404, code: 'not_delivered' }
    const assetWait = this.byAsset.take(found.id, now)
    if (assetWait > 0) return { ok: false, status: 429, code: 'too_many_reports', retryAfterSeconds: waitSeconds(assetWait) }
    const reference = `QR-${generateAssetCode()}`
    const id = newId(now)
    const stored = requestOf(cleanFaultReport(parsed.output), found, reference)
    await writeSystemRecords(this.storage, [{
      table: 'requests',
      record: { ...stored, id, teamId: found.teamId, createdAt: now, createdBy: SERVER_ORIGIN, updatedAt: now, rev: 0, deletedAt: null },
    }], now)
    return { ok: true, reference, requestId: id, assetId: found.id }
  }
}
