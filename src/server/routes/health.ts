import type { FastifyInstance } from 'fastify'
import { pingStorage } from '../storage/open.ts'
import type { Storage } from '../storage/storage.ts'
import { readSequence } from '../storage/records.ts'

const startedAt = Date.now()

/** GET /api/health for operators and load balancers: 200 when the database answers, else 503. */
export function registerHealthRoutes(app: FastifyInstance, storage: Storage): void {
  app.get('/api/health', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!(await pingStorage(storage))) {
      return reply.status(503).send({ status: 'unavailable', database: storage.kind })
    }
    const { seq } = await readSequence(storage.db)
    return { status: 'ok', database: storage.kind, seq, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }
  })
}
