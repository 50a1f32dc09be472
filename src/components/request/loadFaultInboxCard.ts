import type { Component } from 'vue'
import { loadFeatureMessages } from '../../i18n/i18n.ts'

/** Loads Home's "Nye fejlmeldinger" card with its strings (the lazy `requests` feature), after the first paint. */
export async function loadFaultInboxCard(): Promise<Component> {
  await loadFeatureMessages(['requests'])
  return (await import('./FaultInboxCard.vue')).default
}
