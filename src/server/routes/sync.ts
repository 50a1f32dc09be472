import type { FastifyInstance } from 'fastify'
import { MAX_PUSH_BYTES } from '../../domain/protocol.ts'
import { parsePullQuery, parsePushRequest } from '../../domain/syncSchemas.ts'
import { ApiError } from '../errors.ts'
import type { SessionGuard } from '../auth/guard.ts'
import type { Storage } from '../storage/storage.ts'
import { pullPageJson } from '../sync/pull.ts'
import { applyPush } from '../sync/push.ts'

/** /api/sync/push and /api/sync/pull: validate with the shared schemas, authorise, apply. */
export function registerSyncRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  app.post('/api/sync/push', { bodyLimit: MAX_PUSH_BYTES }, async (request) => {
    const actor = await guard.require(request)
    const parsed = parsePushRequest(request.body)
    if (!parsed.ok) throw new ApiError(400, 'invalid_body', parsed.reason)
    const response = await applyPush(storage, actor, parsed.value)
    request.log.info({ userId: actor.id, clientId: parsed.value.clientId, mutations: parsed.value.mutations.length,
      lastMutationId: response.lastMutationId, seq: response.seq, conflicts: response.conflicts.length,
      rejected: response.rejected.length }, 'push applied')
    return response
  })

  app.get('/api/sync/pull', async (request, reply) => {
    const actor = await guard.require(request)
    const parsed = parsePullQuery(request.query)
    if (!parsed.ok) throw new ApiError(400, 'invalid_query', parsed.reason)
    // Pushes whose bodies are still arriving go first: a device's changes are safe once acknowledged,
    // while a pull that waits a moment is not noticed.
    await new Promise((resolve) => setImmediate(resolve))
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8')
    return pullPageJson(storage, actor, parsed.value.cursor, parsed.value.limit, parsed.value.base)
  })
}
