import fc from 'fast-check'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { maskRecordFields } from '../../src/domain/freeText.ts'
import type { PushResponse } from '../../src/domain/protocol.ts'
import { SESSION_COOKIE } from '../../src/server/auth/sessions.ts'
import type { Db } from '../../src/server/storage/schema.ts'
import { describeBackends } from './support/backends.ts'
import { startIdentityProvider, type TestIdentityProvider } from './support/identityProvider.ts'
import { deleteOf, patchOf, putOf, startServer, type SignedIn, type TestServer } from './support/harness.ts'
import { encode, HUGE, hostileBody, hostileQuery, hostileString, hostileValue, listRoutes, QUERY_VALUES, SCRIPTS } from './support/hostile.ts'

// Random and hostile input at every /api endpoint: the answer is never a 5xx, a 4xx says why in
// JSON, and nothing is applied. Runs are few per property (CI time); a failure prints its seed.
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40)

/** What a rejected request must leave untouched (audit rows and sign-in failures may grow: that is logging). */
async function fingerprint(db: Db) {
  return JSON.stringify({
    records: await db.selectFrom('records').select(['tbl', 'id', 'team_id', 'seq', 'data', 'deleted_at']).orderBy('tbl').orderBy('id').execute(),
    state: await db.selectFrom('sync_state').selectAll().execute(),
    users: await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled_at']).orderBy('id').execute(),
    memberships: await db.selectFrom('memberships').selectAll().orderBy('user_id').orderBy('team_id').execute(),
    sessions: (await db.selectFrom('sessions').select('token_hash').execute()).length,
  })
}

async function head(db: Db): Promise<string> {
  const state = await db.selectFrom('sync_state').select('seq').executeTakeFirstOrThrow()
  const count = await db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return `${Number(state.seq)}/${Number(count.n)}`
}

type ActorName = 'anonymous' | 'forged' | 'sbA' | 'koA' | 'admin'

interface World {
  server: TestServer
  idp: TestIdentityProvider
  teamA: string
  teamB: string
  users: Record<Exclude<ActorName, 'anonymous' | 'forged'>, SignedIn> & { sbB: SignedIn }
  /** Ids of records that belong to team B. */
  foreignIds: string[]
  clientB: string
}

function expectReason(response: LightMyRequestResponse, context: string): void {
  expect(response.statusCode, context).toBeLessThan(500)
  if (response.statusCode >= 400) {
    expect(response.headers['content-type'], context).toMatch(/^application\/json/)
    const body = response.json() as { error?: unknown; message?: unknown }
    expect(typeof body.error, context).toBe('string')
    expect(typeof body.message, context).toBe('string')
  }
}

function describeRequest(options: InjectOptions): string {
  const payload = typeof options.payload === 'string' ? options.payload.slice(0, 300) : ''
  return `${options.method} ${String(options.url).slice(0, 300)} ${JSON.stringify(options.headers)} ${payload}`
}

describeBackends('hostile payloads at every /api endpoint', (kind) => {
  let world: World

  beforeAll(async () => {
    const idp = await startIdentityProvider([{ sub: 'x', email: 'nobody@test.dk', roles: [] }], 'http://localhost:80/api/auth/oidc/callback')
    const server = await startServer(kind, {
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, userClaim: 'email', roleClaim: 'roles', roleMap: {} },
    })
    const teamA = await server.team()
    const teamB = await server.team()
    const users = {
      sbA: await server.user('superbruger', [teamA]), koA: await server.user('koordinator', [teamA]),
      admin: await server.user('admin', [teamA]), sbB: await server.user('superbruger', [teamB]),
    }
    const clientB = 'device-team-b-01'
    const foreign = [1, 2, 3].map((i) => putOf(i, 'requests', `b-req-${i}`, teamB, users.sbB.actor.id))
    await users.sbB.pushOk({ clientId: clientB, mutations: [...foreign, putOf(4, 'assets', 'b-asset', teamB, users.sbB.actor.id)] })
    await users.sbA.pushOk({ clientId: 'device-team-a-01', mutations: [putOf(1, 'requests', 'a-req-1', teamA, users.sbA.actor.id)] })
    world = { server, idp, teamA, teamB, users, foreignIds: ['b-req-1', 'b-req-2', 'b-req-3', 'b-asset', users.sbB.actor.id, teamB], clientB }
  }, 120_000)

  afterAll(async () => {
    await world?.server.app.close()
    await world?.server.backend.drop()
    await world?.idp.close()
  })

  const app = (): FastifyInstance => world.server.app
  const db = (): Db => world.server.app.storage.db

  function cookieOf(actor: ActorName, forged: string): string | undefined {
    if (actor === 'anonymous') return undefined
    if (actor === 'forged') return `${SESSION_COOKIE}=${encode(forged)}`
    return world.users[actor].cookie
  }

  async function send(options: InjectOptions): Promise<LightMyRequestResponse> {
    return app().inject(options)
  }

  it('covers every /api route the server has (new routes get the generic attack below)', () => {
    const routes = listRoutes(app())
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining([
      'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me', 'POST /api/sync/push', 'GET /api/sync/pull',
      'GET /api/sync/events', 'GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback', 'GET /api/health',
      'PUT /api/photos/:hash', 'GET /api/photos/:hash',
    ]))
  })

  it('every route, as anyone, with hostile queries, params, cookies and bodies: never a 5xx, nothing applied', async () => {
    const before = await fingerprint(db())
    const routes = listRoutes(app()).filter((r) => r.url.startsWith('/api/'))
    for (const route of routes) {
      // Signing out here would end the sessions the other properties use; those two get their own test.
      const signOut = route.url === '/api/auth/logout' || route.url === '/api/auth/logout-all'
      // The event stream of a signed-in user never ends by design; only refusals are checked here.
      const stream = route.url === '/api/sync/events'
      const actors: ActorName[] = signOut || stream ? ['anonymous', 'forged'] : ['anonymous', 'forged', 'sbA', 'koA', 'admin']
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(...actors), hostileQuery, fc.oneof(hostileString, fc.constantFrom(...world.foreignIds)), hostileString, hostileBody(),
        fc.option(fc.constantFrom('https://evil.example', 'null', 'http://localhost:80')),
        fc.option(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'GET'), { freq: 4 }),
        async (actor, query, param, forged, body, origin, otherMethod) => {
          const path = route.url.replace(/:[A-Za-z]+/g, encode(param).slice(0, 2000) || 'x')
          const headers: Record<string, string> = {}
          const cookie = cookieOf(actor, forged)
          if (cookie) headers.cookie = cookie
          if (origin) headers.origin = origin
          if (body.contentType) headers['content-type'] = body.contentType
          const method = (otherMethod ?? route.method) as InjectOptions['method']
          const options: InjectOptions = { method, url: query ? `${path}?${query}` : path, headers }
          if (body.payload !== undefined && method !== 'GET') options.payload = body.payload
          const response = await send(options)
          expectReason(response, describeRequest(options))
        },
      ), { numRuns: RUNS })
    }
    expect(await fingerprint(db())).toBe(before)
  }, 300_000)

  it('a NUL character anywhere is a 400 with a reason on both back ends (PostgreSQL cannot store one: it was a 500)', async () => {
    const { sbA } = world.users
    const before = await fingerprint(db())
    const json = { 'content-type': 'application/json' }
    const requests: InjectOptions[] = [
      { method: 'POST', url: '/api/auth/login', headers: json, payload: JSON.stringify({ email: `${sbA.actor.email}\u0000`, password: 'x' }) },
      { method: 'POST', url: '/api/auth/login', headers: json, payload: JSON.stringify({ email: 'a\u0000@test.dk', password: 'x\u0000' }) },
      { method: 'POST', url: '/api/sync/push', headers: { ...json, cookie: sbA.cookie }, payload: JSON.stringify({ clientId: 'device-nul-0001', mutations: [putOf(1, 'requests', 'nul\u0000id', world.teamA, sbA.actor.id)] }) },
      { method: 'POST', url: '/api/sync/push', headers: { ...json, cookie: sbA.cookie }, payload: JSON.stringify({ clientId: 'device-nul-0001', mutations: [putOf(1, 'requests', 'nul-team', `${world.teamA}\u0000`, sbA.actor.id)] }) },
      { method: 'POST', url: '/api/sync/push', headers: { ...json, cookie: sbA.cookie }, payload: JSON.stringify({ clientId: 'device-nul-0001', mutations: [putOf(1, 'requests', 'nul-text', world.teamA, sbA.actor.id, { description: 'a\u0000b' })] }) },
      ...listRoutes(app()).filter((r) => r.url.startsWith('/api/')).map((r): InjectOptions => ({
        method: r.method as InjectOptions['method'], url: `${r.url.replace(/:[A-Za-z]+/g, 'x%00')}?q=ab%00cd&teamId=%00&returnTo=/%00&before=%00`,
        // Refused before any handler runs, so no session is needed (and none can be ended).
      })),
    ]
    for (const request of requests) {
      const response = await send(request)
      const context = describeRequest(request)
      expectReason(response, context)
      expect(response.statusCode, context).toBe(400)
      expect(response.json().details, context).toMatch(/U\+0000/)
    }
    expect(await fingerprint(db())).toBe(before)
  })

  it('a prototype key is refused with a reason, not silently dropped (a push field "constructor" was accepted)', async () => {
    const { sbA } = world.users
    const before = await fingerprint(db())
    for (const key of ['constructor', 'prototype']) {
      const put = putOf(1, 'requests', `proto-${key}`, world.teamA, sbA.actor.id, { [key]: { polluted: true } })
      for (const body of [{ clientId: 'device-proto-001', mutations: [put] }, { clientId: 'device-proto-001', mutations: [put], [key]: 1 }]) {
        const response = await sbA.push(body)
        expectReason(response, `${key}: ${response.body}`)
        expect(response.statusCode).toBe(400)
        expect(response.json()).toMatchObject({ error: 'invalid_body', details: `uses the reserved key "${key}"` })
      }
      const query = await send({ method: 'GET', url: `/api/sync/pull?${key}=1`, headers: { cookie: sbA.cookie } })
      expect(query.statusCode).toBe(400)
    }
    expect(await fingerprint(db())).toBe(before)
  })

  it('push: malformed batches are refused whole with invalid_body and nothing is applied', async () => {
    const { sbA } = world.users
    const before = await fingerprint(db())
    const valid = (id: number) => putOf(id, 'requests', `new-${id}`, world.teamA, sbA.actor.id)
    const corruptions: Array<fc.Arbitrary<(m: Record<string, unknown>) => void>> = [
      fc.constantFrom('users', 'sessions', 'records', 'sync_state', '__proto__', '', 'Requests', 'requests ').map((t) => (m) => { m.table = t }),
      fc.constantFrom('drop', 'PUT', 'merge', null, 1).map((op) => (m) => { m.op = op }),
      fc.constantFrom(0, -1, 1.5, null, '1', 2 ** 53 + 2, true).map((id) => (m) => { m.mutationId = id }),
      fc.constantFrom('', 'r'.repeat(65), null, 42).map((id) => (m) => { m.recordId = id }),
      fc.constantFrom(-1, 1.5, null, '0').map((rev) => (m) => { m.baseRev = rev }),
      fc.constantFrom(-1, 1.5, null, 'now', 8.64e15 + 2).map((at) => (m) => { m.at = at }),
      fc.constantFrom(null, [], 'x', 42).map((fields) => (m) => { m.fields = fields }),
      fc.tuple(fc.constantFrom('constructor', 'isAdmin', 'seq', 'words', 'teamId2', 'rev ', 'Description'), hostileValue)
        .map(([key, value]) => (m) => { m.fields = { ...(m.fields as object), [key]: value } }),
      fc.constantFrom<[string, unknown]>(['description', HUGE], ['requesterName', 'n'.repeat(501)], ['status', 'done'], ['status', null],
        ['history', Array.from({ length: 1001 }, () => ({ at: 1, by: 'p', from: null, to: 'ny' }))], ['id', 'other-id'], ['createdAt', -5],
        ['createdAt', 1.5], ['teamId', null], ['teamId', 't'.repeat(65)], ['channel', '<script>'], ['referrals', 'x'], ['deletedAt', 5])
        .map(([key, value]) => (m) => { m.fields = { ...(m.fields as object), [key]: value } }),
    ]
    // 0–2 valid mutations, then one with 1–3 corruptions: the whole batch must be refused.
    const badBatch = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 2 }), fc.array(fc.oneof(...corruptions), { minLength: 1, maxLength: 3 })).map(([good, steps]) => {
        const bad = structuredClone(valid(good + 1)) as unknown as Record<string, unknown>
        for (const step of steps) step(bad)
        return { clientId: 'device-hostile-01', mutations: [...Array.from({ length: good }, (_, i) => valid(i + 1)), bad] }
      }),
      fc.constantFrom('short', '../../x', 'a'.repeat(65), 'x y z w v', null, 42, '<script>', 'device\u0000001').map((clientId) => ({ clientId, mutations: [valid(1)] })),
      hostileValue.filter((v) => !(Array.isArray(v) && v.length === 0)).map((mutations) => ({ clientId: 'device-hostile-01', mutations })),
      fc.constant({ clientId: 'device-hostile-01', mutations: [valid(2), valid(1)] }),
      fc.constant({ clientId: 'device-hostile-01', mutations: [valid(1)], extra: true }),
      fc.constant({ clientId: 'device-hostile-01', mutations: [{ ...valid(1), op: 'delete' }] }),
      fc.constant({ clientId: 'device-hostile-01', mutations: Array.from({ length: 1001 }, (_, i) => valid(i + 1)) }),
    )
    await fc.assert(fc.asyncProperty(badBatch, async (batch) => {
      const was = await head(db())
      const response = await sbA.push(JSON.stringify(batch), { 'content-type': 'application/json' })
      const context = JSON.stringify(batch).slice(0, 400)
      expectReason(response, context)
      expect(response.statusCode, context).toBe(400)
      expect(response.json().error).toBe('invalid_body')
      expect(await head(db())).toBe(was)
    }), { numRuns: RUNS * 2 })
    expect(await fingerprint(db())).toBe(before)
  }, 300_000)

  it("push: other teams' records and another user's device are refused and nothing is applied", async () => {
    const { sbA } = world.users
    const recordsBefore = (await fingerprint(db())).replace(/"sessions":\d+/, '')
    let device = 0
    const foreign = fc.oneof(
      fc.constantFrom('requests', 'assets', 'tips', 'departments').map((table) => (id: number) => putOf(id, table, `stolen-${id}-${table}`, world.teamB, sbA.actor.id)),
      fc.constantFrom('b-req-1', 'b-req-2', 'b-req-3').map((rid) => (id: number) => patchOf(id, 'requests', rid, { description: 'overtaget', status: 'løst' }, 99)),
      fc.constantFrom('b-req-1', 'b-asset').map((rid) => (id: number) => deleteOf(id, rid === 'b-asset' ? 'assets' : 'requests', rid, 99)),
      // The same id as team B's record, claimed for team A: the stored record's team decides.
      fc.constant((id: number) => putOf(id, 'requests', 'b-req-2', world.teamA, sbA.actor.id)),
      fc.constant((id: number) => putOf(id, 'teams', world.teamB, world.teamB, sbA.actor.id)),
    )
    await fc.assert(fc.asyncProperty(fc.array(foreign, { minLength: 1, maxLength: 4 }), async (makers) => {
      const was = await head(db())
      device += 1
      const mutations = makers.map((make, i) => make(i + 1))
      const response = await sbA.push({ clientId: `device-thief-${String(device).padStart(4, '0')}`, mutations })
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json<PushResponse>()
      expect(body.rejected.map((r) => r.mutationId)).toEqual(mutations.map((m) => m.mutationId))
      expect(body.rejected.every((r) => r.reason === 'forbidden')).toBe(true)
      expect(await head(db())).toBe(was)
    }), { numRuns: RUNS })
    const stolenDevice = await sbA.push({ clientId: world.clientB, mutations: [putOf(5, 'requests', 'via-b-device', world.teamA, sbA.actor.id)] })
    expect(stolenDevice.statusCode).toBe(403)
    expect(stolenDevice.json()).toMatchObject({ error: 'client_not_yours', message: expect.any(String) })
    expect((await fingerprint(db())).replace(/"sessions":\d+/, '')).toBe(recordsBefore)
  }, 300_000)

  it('push: script in an otherwise valid text field is ACCEPTED and stored verbatim as data (only CPR numbers masked)', async () => {
    // The API stores text, it does not render it: JSON out, nosniff, and the app shows text through
    // Vue's escaping (tip markdown through renderTipMarkdown). So the payload must come back unchanged.
    const { sbA } = world.users
    let next = 0
    const text = fc.oneof(fc.constantFrom(...SCRIPTS), fc.string({ maxLength: 200 }), fc.constantFrom('Ring 010190-1234 <b>nu</b>', '<img src=x onerror=alert(1)> 311299-9995'))
    await fc.assert(fc.asyncProperty(text, text, text, async (description, resolution, requesterName) => {
      next += 1
      const id = `script-${next}`
      const put = putOf(next, 'requests', id, world.teamA, sbA.actor.id, { description, resolution, requesterName })
      const response = await sbA.push({ clientId: 'device-scripts-01', mutations: [put] })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      const row = await db().selectFrom('records').select('data').where('tbl', '=', 'requests').where('id', '=', id).executeTakeFirstOrThrow()
      const stored = JSON.parse(row.data) as Record<string, unknown>
      const expected = maskRecordFields('requests', { description, resolution, requesterName }).fields
      expect({ description: stored.description, resolution: stored.resolution, requesterName: stored.requesterName }).toEqual(expected)
    }), { numRuns: RUNS })
  }, 300_000)

  it('pull: a query is answered 200 exactly when it is a plain cursor and limit in range, else 400; only own teams are read', async () => {
    const { sbA } = world.users
    const isValid = (query: string): boolean => {
      const params = new URLSearchParams(query)
      const keys = [...params.keys()]
      if (keys.some((k) => k !== 'cursor' && k !== 'limit') || new Set(keys).size !== keys.length) return false
      const cursor = params.get('cursor')
      const limit = params.get('limit')
      if (cursor !== null && !/^\d{1,15}$/.test(cursor)) return false
      return limit === null || (/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000)
    }
    const numberish = fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.integer({ min: -5, max: 2000 }).map(String), fc.double().map(String), fc.bigInt().map(String))
    const query = fc.oneof(
      fc.tuple(fc.option(numberish), fc.option(numberish)).map(([c, l]) => [c === null ? '' : `cursor=${encode(c)}`, l === null ? '' : `limit=${encode(l)}`].filter(Boolean).join('&')),
      hostileQuery,
    )
    await fc.assert(fc.asyncProperty(query, async (q) => {
      const response = await send({ method: 'GET', url: `/api/sync/pull?${q}`, headers: { cookie: sbA.cookie } })
      expectReason(response, q)
      const valid = !q.includes('%') || !/%(?![0-9A-Fa-f]{2})/.test(q) ? isValid(q) : false
      expect(response.statusCode, q).toBe(valid ? 200 : 400)
      if (response.statusCode === 200) {
        for (const { record } of response.json().records as Array<{ record: { teamId: string } }>) expect(record.teamId).toBe(world.teamA)
      }
    }), { numRuns: RUNS * 2 })
  }, 300_000)

  it('login: hostile bodies never sign anyone in', async () => {
    const before = await fingerprint(db())
    const shaped = fc.oneof(
      fc.record({ email: fc.oneof(hostileValue, fc.constantFrom(world.users.sbA.actor.email, `${world.users.sbA.actor.email}\u0000`, ' ADMIN@TEST.DK ')), password: hostileValue }, { requiredKeys: [] }),
      fc.record({ email: fc.constant(world.users.sbA.actor.email), password: fc.constantFrom(HUGE, '', ...SCRIPTS), extra: hostileValue }),
      hostileValue,
    )
    await fc.assert(fc.asyncProperty(hostileBody(shaped), fc.option(hostileQuery), async (body, query) => {
      const headers: Record<string, string> = body.contentType ? { 'content-type': body.contentType } : {}
      const response = await send({ method: 'POST', url: `/api/auth/login${query ? `?${query}` : ''}`, headers, payload: body.payload })
      const context = `${body.contentType} ${body.payload?.slice(0, 300)}`
      expectReason(response, context)
      expect(response.statusCode, context).toBeGreaterThanOrEqual(400)
      expect(response.cookies.filter((c) => c.name === SESSION_COOKIE && c.value !== ''), context).toEqual([])
    }), { numRuns: RUNS })
    expect(await fingerprint(db())).toBe(before)
  }, 300_000)

  it('sign-out with hostile bodies and cookies ends at most the sender’s own session', async () => {
    const throwaway = await world.server.user('superbruger', [world.teamA])
    const before = await fingerprint(db())
    await fc.assert(fc.asyncProperty(fc.constantFrom('/api/auth/logout', '/api/auth/logout-all'), hostileBody(), hostileString, async (url, body, forged) => {
      const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${encode(forged)}` }
      if (body.contentType) headers['content-type'] = body.contentType
      const response = await send({ method: 'POST', url, headers, payload: body.payload })
      expectReason(response, `${url} ${body.payload?.slice(0, 200)}`)
    }), { numRuns: RUNS })
    expect(await fingerprint(db())).toBe(before)
    const own = await send({ method: 'POST', url: '/api/auth/logout', headers: { cookie: throwaway.cookie, 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' })
    expectReason(own, 'own sign-out with a poisoned body')
  }, 300_000)

  it('OIDC start and callback: hostile queries and cookies end in a redirect or a 4xx, never a session', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('start', 'callback'), hostileQuery, fc.option(hostileString), async (step, query, state) => {
      const headers: Record<string, string> = state === null ? {} : { cookie: `sb_oidc=${encode(state)}` }
      const response = await send({ method: 'GET', url: `/api/auth/oidc/${step}?${query}`, headers })
      expectReason(response, `${step}?${query}`)
      expect(response.cookies.filter((c) => c.name === SESSION_COOKIE && c.value !== '')).toEqual([])
      if (step === 'start' && response.statusCode === 302) expect(response.headers.location).toMatch(new RegExp(`^${world.idp.issuer}/`))
      // A callback the provider could have sent goes back to the sign-in page with a reason; one
      // holding a NUL never came from a provider and gets the input guard's 400.
      if (step === 'callback' && response.statusCode !== 400) expect(response.headers.location).toMatch(/^\/log-ind\?fejl=/)
    }), { numRuns: RUNS })
    const returns = await db().selectFrom('oidc_logins').select('return_to').execute()
    for (const { return_to } of returns) expect(return_to).toMatch(/^\/(?![/\\])/)
  }, 300_000)
})
