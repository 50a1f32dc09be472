import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { fetchMe, type AccountInfo } from '../api/auth.ts'
import type { ApiResult } from '../api/problem.ts'
import { describeProblem } from '../api/problemText.ts'
import { createSyncApi } from '../api/sync.ts'
import { countConflicts, countRejections } from '../db/conflicts.ts'
import { observe, type Observation } from '../db/live.ts'
import { countOutbox } from '../db/outbox.ts'
import { getSyncStatus, type SyncStatus } from '../db/syncState.ts'
import { createSyncEngine, type SyncEngine, type SyncResult } from '../sync/engine.ts'
import { loadFeatureMessages, translate } from '../i18n/i18n.ts'
import { startSyncScheduler, type SyncScheduler, type SyncSchedulerOptions } from '../sync/scheduler.ts'
import { refreshAccount } from '../sync/accountRefresh.ts'
import { SYNC_PROBLEM_WORDS } from '../sync/syncProblemWords.ts'
import type { Transport } from '../sync/transport.ts'
import { useInboxStore } from './inbox.ts'
import { createReferralNotices, readReferralState, type ReferralNotices } from './referralNotices.ts'
import { useSessionStore } from './session.ts'
import { useUiStore } from './ui.ts'

/** Options for `start`; tests pass an engine or a transport, an account check, and no event stream. */
export type SyncStartOptions = Partial<Omit<SyncSchedulerOptions, 'onResult' | 'onRunning' | 'watchOutbox'>> & {
  /** The sync API for the engine, unless one is given (default: the server's, api/sync.ts). */
  readonly transport?: Transport
  /** Asks who is signed in, after each successful sync (default: api/auth.ts `fetchMe`). */
  readonly fetchMe?: () => Promise<ApiResult<AccountInfo>>
}

interface Counts {
  readonly pending: number
  readonly conflicts: number
  readonly rejections: number
  readonly status: SyncStatus
}

const EMPTY: Counts = { pending: 0, conflicts: 0, rejections: 0, status: { lastSyncAt: null, lastError: null, lastErrorAt: null } }

/** A system notification too, only where the person allowed them and the app is not in view. */
function showSystemNotification(text: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || document.visibilityState === 'visible') return
  try {
    new Notification(translate('requests.inbox.notificationTitle'), { body: text, tag: 'superbruger-referral' })
  } catch {
    // Some phones allow notifications only from the service worker; the in-app notice was shown.
  }
}

/** Sync state for the UI: online, changes waiting, last sync, a readable error, conflicts; and `syncNow`. */
export const useSyncStore = defineStore('sync', () => {
  const online = shallowRef(typeof navigator === 'undefined' ? true : navigator.onLine)
  const counts = shallowRef<Counts>(EMPTY)
  const syncing = shallowRef(false)
  const started = shallowRef(false)
  let scheduler: SyncScheduler | null = null
  let engine: SyncEngine | null = null
  let watching: Observation | null = null
  let watchingReferrals: Observation | null = null
  let referralNotices: ReferralNotices | null = null
  let refreshing = false

  const pending = computed(() => counts.value.pending)
  const conflicts = computed(() => counts.value.conflicts)
  const rejections = computed(() => counts.value.rejections)
  const lastSyncAt = computed(() => counts.value.status.lastSyncAt)
  const lastError = computed(() => {
    const problem = counts.value.status.lastError
    return problem ? describeProblem(problem, SYNC_PROBLEM_WORDS) : null
  })
  const needsSignIn = computed(() => counts.value.status.lastError?.kind === 'unauthorised')
  const unreachable = computed(() => counts.value.status.lastError?.kind === 'offline')
  const sessionExpired = computed(() => needsSignIn.value && counts.value.status.lastError?.reason === 'session_expired')

  const updateOnline = (): void => { online.value = navigator.onLine }

  // Read from the database (live, and so shared by every tab), not kept in memory.
  async function readCounts(): Promise<Counts> {
    const [pendingCount, conflictCount, rejectionCount, status] = await Promise.all([
      countOutbox(), countConflicts(), countRejections(), getSyncStatus(),
    ])
    return { pending: pendingCount, conflicts: conflictCount, rejections: rejectionCount, status }
  }

  // A role or team changed on the server reaches the device with the next sync, without a new
  // sign-in. At most one check at a time, never awaited, so it cannot hold up a sync.
  function refreshAccountAfterSync(ask: () => Promise<ApiResult<AccountInfo>>): void {
    const session = useSessionStore()
    if (refreshing || !session.account) return
    refreshing = true
    refreshAccount({ fetchMe: ask, current: () => session.account, remember: session.updateAccount })
      .catch((error: unknown) => console.error('Checking the account failed', error))
      .finally(() => { refreshing = false })
  }

  // Referrals: the tab bar's count, and a notice when a sync brings one (never for one made here).
  function watchReferrals(): void {
    const me = useSessionStore().profile?.personId
    if (!me) return
    const notices = createReferralNotices(me)
    referralNotices = notices
    // The first reading is what the device held before this start's first sync brought anything
    // (a local read is far quicker than a round trip), so it counts as seen even during that sync.
    let first = true
    watchingReferrals = observe(() => readReferralState(me), (state) => {
      useInboxStore().referralsAwaiting = state.awaiting.length
      if (first || !syncing.value) notices.seen(state)
      first = false
    }, (error) => console.error(error))
  }

  function tellReferralNews(): void {
    const notices = referralNotices
    if (!notices) return
    notices.news().then((texts) => {
      for (const text of texts) {
        useUiStore().notify(text, 'info', 8000)
        showSystemNotification(text)
      }
    }).catch((error: unknown) => console.error('Reading referrals after a sync failed', error))
  }

  /** Starts watching the local database and the sync triggers (call once the profile's database is open). */
  function start(options: SyncStartOptions = {}): void {
    stop()
    started.value = true
    // The sync texts are not in the first screen's bundle; they load with the engine.
    loadFeatureMessages(['sync']).catch((error: unknown) => console.error(error))
    const { transport = createSyncApi(), fetchMe: ask = () => fetchMe(), ...schedulerOptions } = options
    engine = options.engine ?? createSyncEngine({ transport })
    watching = observe(readCounts, (value) => { counts.value = value }, (error) => console.error(error))
    watchReferrals()
    if (typeof window !== 'undefined') {
      window.addEventListener('online', updateOnline)
      window.addEventListener('offline', updateOnline)
    }
    scheduler = startSyncScheduler({
      ...schedulerOptions,
      engine,
      watchOutbox: (onCount) => {
        const outbox = observe(countOutbox, onCount, () => undefined)
        return () => outbox.unsubscribe()
      },
      onRunning: (running) => { syncing.value = running },
      onResult: (result) => {
        if (!result.ok) return
        // Photos go after the records that name them, on their own queue (loaded on demand).
        void import('../sync/photoUpload.ts').then(({ kickPhotoUploads }) => kickPhotoUploads())
        refreshAccountAfterSync(ask)
        if (result.pulled > 0) tellReferralNews()
      },
    })
  }

  /** Stops every trigger (sign-out, switching user). */
  function stop(): void {
    started.value = false
    scheduler?.stop()
    scheduler = null
    watching?.unsubscribe()
    watching = null
    watchingReferrals?.unsubscribe()
    watchingReferrals = null
    referralNotices = null
    useInboxStore().referralsAwaiting = 0
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', updateOnline)
      window.removeEventListener('offline', updateOnline)
    }
  }

  /** Syncs now (the user asked, or just signed in); resolves with what happened. */
  async function syncNow(): Promise<SyncResult> {
    if (scheduler) return scheduler.syncNow()
    engine ??= createSyncEngine()
    return engine.syncOnce()
  }

  return { started, online, pending, conflicts, rejections, lastSyncAt, lastError, needsSignIn, sessionExpired, unreachable, syncing, start, stop, syncNow }
})
