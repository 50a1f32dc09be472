import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { describeBackends } from './support/backends.ts'
import { putOf, useServer } from './support/harness.ts'

describeBackends('graceful shutdown', (kind) => {
  const server = useServer(kind)

  it('finishes an in-flight push before closing the database', async () => {
    const app = server().app
    let arrived!: () => void
    const pushArrived = new Promise<void>((resolve) => { arrived = resolve })
    app.addHook('preHandler', async (request) => {
      if (request.url !== '/api/sync/push') return
      arrived()
      await new Promise((resolve) => setTimeout(resolve, 300))
    })
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    const mutations = Array.from({ length: 200 }, (_, i) => putOf(i + 1, 'requests', `r${i}`, team, sb.actor.id))
    const push = fetch(`http://127.0.0.1:${port}/api/sync/push`, {
      method: 'POST', headers: { cookie: sb.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'device-0001', mutations }),
    })
    await pushArrived
    const closed = app.close()
    const response = await push
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ lastMutationId: 200 })
    await closed
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow()
  })
})
