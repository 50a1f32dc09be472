import { formatDate, type FormatLocale } from '../../domain/format.ts'
import type { Period } from '../../domain/report/period.ts'
import { isoWeekOf } from '../../domain/weekKey.ts'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** "Uge 49, 2026", "December 2026", "4. kvartal 2026", "2026" or "01.11.2026–06.12.2026". */
export function periodLabel(t: Translate, period: Period, locale: FormatLocale): string {
  const start = new Date(period.start)
  const year = start.getFullYear()
  if (period.kind === 'uge') {
    const week = isoWeekOf(period.start)
    return t('insight.report.label.uge', { week: week.week, year: week.year })
  }
  if (period.kind === 'maaned') return t('insight.report.label.maaned', { month: t(`time.months.${start.getMonth() + 1}`), year })
  if (period.kind === 'kvartal') return t('insight.report.label.kvartal', { quarter: Math.floor(start.getMonth() / 3) + 1, year })
  if (period.kind === 'aar') return t('insight.report.label.aar', { year })
  return t('insight.report.label.periode', periodDays(period, locale))
}

/** The first and last day of the period as dates: "30.11.2026", "06.12.2026". */
export function periodDays(period: Period, locale: FormatLocale): { from: string, to: string } {
  const last = new Date(period.end)
  return { from: formatDate(period.start, locale), to: formatDate(new Date(last.getFullYear(), last.getMonth(), last.getDate() - 1).getTime(), locale) }
}
