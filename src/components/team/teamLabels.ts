import { parseWeekKey } from '../../domain/isoWeek.ts'
import { formatHours, type FormatLocale } from '../../domain/format.ts'
import type { BudgetBand } from '../../domain/records/team.ts'
import type { KeptMark } from '../../domain/teamWeekView.ts'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** "Uge 50", or "Uge 52 (2025)" for a week of another year than `currentYear`. */
export function weekLabel(t: Translate, key: string, currentYear: number): string {
  const week = parseWeekKey(key)
  if (!week) return key
  return week.year === currentYear ? t('insight.team.weekRow', { week: week.week }) : t('insight.team.weekYearRow', { week: week.week, year: week.year })
}

/** "46, 47 og 48": the week numbers of a run, for a sentence. */
export function weekList(keys: readonly string[], and: string): string {
  const numbers = keys.map((k) => String(parseWeekKey(k)?.week ?? k))
  return numbers.length < 2 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} ${and} ${numbers.at(-1)}`
}

/** "3–4 t" of a band. */
export function bandText(band: BudgetBand, fmt: FormatLocale): { min: string, max: string } {
  return { min: formatHours(band.minHours, fmt), max: formatHours(band.maxHours, fmt) }
}

const KEPT_KEYS: Record<KeptMark, string> = { holdt: 'kept', 'ikke holdt': 'notKept', fravær: 'absent', 'i gang': 'inProgress' }

/** i18n key of a kept mark (the stored values contain spaces and æ/ø). */
export function keptKey(mark: KeptMark): string {
  return `insight.team.kept.${KEPT_KEYS[mark]}`
}

/** "49" in a table's week column, or "52 (2025)" for a week of another year than `currentYear`. */
export function weekNumber(key: string, currentYear: number): string {
  const week = parseWeekKey(key)
  if (!week) return key
  return week.year === currentYear ? String(week.week) : `${week.week} (${week.year})`
}
