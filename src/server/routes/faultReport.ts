import type { FastifyInstance, FastifyReply } from 'fastify'
import type { FaultReceipt } from '../../domain/faultReportShape.ts'
import { ApiError } from '../errors.ts'
import type { FaultReportDesk } from '../faultReport/reportDesk.ts'

function retryLater(reply: FastifyReply, seconds: number): void {
  reply.header('retry-after', seconds)
}

/**
 * /api/public/assets/:code, open to anyone with a label: GET answers the asset's public name and
 * location — the same 200 shape (with empty texts) for an unknown or retired code, so codes cannot
 * be told apart by status; POST files a fault report as a new request the server writes itself
 * (it syncs to every device of the asset's team) and answers a receipt, or 404 `not_delivered`.
 * Both are rate-limited per IP, reports also per asset; CPR numbers are masked before storing.
 */
export function registerFaultReportRoutes(app: FastifyInstance, desk: FaultReportDesk): void {
  app.get<{ Params: { code: string } }>('/api/public/assets/:code', async (request, reply) => {
    const found = await desk.lookup(request.ip, request.params.code)
    if (!found.ok) {
      retryLater(reply, found.retryAfterSeconds)
      throw new ApiError(429, 'too_many_reports', { retryAfterSeconds: found.retryAfterSeconds })
    }
    reply.header('cache-control', 'no-store')
    return found.asset
  })

  app.post<{ Params: { code: string } }>('/api/public/assets/:code/reports', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const filed = await desk.file(request.ip, request.params.code, request.body)
    if (!filed.ok) {
      if (filed.retryAfterSeconds !== undefined) retryLater(reply, filed.retryAfterSeconds)
      const details = filed.retryAfterSeconds !== undefined ? { retryAfterSeconds: filed.retryAfterSeconds } : filed.details
      throw new ApiError(filed.status, filed.code, details)
    }
    request.log.info({ requestId: filed.requestId, assetId: filed.assetId, reference: filed.reference }, 'fault report filed')
    const receipt: FaultReceipt = { reference: filed.reference }
    return reply.status(201).send(receipt)
  })
}
