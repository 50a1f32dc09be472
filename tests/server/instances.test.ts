import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { buildServer } from '../../src/server/app.ts'
import { ensureFirstAdmin } from '../../src/server/auth/bootstrap.ts'
import { createBackend, describeBackends, type Backend } from './support/backends.ts'
import { openEvents } from './support/events.ts'
import { putOf, startServer, testConfig, type TestServer } from './support/harness.ts'

describeBackends('two server instances on one PostgreSQL database', (kind) => {
  let backend: Backend | null = null
  const servers: TestServer[] = []

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.app.close()
    await backend?.drop()
    backend = null
  })

  async function pair(): Promise<[TestServer, TestServer]> {
    backend = await createBackend(kind)
    const a = await startServer(kind, {}, backend)
    const b = await startServer(kind, {}, backend)
    servers.push(a, b)
    return [a, b]
  }

  it('concurrent pushes through both get strictly increasing sequence numbers, with no gap a puller can see', async () => {
    const [a, b] = await pair()
    const team = await a.team()
    const users = await Promise.all([1, 2, 3, 4].map((n) => (n % 2 ? a : b).user('superbruger', [team], `u${n}@test.dk`)))
    const puller = await b.user('leder', [team], 'leder@test.dk')
    const seen: number[] = []
    let cursor = 0
    let running = true
    const pulling = (async () => {
      while (running) {
        const page = await puller.pull(cursor, 13)
        seen.push(...page.records.map((r) => r.record.rev))
        cursor = page.nextCursor
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    })()
    // Each user pushes 8 batches of 10 alternately through instance a and b, all users at once.
    await Promise.all(users.map(async (user, u) => {
      for (let batch = 0; batch < 8; batch++) {
        const mutations = Array.from({ length: 10 }, (_, i) => putOf(batch * 10 + i + 1, 'requests', `u${u}-${batch}-${i}`, team, user.actor.id))
        const via = (batch + u) % 2 ? a : b
        const response = await via.app.inject({ method: 'POST', url: '/api/sync/push', payload: { clientId: `device-user-${u}`, mutations }, headers: { cookie: user.cookie } })
        expect(response.statusCode, response.body).toBe(200)
      }
    }))
    running = false
    await pulling
    seen.push(...(await puller.pullAll(cursor)).map((r) => r.record.rev))
    expect(seen).toEqual(Array.from({ length: 1 + 4 * 80 }, (_, i) => i + 1))
  })

  it('a push through one instance nudges SSE clients of the other (LISTEN/NOTIFY)', async () => {
    const [a, b] = await pair()
    const team = await a.team()
    const writer = await a.user('superbruger', [team], 'writer@test.dk')
    const reader = await b.user('superbruger', [team], 'reader@test.dk')
    await b.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = b.app.server.address() as AddressInfo
    const stream = await openEvents(`http://127.0.0.1:${port}`, reader.cookie)
    expect(await stream.next()).toEqual({ seq: 1 })
    const pushed = await writer.pushOk({ clientId: 'device-writer', mutations: [putOf(1, 'requests', 'hello', team, writer.actor.id)] })
    expect(await stream.next()).toEqual({ seq: pushed.seq })
    stream.close()
  })

  it('the same device pushing the same batch through both instances at once applies it once', async () => {
    const [a, b] = await pair()
    const team = await a.team()
    const user = await a.user('superbruger', [team], 'twice@test.dk')
    const body = { clientId: 'device-twice', mutations: Array.from({ length: 50 }, (_, i) => putOf(i + 1, 'tips', `tip-${i}`, team, user.actor.id)) }
    const [first, second] = await Promise.all([a, b].map((s) => s.app.inject({ method: 'POST', url: '/api/sync/push', payload: body, headers: { cookie: user.cookie } })))
    expect([first!.statusCode, second!.statusCode]).toEqual([200, 200])
    const tips = (await user.pullAll()).filter((r) => r.table === 'tips')
    expect(tips).toHaveLength(50)
    expect(new Set(tips.map((t) => t.record.rev)).size).toBe(50)
  })

  it('two devices creating the same records through both instances at once: each record once, both pushes answered', async () => {
    const [a, b] = await pair()
    const team = await a.team()
    const users = [await a.user('superbruger', [team], 'same-a@test.dk'), await b.user('superbruger', [team], 'same-b@test.dk')]
    for (let round = 0; round < 5; round++) {
      // The same new ids from two devices: one instance's plain insert meets the other's row.
      const responses = await Promise.all(users.map((user, u) => [a, b][u]!.app.inject({
        method: 'POST', url: '/api/sync/push', headers: { cookie: user.cookie },
        payload: { clientId: `device-same-${u}`, mutations: Array.from({ length: 20 }, (_, i) => putOf(round * 20 + i + 1, 'tips', `same-${round}-${i}`, team, user.actor.id)) },
      })))
      for (const response of responses) expect(response.statusCode, response.body).toBe(200)
    }
    const tips = (await users[0]!.pullAll()).filter((r) => r.table === 'tips')
    expect(tips).toHaveLength(100)
    expect(new Set(tips.map((t) => t.record.id)).size).toBe(100)
  })

  it('two instances starting together on an empty database create one admin and one team', async () => {
    backend = await createBackend(kind)
    const config = testConfig(backend, { adminPassword: null })
    const apps = await Promise.all([buildServer(config), buildServer(config)])
    const results = await Promise.all(apps.map((app) => ensureFirstAdmin(app.storage, config)))
    expect(results.filter((r) => r !== null)).toHaveLength(1)
    const users = await apps[0]!.storage.db.selectFrom('users').select('id').execute()
    const teams = await apps[0]!.storage.db.selectFrom('records').select('id').where('tbl', '=', 'teams').execute()
    expect([users.length, teams.length]).toEqual([1, 1])
    for (const app of apps) await app.close()
  })
}, ['postgres'])
