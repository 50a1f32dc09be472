import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { forgetDeviceAccount, readDeviceAccount, rememberDeviceAccount, type DeviceAccount } from '../db/account.ts'
import { ensureDefaultTemplates, ensureProfile, openAccountProfile, type Profile } from '../db/profile.ts'
import type { Author } from '../db/write.ts'

/**
 * Who is using the app on this device; loaded once at start. With a remembered account the app
 * opens that person's own database (and syncs it); without one it runs on a local-only database.
 */
export const useSessionStore = defineStore('session', () => {
  const account = shallowRef<DeviceAccount | null>(readDeviceAccount())
  const profile = shallowRef<Profile | null>(null)
  let loading: Promise<Profile> | null = null

  function openLocal(): Promise<Profile> {
    return ensureProfile().then((loaded) => {
      // Templates are only needed on the checklist screens, so Home does not wait for them.
      // A signed-in team gets its templates from the server instead.
      ensureDefaultTemplates({ teamId: loaded.teamId, personId: loaded.personId })
        .catch((error: unknown) => console.error('Seeding checklist templates failed', error))
      return loaded
    })
  }

  /** Loads (or on first start creates) the device profile, once; later calls share the result. */
  function load(): Promise<Profile> {
    const signedIn = account.value
    loading ??= (signedIn ? openAccountProfile(signedIn) : openLocal()).then((loaded) => {
      profile.value = loaded
      return loaded
    })
    return loading
  }

  /** The author stamp for new records; throws if called before `load`. */
  function author(): Author {
    if (!profile.value) throw new Error('Session not loaded')
    return { teamId: profile.value.teamId, personId: profile.value.personId }
  }

  /** Remembers a successful sign-in; the caller reloads the app so it opens that person's database. */
  function rememberSignIn(signedIn: DeviceAccount): void {
    rememberDeviceAccount(signedIn)
    account.value = signedIn
  }

  /** Follows a change the server reports for the signed-in account; the UI reads `account`, so no reload. */
  function updateAccount(changed: DeviceAccount): void {
    rememberDeviceAccount(changed)
    account.value = changed
  }

  /** Forgets the signed-in account on this device; its database (and waiting changes) stay for next time. */
  function forgetSignIn(): void {
    forgetDeviceAccount()
    account.value = null
  }

  return { account, profile, load, author, rememberSignIn, updateAccount, forgetSignIn }
})
