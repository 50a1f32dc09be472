import { createApp, nextTick, reactive, type App } from 'vue'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AccountLocalMove from '../../../../src/components/account/AccountLocalMove.vue'
import { describeMoveCounts } from '../../../../src/components/account/localMoveText.ts'
import { forgetDeviceAccount, rememberDeviceAccount } from '../../../../src/db/account.ts'
import { db, DEFAULT_DB_NAME, useDatabase } from '../../../../src/db/database.ts'
import { countLocalData } from '../../../../src/db/moveLocalData.ts'
import { ensureProfile } from '../../../../src/db/profile.ts'
import { createRequest } from '../../../../src/db/requests.ts'
import { emptyDraft } from '../../../../src/domain/requestRules.ts'
import { noMoveCounts } from '../../../../src/domain/localMove.ts'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'

// The sync store's only part the card reads: whether the first sync has finished.
const syncFacts = reactive({ lastSyncAt: null as number | null })
vi.mock('../../../../src/stores/sync.ts', () => ({ useSyncStore: () => syncFacts }))

const ANNE = { id: 'anne', email: 'anne@kommune.dk', name: 'Anne', role: 'superbruger', teams: ['team-1'] }
let app: App | null = null
let accountName = ''

beforeEach(async () => {
  accountName = db().name
  syncFacts.lastSyncAt = 1
  rememberDeviceAccount(ANNE)
  await loadFeatureMessages(['common', 'account'])
})

afterEach(async () => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  forgetDeviceAccount()
  const local = useDatabase(DEFAULT_DB_NAME)
  local.close()
  await local.delete()
  useDatabase(accountName)
})

/** Logs `count` requests (each with 10 minutes of time) in the local-only database, as before a sign-in. */
async function logBeforeSignIn(count: number): Promise<void> {
  useDatabase(DEFAULT_DB_NAME)
  const me = await ensureProfile()
  for (let i = 0; i < count; i++) {
    await createRequest(me, { ...emptyDraft(me.personId), description: `Sag ${i}` }, { logMinutes: 10, activity: 'daglig hjælp' })
  }
  useDatabase(accountName)
}

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
}

async function mount(): Promise<HTMLElement> {
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(AccountLocalMove).use(createPinia()).use(i18n)
  app.mount(host)
  await settle()
  return host
}

const button = (host: HTMLElement, name: string): HTMLButtonElement | undefined =>
  [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)

describe('the offer to move what was logged before signing in', () => {
  it('asks in Danish with the counts, takes the focus, moves on request and says what moved', async () => {
    await logBeforeSignIn(12)
    const host = await mount()
    expect(host.textContent).toContain('På denne enhed ligger 12 henvendelser og 12 tidsregistreringer fra før du loggede ind. Flyt dem ind på din konto, så de deles med teamet?')
    expect(document.activeElement?.textContent).toBe('Data fra før du loggede ind')
    button(host, 'Flyt til min konto')!.click()
    await settle()
    const status = host.querySelector('[role="status"]')!
    expect(status.textContent).toBe('Flyttet: 12 henvendelser og 12 tidsregistreringer. De sendes til serveren ved næste synkronisering.')
    expect(document.activeElement).toBe(status)
    expect(button(host, 'Flyt til min konto')).toBeUndefined()
    expect(await db().requests.count()).toBe(12)
  })

  it('"Ikke nu" keeps the records local and leaves a quiet offer on the account page', async () => {
    await logBeforeSignIn(1)
    const host = await mount()
    button(host, 'Ikke nu')!.click()
    await settle()
    expect(host.querySelector('[role="status"]')?.textContent).toBe('De bliver på enheden. Du kan flytte dem senere her under Mere → Konto.')
    expect(await db().requests.count()).toBe(0)
    app?.unmount()
    const again = await mount()
    expect(again.textContent).toContain('1 henvendelse og 1 tidsregistrering')
    expect(button(again, 'Ikke nu')).toBeUndefined()
    expect(button(again, 'Flyt til min konto')).toBeDefined()
    expect(document.activeElement).toBe(document.body)
  })

  it('says clearly when the move fails, and nothing leaves the device', async () => {
    await logBeforeSignIn(2)
    const host = await mount()
    db().outbox.hook('creating', () => { throw new Error('disk full') })
    button(host, 'Flyt til min konto')!.click()
    await settle()
    expect(host.querySelector('[role="alert"]')?.textContent)
      .toBe('Flytningen mislykkedes (disk full). Intet er gået tabt: alt ligger stadig på enheden. Prøv igen.')
    const retry = button(host, 'Flyt til min konto')!
    expect(retry.disabled).toBe(false)
    expect(document.activeElement).toBe(retry)
    expect(await db().requests.count()).toBe(0)
    expect(await countLocalData()).toMatchObject({ requests: 2, timeEntries: 2 })
  })

  it('waits for the first sync before it lets the records move', async () => {
    syncFacts.lastSyncAt = null
    await logBeforeSignIn(1)
    const host = await mount()
    expect(host.textContent).toContain('Du kan flytte, når synkroniseringen er færdig.')
    expect(button(host, 'Flyt til min konto')).toBeUndefined()
    syncFacts.lastSyncAt = 2
    await settle()
    expect(button(host, 'Flyt til min konto')).toBeDefined()
  })

  it('shows nothing when nothing was logged before signing in', async () => {
    const host = await mount()
    expect(host.querySelector('section')).toBeNull()
  })
})

describe('describeMoveCounts', () => {
  const plural = (key: string, count: number) => `${count} ${key.split('.').at(-1)}`
  it('names only the kinds there are, joined as a sentence', () => {
    expect(describeMoveCounts(noMoveCounts(), plural, 'og')).toBe('')
    expect(describeMoveCounts({ ...noMoveCounts(), tips: 2 }, plural, 'og')).toBe('2 tips')
    expect(describeMoveCounts({ ...noMoveCounts(), requests: 1, absences: 3, tips: 2 }, plural, 'og')).toBe('1 requests, 3 absences og 2 tips')
  })
})
