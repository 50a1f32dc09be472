import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { ensureDefaultTemplates, ensureProfile, type Profile } from '../db/profile.ts'
import type { Author } from '../db/write.ts'

/** Who is using the app on this device; loaded once at start. */
export const useSessionStore = defineStore('session', () => {
  const profile = shallowRef<Profile | null>(null)

  /** Loads (or on first start creates) the device profile. */
  async function load(): Promise<Profile> {
    profile.value = await ensureProfile()
    // Templates are only needed on the checklist screens, so Home does not wait for them.
    ensureDefaultTemplates(author()).catch((error: unknown) => console.error('Seeding checklist templates failed', error))
    return profile.value
  }

  /** The author stamp for new records; throws if called before `load`. */
  function author(): Author {
    if (!profile.value) throw new Error('Session not loaded')
    return { teamId: profile.value.teamId, personId: profile.value.personId }
  }

  return { profile, load, author }
})
