import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../src/sync/backoff.ts'
import { withSyncLock } from '../../src/sync/lock.ts'
import { fetchMe, login, logout } from '../../src/api/auth.ts'
import { createSyncApi } from '../../src/api/sync.ts'

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = []
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init })
    return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
  }
  return { calls, fetch, transport: createSyncApi({ fetch }) }
}

describe('the sync and auth API: HTTP answers as typed results', () => {
  it('sends same-origin JSON to /api and returns the body', async () => {
    const { calls, transport } = answering(200, { lastMutationId: 3, seq: 9, conflicts: [], rejected: [] })
    expect(await transport.push({ clientId: 'device-1', mutations: [] })).toEqual({ ok: true, value: { lastMutationId: 3, seq: 9, conflicts: [], rejected: [] } })
    expect(calls[0]).toMatchObject({ url: '/api/sync/push', init: { method: 'POST', credentials: 'same-origin' } })
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ clientId: 'device-1', mutations: [] })
  })

  it.each([
    [401, { error: 'unauthenticated', message: 'Log ind for at synkronisere.' }, {}, { kind: 'unauthorised', code: 'unauthenticated', message: 'Log ind for at synkronisere.' }, undefined],
    [401, { error: 'unauthenticated', message: 'Log ind', details: { reason: 'session_expired' } }, {}, { kind: 'unauthorised', code: 'unauthenticated', reason: 'session_expired' }, undefined],
    [401, { error: 'unauthenticated', message: 'Log ind', details: { reason: 'unauthorised' } }, {}, { kind: 'unauthorised', code: 'unauthenticated', reason: 'unauthorised' }, undefined],
    [400, { error: 'invalid_body', message: 'Data blev afvist' }, {}, { kind: 'rejected', code: 'invalid_body', message: 'Data blev afvist' }, undefined],
    [409, { error: 'mutation_gap', message: 'mangler' }, {}, { kind: 'rejected', code: 'mutation_gap', message: 'mangler' }, undefined],
    [503, { error: 'shutting_down', message: 'genstarter' }, { 'retry-after': '7' }, { kind: 'server', code: 'shutting_down', message: 'genstarter' }, 7000],
    [500, 'not json at all', {}, { kind: 'server' }, undefined],
    [429, { error: 'too_many_attempts', message: 'vent' }, { 'retry-after': '60' }, { kind: 'server', code: 'too_many_attempts' }, 60_000],
  ] as const)('maps HTTP %i', async (status, body, headers, problem, retryAfterMs) => {
    const { transport } = answering(status, body, headers)
    const result = await transport.pull(0, 10)
    expect(result).toMatchObject({ ok: false, problem })
    expect(!result.ok && result.problem.retryAfterMs).toBe(retryAfterMs ?? undefined)
  })

  it.each([
    ['no details', { error: 'unauthenticated', message: 'Log ind' }],
    ['a reason it does not know', { error: 'unauthenticated', message: 'Log ind', details: { reason: 'mystery' } }],
    ['details that are not an object', { error: 'unauthenticated', message: 'Log ind', details: 'session_expired' }],
    ['no JSON body', 'Unauthorized'],
  ])('keeps no session reason for a 401 with %s (the UI then claims no expiry)', async (_case, body) => {
    const result = await answering(401, body).transport.push({ clientId: 'device-1', mutations: [] })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problem.kind).toBe('unauthorised')
    expect(!result.ok && 'reason' in result.problem).toBe(false)
  })

  it('reports a network failure as offline', async () => {
    const fetch = async (): Promise<Response> => { throw new TypeError('Failed to fetch') }
    expect(await fetchMe({ fetch })).toMatchObject({ ok: false, problem: { kind: 'offline' } })
    expect(await createSyncApi({ fetch }).pull(0, 10)).toMatchObject({ ok: false, problem: { kind: 'offline' } })
  })

  it('unwraps the user of me and login, and accepts an empty logout', async () => {
    const user = { id: 'u1', email: 'a@b.dk', name: 'A', role: 'superbruger', teams: ['t'] }
    const signIn = answering(200, { user })
    expect(await login('a@b.dk', 'pw', { fetch: signIn.fetch })).toEqual({ ok: true, value: user })
    expect(signIn.calls[0]).toMatchObject({ url: '/api/auth/login', init: { method: 'POST' } })
    expect(await fetchMe({ fetch: answering(200, { user }).fetch })).toEqual({ ok: true, value: user })
    expect(await logout({ fetch: answering(204, null).fetch })).toEqual({ ok: true, value: null })
  })
})

describe('backoffDelay', () => {
  it.each([
    [1, 0, 1000], [1, 1, 2000], [2, 1, 4000], [3, 1, 8000], [10, 1, 300_000], [50, 0.5, 225_000], [0, 1, 2000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, { random: () => random })).toBe(expected)
  })
})

describe('withSyncLock (in-process fallback)', () => {
  it('runs one holder at a time per database and lets others run in parallel', async () => {
    const log: string[] = []
    const step = (name: string, ms: number) => withSyncLock(name, async () => {
      log.push(`start ${name}`)
      await new Promise((r) => setTimeout(r, ms))
      log.push(`end ${name}`)
    })
    await Promise.all([step('a', 20), step('a', 1), step('b', 1)])
    expect(log.indexOf('end a')).toBeLessThan(log.lastIndexOf('start a'))
    expect(log.indexOf('end b')).toBeLessThan(log.indexOf('end a'))
  })

  it('keeps going after a holder fails', async () => {
    await expect(withSyncLock('c', async () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(await withSyncLock('c', async () => 'next')).toBe('next')
  })
})
