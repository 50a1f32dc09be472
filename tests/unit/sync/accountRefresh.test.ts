import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCanWrite } from '../../../src/composables/useCanWrite.ts'
import { forgetDeviceAccount, readDeviceAccount, rememberDeviceAccount, type DeviceAccount } from '../../../src/db/account.ts'
import type { PushResponse } from '../../../src/domain/protocol.ts'
import { useSessionStore } from '../../../src/stores/session.ts'
import { useSyncStore } from '../../../src/stores/sync.ts'
import { refreshAccount, type AccountRefreshOptions } from '../../../src/sync/accountRefresh.ts'
import { fetchMe, type AccountInfo } from '../../../src/api/auth.ts'
import type { ApiResult } from '../../../src/api/problem.ts'
import type { Transport } from '../../../src/sync/transport.ts'

const SARA: DeviceAccount = { id: 'user-sara', email: 'sara@kommune.dk', name: 'Sara Holm', role: 'superbruger', teams: ['team-1'] }

/** The real `fetchMe` over a fetch that answers `/api/auth/me` with `status` and `user` (or rejects: no network). */
function serverSaying(status: number | 'offline', user: AccountInfo = SARA): () => Promise<ApiResult<AccountInfo>> {
  return () => fetchMe({
    fetch: async () => {
      if (status === 'offline') throw new TypeError('Failed to fetch')
      const body = status === 200 ? { user: { ...user, joinedSeq: 0 } } : { error: 'unauthenticated', details: { reason: 'session_expired' } }
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    },
  })
}

let remember: ReturnType<typeof vi.fn<(account: DeviceAccount) => void>>

/** Sara signed in on this device as a superbruger; `remember` writes through the session store. */
function signedInAsSara(): AccountRefreshOptions['current'] {
  rememberDeviceAccount(SARA)
  setActivePinia(createPinia())
  const session = useSessionStore()
  remember = vi.fn((account: DeviceAccount) => session.updateAccount(account))
  return () => session.account
}

beforeEach(() => {
  forgetDeviceAccount()
  setActivePinia(createPinia())
})

afterEach(() => {
  vi.restoreAllMocks()
  forgetDeviceAccount()
})

describe('refreshAccount', () => {
  it('takes a role changed on the server at once: write actions go, and the device remembers it', async () => {
    const current = signedInAsSara()
    const canWrite = useCanWrite()
    expect(canWrite.value).toBe(true)
    const outcome = await refreshAccount({ fetchMe: serverSaying(200, { ...SARA, role: 'leder' }), current, remember })
    expect(outcome).toBe('updated')
    expect(useSessionStore().account?.role).toBe('leder')
    expect(canWrite.value).toBe(false)
    // The next start (offline too) opens with the new role, and only the account fields are kept.
    expect(readDeviceAccount()).toEqual({ ...SARA, role: 'leder' })
  })

  it('takes a leder made superbruger again, and a changed name and teams', async () => {
    rememberDeviceAccount({ ...SARA, role: 'leder' })
    setActivePinia(createPinia())
    const session = useSessionStore()
    const canWrite = useCanWrite()
    expect(canWrite.value).toBe(false)
    const server = { ...SARA, name: 'Sara Holm Berg', teams: ['team-1', 'team-2'] }
    const outcome = await refreshAccount({ fetchMe: serverSaying(200, server), current: () => session.account, remember: session.updateAccount })
    expect(outcome).toBe('updated')
    expect(canWrite.value).toBe(true)
    expect(readDeviceAccount()).toEqual(server)
  })

  it('writes nothing when the server says what the device already knows', async () => {
    const current = signedInAsSara()
    const before = current()
    const setItem = vi.spyOn(Storage.prototype, 'setItem')
    expect(await refreshAccount({ fetchMe: serverSaying(200), current, remember })).toBe('unchanged')
    expect(remember).not.toHaveBeenCalled()
    expect(setItem).not.toHaveBeenCalled()
    expect(current()).toBe(before)
  })

  it.each([
    ['an expired session (401)', 401],
    ['a server error', 503],
    ['no network', 'offline'],
  ] as const)('changes nothing without an answer: %s', async (_case, status) => {
    const current = signedInAsSara()
    expect(await refreshAccount({ fetchMe: serverSaying(status), current, remember })).toBe('unavailable')
    expect(remember).not.toHaveBeenCalled()
    expect(readDeviceAccount()).toEqual(SARA)
    expect(useCanWrite().value).toBe(true)
  })

  it('keeps the account, with a warning, when the server describes another user', async () => {
    const current = signedInAsSara()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const other = { ...SARA, id: 'user-lis', role: 'leder' }
    expect(await refreshAccount({ fetchMe: serverSaying(200, other), current, remember })).toBe('mismatch')
    expect(remember).not.toHaveBeenCalled()
    expect(readDeviceAccount()).toEqual(SARA)
    expect(warn).toHaveBeenCalledOnce()
  })

  it('keeps the account when the server lists no team (the device could not open it at its next start)', async () => {
    const current = signedInAsSara()
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(await refreshAccount({ fetchMe: serverSaying(200, { ...SARA, role: 'leder', teams: [] }), current, remember })).toBe('mismatch')
    expect(readDeviceAccount()).toEqual(SARA)
  })

  it('asks nothing without a sign-in, and remembers nothing for someone who signed out meanwhile', async () => {
    const me = vi.fn(async (): Promise<ApiResult<AccountInfo>> => ({ ok: true, value: { ...SARA, role: 'leder' } }))
    const session = useSessionStore()
    const options = { fetchMe: me, current: () => session.account, remember: session.updateAccount }
    expect(await refreshAccount(options)).toBe('unavailable')
    expect(me).not.toHaveBeenCalled()

    signedInAsSara()
    const signedIn = useSessionStore()
    const pending = refreshAccount({ fetchMe: me, current: () => signedIn.account, remember: signedIn.updateAccount })
    signedIn.forgetSignIn()
    expect(await pending).toBe('unavailable')
    expect(readDeviceAccount()).toBeNull()
  })
})

describe('the sync store', () => {
  let syncOk: boolean
  let role: string
  const me = vi.fn(async (): Promise<ApiResult<AccountInfo>> => ({ ok: true, value: { ...SARA, role } }))
  const failure = { ok: false, problem: { kind: 'offline' } } as const
  const transport: Transport = {
    push: async (): Promise<ApiResult<PushResponse>> => failure,
    pull: async () => syncOk ? { ok: true, value: { records: [], nextCursor: 0, hasMore: false, resetRequired: false, base: 0 } } : failure,
    conflictsSeen: async (ids) => ({ ok: true, value: { seen: ids.length } }),
  }

  beforeEach(() => {
    me.mockClear()
    syncOk = true
    role = 'leder'
    signedInAsSara()
  })

  afterEach(() => useSyncStore().stop())

  it('checks the account once after each successful sync, so a new role shows without a new sign-in', async () => {
    const store = useSyncStore()
    const canWrite = useCanWrite()
    store.start({ transport, fetchMe: me, openEvents: () => null })
    await expect.poll(() => canWrite.value).toBe(false)
    expect(me).toHaveBeenCalledOnce()

    role = 'superbruger'
    expect(await store.syncNow()).toMatchObject({ ok: true })
    await expect.poll(() => canWrite.value).toBe(true)
    expect(me).toHaveBeenCalledTimes(2)
  })

  it('does not ask after a failed sync', async () => {
    syncOk = false
    const store = useSyncStore()
    store.start({ transport, fetchMe: me, openEvents: () => null, backoff: { baseMs: 60_000 } })
    expect(await store.syncNow()).toMatchObject({ ok: false })
    expect(me).not.toHaveBeenCalled()
    expect(useSessionStore().account?.role).toBe('superbruger')
  })
})
