import { expect, it } from 'vitest'
import { MAX_PUSH_BYTES } from '../../src/domain/protocol.ts'
import { describeBackends } from './support/backends.ts'
import { putOf, useServer } from './support/harness.ts'

describeBackends('malformed and oversized input: 4xx with a reason, nothing applied', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const good = putOf(1, 'requests', 'good', team, sb.actor.id)
    const countRequests = async () => (await server().app.storage.db.selectFrom('records').select('id').where('tbl', '=', 'requests').execute()).length
    return { team, sb, good, countRequests }
  }

  it('a push with one bad mutation among good ones is rejected whole, naming the bad field', async () => {
    const { sb, good, team, countRequests } = await setup()
    const bad = putOf(2, 'requests', 'bad', team, sb.actor.id, { status: 'done' })
    const response = await sb.push({ clientId: 'device-0001', mutations: [good, bad] })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'invalid_body', message: expect.stringMatching(/Intet blev gemt/) })
    expect(response.json().details).toMatch(/mutations\.1\.fields\.status/)
    expect(await countRequests()).toBe(0)
    // nothing was recorded for the device either: mutation 1 is still expected
    expect(await sb.pushOk({ clientId: 'device-0001', mutations: [good] })).toMatchObject({ lastMutationId: 1 })
  })

  const bodies: Array<[string, Record<string, unknown>, RegExp]> = [
    ['unknown table', { table: 'users' }, /table/],
    ['unknown field', { fields: { extra: true } }, /fields/],
    ['negative baseRev', { baseRev: -1 }, /baseRev/],
    ['string mutation id', { mutationId: '1' }, /mutationId/],
    ['record id that is not valid Unicode (a lone surrogate)', { recordId: 'bad-\uD800', fields: { id: 'bad-\uD800' } }, /valid Unicode/],
  ]
  for (const [name, change, reason] of bodies) {
    it(`rejects a mutation with ${name}`, async () => {
      const { sb, good, countRequests } = await setup()
      const mutation = { ...good, ...change, fields: { ...good.fields, ...(change.fields as object | undefined ?? {}) } }
      const response = await sb.push({ clientId: 'device-0001', mutations: [mutation] })
      expect(response.statusCode).toBe(400)
      expect(response.json().details).toMatch(reason)
      expect(await countRequests()).toBe(0)
    })
  }

  it('invalid JSON is a 400, not a 500', async () => {
    const { sb } = await setup()
    const response = await sb.push('{"clientId": "device-0001", "mutations": [', { 'content-type': 'application/json' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toBe('invalid_body')
  })

  it('a body that is not JSON is a 415', async () => {
    const { sb } = await setup()
    const response = await sb.push('clientId=x', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(response.statusCode).toBe(415)
    expect(response.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.any(String) })
  })

  it('an oversized push is refused with 413 and nothing is applied', async () => {
    const { sb, good, countRequests } = await setup()
    const filler = 'x'.repeat(40_000)
    const count = Math.ceil(MAX_PUSH_BYTES / filler.length) + 1
    const mutations = Array.from({ length: count }, (_, i) => ({ ...good, mutationId: i + 1, recordId: `r${i}`, fields: { ...good.fields, id: `r${i}`, description: filler } }))
    const response = await sb.push({ clientId: 'device-0001', mutations })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ error: 'body_too_large', message: expect.stringMatching(/for mange data/) })
    expect(await countRequests()).toBe(0)
  })

  it('too many mutations in one push are refused', async () => {
    const { sb, good, countRequests } = await setup()
    const mutations = Array.from({ length: 1001 }, (_, i) => ({ ...good, mutationId: i + 1, recordId: `r${i}`, fields: { ...good.fields, id: `r${i}` } }))
    const response = await sb.push({ clientId: 'device-0001', mutations })
    expect(response.statusCode).toBe(400)
    expect(response.json().details).toMatch(/at most 1000/)
    expect(await countRequests()).toBe(0)
  })

  const queries = ['cursor=-1', 'cursor=abc', 'limit=0', 'limit=5000', 'cursor=1&foo=bar']
  for (const query of queries) {
    it(`a pull with ${query} is a 400 with a reason`, async () => {
      const { sb } = await setup()
      const response = await server().app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: { cookie: sb.cookie } })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ error: 'invalid_query', details: expect.any(String) })
    })
  }

  it('a login with a malformed body is a 400', async () => {
    const response = await server().login(42 as unknown as string, '')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toBe('invalid_body')
  })

  it('unknown API paths answer JSON 404', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/nope' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: 'not_found' })
  })
})
