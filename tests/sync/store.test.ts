import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db, useDatabase } from '../../src/db/database.ts'
import { createRecord } from '../../src/db/write.ts'
import type { PushResponse } from '../../src/domain/protocol.ts'
import type { PersonId, TeamId } from '../../src/domain/records/fields.ts'
import { createSyncEngine } from '../../src/sync/engine.ts'
import type { ApiResult } from '../../src/api/problem.ts'
import type { Transport } from '../../src/sync/transport.ts'
import { useSyncStore } from '../../src/stores/sync.ts'
import { requestContent } from './support/content.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
let signedIn: boolean
let refusal: 'session_expired' | 'unauthorised'

const unauthorised = (): ApiResult<never> => ({ ok: false, problem: { kind: 'unauthorised', code: 'unauthenticated', reason: refusal } })
const transport: Transport = {
  async push(request): Promise<ApiResult<PushResponse>> {
    if (!signedIn) return unauthorised()
    const last = request.mutations.at(-1)?.mutationId ?? 0
    return { ok: true, value: { lastMutationId: last, seq: 1, conflicts: [{ table: 'requests', id: request.mutations[0]!.recordId, field: 'status', yours: 'løst', theirs: 'venter', mutationId: 1 }], rejected: [] } }
  },
  pull: async () => signedIn ? { ok: true, value: { records: [], nextCursor: 1, hasMore: false, resetRequired: false, base: 0 } } : unauthorised(),
  conflictsSeen: async (ids) => ({ ok: true, value: { seen: ids.length } }),
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useDatabase(`store-${Math.random().toString(36).slice(2)}`)
  await db().open()
  signedIn = false
  refusal = 'unauthorised'
})

afterEach(async () => {
  useSyncStore().stop()
  db().close()
  await db().delete()
})

describe('sync store', () => {
  it('shows changes waiting, a Danish sign-in error, then the last sync and conflicts', async () => {
    const store = useSyncStore()
    await createRecord('requests', author, requestContent())
    store.start({ engine: createSyncEngine({ transport }), openEvents: () => null })
    await expect.poll(() => store.pending).toBe(1)
    await expect.poll(() => store.lastError).toMatch(/^Du er ikke logget ind på serveren\. Log ind for at synkronisere/)
    expect(store.needsSignIn).toBe(true)
    expect(store.sessionExpired).toBe(false)
    expect(store.lastSyncAt).toBeNull()

    signedIn = true
    expect(await store.syncNow()).toMatchObject({ ok: true, pushed: 1, conflicts: 1 })
    await expect.poll(() => store.pending).toBe(0)
    await expect.poll(() => store.lastError).toBeNull()
    expect(store.lastSyncAt).toEqual(expect.any(Number))
    expect(store.conflicts).toBe(1)
    expect(store.syncing).toBe(false)
  })

  it('tells an expired session from an unknown one', async () => {
    refusal = 'session_expired'
    const store = useSyncStore()
    store.start({ engine: createSyncEngine({ transport }), openEvents: () => null })
    await expect.poll(() => store.lastError).toBe('Din session er udløbet. Log ind igen for at synkronisere — intet går tabt.')
    expect(store.needsSignIn).toBe(true)
    expect(store.sessionExpired).toBe(true)
  })
})
