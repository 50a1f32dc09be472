import type { Component } from 'vue'
import { warmReportWorker } from '../../db/reportWorkerHandle.ts'
import { loadFeatureMessages } from '../../i18n/i18n.ts'

/**
 * Loads the leder's home card with its strings (the `insight`, `time` and `requests` features),
 * which the first screen does not carry: only a leder's home asks for it, after the first paint.
 * The card's report worker starts meanwhile.
 */
export async function loadInsightHomeCard(): Promise<Component> {
  warmReportWorker()
  await loadFeatureMessages(['insight', 'time', 'requests'])
  return (await import('./InsightHomeCard.vue')).default
}
