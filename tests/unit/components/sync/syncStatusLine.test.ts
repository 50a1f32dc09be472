import { describe, expect, it } from 'vitest'
import { pickSyncStatusLine, type SyncFacts } from '../../../../src/components/sync/syncStatusLine.ts'

const CALM: SyncFacts = { online: true, syncing: false, pending: 0, conflicts: 0, needsSignIn: false, sessionExpired: false, hasError: false, unreachable: false, lastSyncAt: 1 }

describe('the sync status line shows what matters most', () => {
  it.each<[string, Partial<SyncFacts>, string, number | undefined]>([
    ['all synced', {}, 'sync.line.synced', undefined],
    ['never synced', { lastSyncAt: null }, 'sync.never', undefined],
    ['changes waiting online', { pending: 3 }, 'sync.line.waiting', 3],
    ['syncing', { syncing: true, pending: 2 }, 'sync.syncing', undefined],
    ['offline with changes', { online: false, pending: 2 }, 'sync.line.offline', 2],
    ['offline with changes while a sync fails', { online: false, pending: 2, hasError: true, syncing: true }, 'sync.line.offline', 2],
    ['failing with changes', { pending: 4, hasError: true }, 'sync.line.failing', 4],
    ['failing with nothing waiting', { hasError: true }, 'sync.line.error', undefined],
    // Opening the app at a desk without Wi-Fi: the first sync fails for want of network. That is
    // offline, said calmly — not "Synkronisering mislykkedes".
    ['offline with nothing waiting, after a sync could not reach the server', { online: false, hasError: true, unreachable: true }, 'sync.line.offline', 0],
    ['the browser thinks it is online, but the server cannot be reached', { hasError: true, unreachable: true }, 'sync.line.offline', 0],
    ['unreachable with changes waiting', { hasError: true, unreachable: true, pending: 3 }, 'sync.line.offline', 3],
    ['unreachable, trying again', { hasError: true, unreachable: true, syncing: true }, 'sync.syncing', undefined],
    ['offline with nothing waiting', { online: false }, 'sync.line.offline', 0],
    ['conflicts beat waiting changes', { conflicts: 1, pending: 5, online: false }, 'sync.line.conflicts', 1],
    ['a refused session beats everything', { needsSignIn: true, conflicts: 2, pending: 9, online: false }, 'sync.line.signIn', undefined],
    ['an expired session says so', { needsSignIn: true, sessionExpired: true, pending: 9 }, 'sync.line.sessionExpired', undefined],
  ])('%s', (_name, facts, key, count) => {
    const line = pickSyncStatusLine({ ...CALM, ...facts })
    expect(line.key).toBe(key)
    expect(line.count).toBe(count)
  })
})
