import type { FastifyInstance, FastifyReply } from 'fastify'
import * as v from 'valibot'
import {
  cleanFaultReport, faultReportDescription, FaultReportSchema, hasReportText, publicLocationOf,
  type AssetPlace,
} from '../../domain/faultReport.ts'
import type { FaultReceipt, PublicAsset } from '../../domain/faultReportShape.ts'
import { newId } from '../../domain/ids.ts'
import { generateAssetCode, normaliseAssetCode } from '../../domain/assetCode.ts'
import type { ContentOf, Request } from '../../domain/types.ts'
import { ApiError, type ErrorCode } from '../errors.ts'
import { FixedWindowLimiter, type LimitRule } from '../security/reportLimiter.ts'
import { findAssetByCode } from '../storage/liveRecords.ts'
import type { Storage } from '../storage/storage.ts'
import { SERVER_ORIGIN, writeSystemRecords } from '../storage/systemWrite.ts'

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

function refuse(reply: FastifyReply, waitMs: number, code: ErrorCode): never {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  reply.header('retry-after', seconds)
  throw new ApiError(429, code, { retryAfterSeconds: seconds })
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

/**
 * /api/public/assets/:code, open to anyone with a label: GET answers the asset's public name and
 * location — the same 200 shape (with empty texts) for an unknown or retired code, so codes cannot
 * be told apart by status; POST files a fault report as a new request the server writes itself
 * (it syncs to every device of the asset's team) and answers a receipt, or 404 `not_delivered`.
 * Both are rate-limited per IP, reports also per asset; CPR numbers are masked before storing.
 */
export function registerFaultReportRoutes(app: FastifyInstance, storage: Storage, limits: FaultReportLimits = FAULT_REPORT_LIMITS, clock: () => number = Date.now): void {
  const lookups = new FixedWindowLimiter(limits.lookupsPerIp)
  const byIp = new FixedWindowLimiter(limits.perIp)
  const byAsset = new FixedWindowLimiter(limits.perAsset)

  app.get<{ Params: { code: string } }>('/api/public/assets/:code', async (request, reply) => {
    const wait = lookups.take(request.ip, clock())
    if (wait > 0) refuse(reply, wait, 'too_many_reports')
    reply.header('cache-control', 'no-store')
    const code = normaliseAssetCode(request.params.code).slice(0, 32)
    const found = await reportableAsset(storage, code)
    const body: PublicAsset = found
      ? { code, name: found.asset.name, location: publicLocationOf(found.asset) }
      : { code, name: '', location: '' }
    return body
  })

  app.post<{ Params: { code: string } }>('/api/public/assets/:code/reports', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const parsed = v.safeParse(FaultReportSchema, request.body)
    if (!parsed.success) throw new ApiError(400, 'invalid_body', v.summarize(parsed.issues))
    if (!hasReportText(parsed.output)) throw new ApiError(400, 'report_text_required')
    const now = clock()
    const ipWait = byIp.take(request.ip, now)
    if (ipWait > 0) refuse(reply, ipWait, 'too_many_reports')
    const found = await reportableAsset(storage, request.params.code)
    if (!found) throw new ApiError(404, 'not_delivered')
    const assetWait = byAsset.take(found.id, now)
    if (assetWait > 0) refuse(reply, assetWait, 'too_many_reports')
    const reference = `QR-${generateAssetCode()}`
    const id = newId(now)
    const stored = requestOf(cleanFaultReport(parsed.output), found, reference)
    await writeSystemRecords(storage, [{
      table: 'requests',
      record: { ...stored, id, teamId: found.teamId, createdAt: now, createdBy: SERVER_ORIGIN, updatedAt: now, rev: 0, deletedAt: null },
    }], now)
    request.log.info({ requestId: id, assetId: found.id, reference }, 'fault report filed')
    const receipt: FaultReceipt = { reference }
    return reply.status(201).send(receipt)
  })
}
