import type { Activity } from '../../domain/activities.ts'
import type { BudgetStatus } from '../../domain/weekBudget.ts'
import type { FormatLocale } from '../../domain/format.ts'

const ACTIVITY_KEYS: Record<Activity, string> = {
  'daglig hjælp': 'dailyHelp',
  udvikling: 'development',
  videndeling: 'knowledge',
  superbrugermøde: 'meeting',
  brugertest: 'userTest',
  databeskyttelse: 'dataProtection',
}

const STATUS_KEYS: Record<BudgetStatus, string> = {
  under: 'under', 'inden for': 'within', over: 'over', fravær: 'absent',
}

/** i18n key of an activity's name (the stored values contain spaces and æ/ø). */
export function activityKey(activity: Activity): string {
  return `time.activities.${ACTIVITY_KEYS[activity]}`
}

/** i18n key of a budget status's text. */
export function statusKey(status: BudgetStatus): string {
  return `time.status.${STATUS_KEYS[status]}`
}

/** CSS modifier of a budget status (colour is never the only signal; the text is always shown). */
export function statusClass(status: BudgetStatus): string {
  return `status-${STATUS_KEYS[status]}`
}

/** "23.11." (da) or "23/11" (en). */
export function formatDayMonth(ms: number, locale: FormatLocale): string {
  const d = new Date(ms)
  const dd = String(d.getDate()).padStart(2, '0')
  const mm = String(d.getMonth() + 1).padStart(2, '0')
  return locale === 'da' ? `${dd}.${mm}.` : `${dd}/${mm}`
}

/** The UI locale as a format locale. */
export function formatLocale(locale: string): FormatLocale {
  return locale === 'en' ? 'en' : 'da'
}
