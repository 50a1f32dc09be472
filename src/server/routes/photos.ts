import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { isPhotoHash, PHOTO_MAX_BYTES, sniffPhotoType } from '../../domain/photos.ts'
import type { SessionGuard } from '../auth/guard.ts'
import { ApiError } from '../errors.ts'
import { findPhotoTeams, insertPhoto, loadPhoto } from '../storage/photos.ts'
import type { Storage } from '../storage/storage.ts'

/** Bodies up to this size are read and then judged (a clear "too large"); beyond it Fastify refuses. */
const READ_LIMIT = 4 * PHOTO_MAX_BYTES

function hashParam(params: unknown): string {
  const hash = (params as { hash?: unknown }).hash
  if (typeof hash !== 'string' || !isPhotoHash(hash)) throw new ApiError(400, 'invalid_query', 'a photo hash is 64 lower-case hex digits')
  return hash
}

/**
 * /api/photos/:hash: PUT stores a photo once (a repeat is a no-op, so a lost answer is simply sent
 * again), for each of the user's teams with a live record that already names the hash, after checking the
 * size, that the bytes are an image, and that they hash to the name. GET answers it to members of
 * that team only; photos never change, so it may be cached privately for good.
 */
export function registerPhotoRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: READ_LIMIT }, (_request, body, done) => done(null, body))

    scope.put('/api/photos/:hash', { bodyLimit: READ_LIMIT }, async (request, reply) => {
      const actor = await guard.require(request)
      const hash = hashParam(request.params)
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      if (body.length > PHOTO_MAX_BYTES) throw new ApiError(413, 'photo_too_large')
      const type = sniffPhotoType(body.subarray(0, 16))
      if (!type) throw new ApiError(415, 'photo_not_image')
      if (createHash('sha256').update(body).digest('hex') !== hash) throw new ApiError(400, 'photo_hash_mismatch')
      // Stored for each of the uploader's teams whose records name it: a phone sends an image once
      // (it keeps one copy per hash), and a member of any of those teams must be able to see it.
      const teams = await findPhotoTeams(storage.db, actor.teams, hash)
      if (teams.length === 0) throw new ApiError(409, 'photo_not_linked')
      let stored = false
      for (const teamId of teams) {
        if (await insertPhoto(storage.db, { teamId, hash, contentType: type, data: body }, actor.id, Date.now())) stored = true
      }
      request.log.info({ userId: actor.id, teams, bytes: body.length, stored }, 'photo received')
      return reply.status(stored ? 201 : 200).send({ hash, stored })
    })

    scope.get('/api/photos/:hash', async (request, reply) => {
      const actor = await guard.require(request)
      const hash = hashParam(request.params)
      const photo = await loadPhoto(storage.db, actor.teams, hash)
      if (!photo) throw new ApiError(404, 'not_found')
      // Not kept by the browser: the app keeps its own copy for offline use, and an erased photo must not outlive erasure in a cache.
      reply.header('cache-control', 'private, no-store')
      reply.header('x-content-type-options', 'nosniff')
      return reply.type(photo.contentType).send(photo.data)
    })
  })
}
