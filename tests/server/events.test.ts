import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { describeBackends } from './support/backends.ts'
import { putOf, useServer } from './support/harness.ts'
import { openEvents } from './support/events.ts'

describeBackends('server-sent sync nudges', (kind) => {
  const server = useServer(kind)

  async function listening() {
    await server().app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = server().app.server.address() as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  it('tells a signed-in client the head at once and each new sequence of its team', async () => {
    const team = await server().team()
    const a = await server().user('superbruger', [team])
    const b = await server().user('superbruger', [team])
    const stream = await openEvents(await listening(), b.cookie)
    expect(stream.status).toBe(200)
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(await stream.next()).toEqual({ seq: 1 })
    const pushed = await a.pushOk({ clientId: 'device-A-1', mutations: [putOf(1, 'requests', 'r1', team, a.actor.id)] })
    expect(await stream.next()).toEqual({ seq: pushed.seq })
    stream.close()
  })

  it("does not nudge for another team's changes", async () => {
    const mine = await server().team()
    const other = await server().team()
    const me = await server().user('superbruger', [mine])
    const them = await server().user('superbruger', [other])
    const stream = await openEvents(await listening(), me.cookie)
    await stream.next()
    await them.pushOk({ clientId: 'device-T-1', mutations: [putOf(1, 'requests', 'theirs', other, them.actor.id)] })
    const mineAfter = await me.pushOk({ clientId: 'device-M-1', mutations: [putOf(1, 'requests', 'mine', mine, me.actor.id)] })
    expect(await stream.next()).toEqual({ seq: mineAfter.seq })
    stream.close()
  })

  it('refuses a client without a session', async () => {
    const stream = await openEvents(await listening(), '')
    expect(stream.status).toBe(401)
    stream.close()
  })

  it('closing the server ends open streams so shutdown completes', async () => {
    const team = await server().team()
    const me = await server().user('superbruger', [team])
    const stream = await openEvents(await listening(), me.cookie)
    await stream.next()
    await server().app.close()
    await stream.ended
  })
})
