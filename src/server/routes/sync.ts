import type { FastifyInstance } from 'fastify'
import { MAX_PUSH_BYTES } from '../../domain/protocol.ts'
import type { ConflictsSeenResponse } from '../../domain/protocol.ts'
import { parseConflictsSeen, parsePullQuery, parsePushRequest } from '../../domain/syncSchemas.ts'
import { ApiError } from '../errors.ts'
import type { SessionGuard } from '../auth/guard.ts'
import { markConflictsSeen } from '../storage/conflicts.ts'
import { photoHashesIn, wipeUnreferencedPhotos } from '../storage/photos.ts'
import type { Storage } from '../storage/storage.ts'
import { pullPageJson } from '../sync/pull.ts'
import { PushQueue } from '../sync/pushQueue.ts'

/** A pull waits at most this long for pushes in progress (see PushQueue.idle). */
const PULL_MAX_WAIT_MS = 500

/** /api/sync/push, /api/sync/pull and /api/sync/conflicts/seen: validate with the shared schemas, authorise, apply. */
export function registerSyncRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  const pushes = new PushQueue(storage)
  app.post('/api/sync/push', { bodyLimit: MAX_PUSH_BYTES }, async (request) => {
    const actor = await guard.require(request)
    const parsed = parsePushRequest(request.body)
    if (!parsed.ok) throw new ApiError(400, 'invalid_body', parsed.reason)
    // A deleted record, or a photo taken off one, takes its image with it at once: the photos
    // those records name before the push are wiped after it unless some live record still names them.
    const touched = parsed.value.mutations.filter((m) => m.op === 'delete' || 'photos' in m.fields)
    const photosBefore = touched.length > 0 ? await photoHashesIn(storage.db, touched.map((m) => ({ table: m.table, id: m.recordId }))) : []
    const response = await pushes.push(actor, parsed.value)
    if (photosBefore.length > 0) await wipeUnreferencedPhotos(storage, actor.teams, photosBefore)
    request.log.info({ userId: actor.id, clientId: parsed.value.clientId, mutations: parsed.value.mutations.length,
      lastMutationId: response.lastMutationId, seq: response.seq, conflicts: response.conflicts.length,
      rejected: response.rejected.length }, 'push applied')
    return response
  })

  app.get('/api/sync/pull', async (request, reply) => {
    const actor = await guard.require(request)
    const parsed = parsePullQuery(request.query)
    if (!parsed.ok) throw new ApiError(400, 'invalid_query', parsed.reason)
    // Pushes whose bodies are still arriving, and pushes waiting to be applied, go first: a device's
    // changes are safe once acknowledged, while a pull that waits a moment is not noticed.
    await new Promise((resolve) => setImmediate(resolve))
    await pushes.idle(PULL_MAX_WAIT_MS)
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8')
    return pullPageJson(storage, actor, parsed.value.cursor, parsed.value.limit, parsed.value.base)
  })

  // A device has stored these conflicts: they are no longer delivered. Only the user's own count.
  app.post('/api/sync/conflicts/seen', async (request): Promise<ConflictsSeenResponse> => {
    const actor = await guard.require(request)
    const parsed = parseConflictsSeen(request.body)
    if (!parsed.ok) throw new ApiError(400, 'invalid_body', parsed.reason)
    return { seen: await markConflictsSeen(storage.db, actor.id, parsed.value.ids, Date.now()) }
  })
}
