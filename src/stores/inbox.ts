import { defineStore } from 'pinia'
import { shallowRef } from 'vue'

/**
 * What waits for the signed-in person, for the tab bar's badge. Kept apart from the sync store
 * (which fills it) so the first screen does not load the sync engine to show a number.
 */
export const useInboxStore = defineStore('inbox', () => {
  const referralsAwaiting = shallowRef(0)
  return { referralsAwaiting }
})
