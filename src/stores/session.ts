import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { ensureDefaultTemplates, ensureProfile, type Profile } from '../db/profile.ts'
import type { Author } from '../db/write.ts'

/** Who is using the app on this device; loaded once at start. */
export const useSessionStore = defineStore('session', () => {
  const profile = shallowRef<Profile | null>(null)
  let loading: Promise<Profile> | null = null

  /** Loads (or on first start creates) the device profile, once; later calls share the result. */
  function load(): Promise<Profile> {
    loading ??= ensureProfile().then((loaded) => {
      profile.value = loaded
      // Templates are only needed on the checklist screens, so Home does not wait for them.
      ensureDefaultTemplates(author()).catch((error: unknown) => console.error('Seeding checklist templates failed', error))
      return loaded
    })
    return loading
  }

  /** The author stamp for new records; throws if called before `load`. */
  function author(): Author {
    if (!profile.value) throw new Error('Session not loaded')
    return { teamId: profile.value.teamId, personId: profile.value.personId }
  }

  return { profile, load, author }
})
