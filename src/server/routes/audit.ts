import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { MAX_ID_LENGTH } from '../../domain/records/fields.ts'
import { listAudit } from '../storage/auditLog.ts'
import type { SessionGuard } from '../auth/guard.ts'
import { ApiError } from '../errors.ts'
import type { Storage } from '../storage/storage.ts'

/** Rows per page when the client does not ask, and at most. */
const DEFAULT_LIMIT = 50
const MAX_LIMIT = 200

const AuditQuerySchema = v.strictObject({
  before: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_LIMIT))),
})

/** GET /api/admin/audit?before=&limit=: the audit log for admins only, newest first, paged by row id. */
export function registerAuditRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  app.get('/api/admin/audit', async (request, reply) => {
    const actor = await guard.require(request)
    if (actor.role !== 'admin') throw new ApiError(403, 'forbidden')
    const parsed = v.safeParse(AuditQuerySchema, request.query)
    if (!parsed.success) throw new ApiError(400, 'invalid_query', v.summarize(parsed.issues))
    reply.header('cache-control', 'no-store')
    return listAudit(storage.db, parsed.output.before ?? null, parsed.output.limit ?? DEFAULT_LIMIT)
  })
}
