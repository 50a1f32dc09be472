import type { Component } from 'vue'
import { loadFeatureMessages } from '../../i18n/i18n.ts'

/**
 * Loads Home's "Henvist til dig" card with the strings its answer form shares with the request
 * screens (the lazy `requests` and `common` features), after the first paint.
 */
export async function loadReferralInboxCard(): Promise<Component> {
  await loadFeatureMessages(['requests', 'common'])
  return (await import('./ReferralInboxCard.vue')).default
}
