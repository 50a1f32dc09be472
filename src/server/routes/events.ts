import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { SyncNudge } from '../../domain/protocol.ts'
import type { SessionGuard } from '../auth/guard.ts'
import type { Storage } from '../storage/storage.ts'
import { readSequence } from '../storage/records.ts'

const HEARTBEAT_MS = 25_000

function send(stream: ServerResponse, nudge: SyncNudge): void {
  stream.write(`event: sync\ndata: ${JSON.stringify(nudge)}\n\n`)
}

/**
 * GET /api/sync/events: Server-Sent Events telling a signed-in client that a newer sequence exists
 * for one of its teams (from any instance). The first event carries the current head.
 */
export function registerEventRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  const streams = new Set<ServerResponse>()

  app.get('/api/sync/events', async (request, reply) => {
    const actor = await guard.require(request)
    const { seq } = await readSequence(storage.db)
    reply.hijack()
    const stream = reply.raw
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    stream.write('retry: 5000\n\n')
    send(stream, { seq })
    const unsubscribe = storage.subscribe((nudge) => {
      if (nudge.teams.some((team) => actor.teams.includes(team))) send(stream, { seq: nudge.seq })
    })
    const heartbeat = setInterval(() => stream.write(': ping\n\n'), HEARTBEAT_MS)
    streams.add(stream)
    request.raw.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(stream)
    })
  })

  // Open streams never finish by themselves: end them so shutdown can complete.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end()
  })
}
