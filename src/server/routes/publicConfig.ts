import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from '../config.ts'
import type { PublicConfig } from '../../domain/publicAddress.ts'

/**
 * GET /api/config, open to anyone: the public address labels and links must carry, the former
 * addresses the scanner still accepts, and how a request can be handed to IT (TOPdesk only when
 * configured). The app remembers the answer for offline use.
 */
export function registerPublicConfigRoutes(app: FastifyInstance, config: Pick<ServerConfig, 'publicUrl' | 'formerPublicUrls' | 'handOff'>): void {
  const body: PublicConfig = {
    publicUrl: config.publicUrl, formerPublicUrls: [...config.formerPublicUrls],
    handOffChannels: config.handOff?.topdesk ? ['mail', 'topdesk'] : ['mail'],
  }
  app.get('/api/config', async (_request, reply) => {
    reply.header('cache-control', 'no-cache')
    return body
  })
}
