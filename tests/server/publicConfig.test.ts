import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config.ts'
import { startServer } from './support/harness.ts'

describe('GET /api/config', () => {
  it('tells anyone, signed in or not, the public address and the former ones', async () => {
    const { publicUrl, formerPublicUrls } = loadConfig({ PUBLIC_URL: 'https://superbruger.kommune.dk/', FORMER_PUBLIC_URLS: 'http://sb-gl:8080/,https://old.kommune.dk' })
    const server = await startServer('sqlite', { publicUrl, formerPublicUrls })
    try {
      const answer = await server.app.inject({ method: 'GET', url: '/api/config' })
      expect(answer.statusCode).toBe(200)
      expect(answer.headers['cache-control']).toBe('no-cache')
      expect(answer.json()).toEqual({ publicUrl: 'https://superbruger.kommune.dk', formerPublicUrls: ['http://sb-gl:8080', 'https://old.kommune.dk'], handOffChannels: ['mail'] })
    } finally {
      await server.app.close()
      await server.backend.drop()
    }
  })

  it('says null when no public address is set, so the app uses the address it runs on', async () => {
    const server = await startServer('sqlite')
    try {
      expect((await server.app.inject({ method: 'GET', url: '/api/config' })).json()).toEqual({ publicUrl: null, formerPublicUrls: [], handOffChannels: ['mail'] })
    } finally {
      await server.app.close()
      await server.backend.drop()
    }
  })

  it('offers TOPdesk for a hand-off only when it is configured', async () => {
    const { handOff } = loadConfig({ TOPDESK_URL: 'https://kommune.topdesk.net', TOPDESK_USER: 'superbruger', TOPDESK_APP_PASSWORD: 'hemmeligt' })
    expect(handOff?.topdesk).not.toBeNull()
    const server = await startServer('sqlite', { handOff })
    try {
      expect((await server.app.inject({ method: 'GET', url: '/api/config' })).json().handOffChannels).toEqual(['mail', 'topdesk'])
    } finally {
      await server.app.close()
      await server.backend.drop()
    }
  })
})
