/** Danish-first formatting: 28.11.2026, kl. 14.30, decimal comma. */

export type FormatLocale = 'da' | 'en'

const tag = (locale: FormatLocale): string => (locale === 'da' ? 'da-DK' : 'en-GB')

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** "28.11.2026" (da) or "28/11/2026" (en), in local time. */
export function formatDate(ms: number, locale: FormatLocale = 'da'): string {
  const d = new Date(ms)
  const sep = locale === 'da' ? '.' : '/'
  return `${pad(d.getDate())}${sep}${pad(d.getMonth() + 1)}${sep}${d.getFullYear()}`
}

/** "kl. 14.30" (da) or "14:30" (en), in local time. */
export function formatTime(ms: number, locale: FormatLocale = 'da'): string {
  const d = new Date(ms)
  return locale === 'da' ? `kl. ${pad(d.getHours())}.${pad(d.getMinutes())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** "28.11.2026 kl. 14.30". */
export function formatDateTime(ms: number, locale: FormatLocale = 'da'): string {
  return `${formatDate(ms, locale)} ${formatTime(ms, locale)}`
}

/**
 * Hours with at most `digits` decimals and a decimal comma in Danish: 3,5 (1.234,5 from a thousand).
 * The same text as Intl.NumberFormat(da-DK/en-GB, { maximumFractionDigits: digits }) gives
 * (tests/unit/domain/format.test.ts compares them), written out because a page's first
 * NumberFormat loads the locale's data: ~15–40 ms of CPU in the home's first render.
 */
export function formatHours(hours: number, locale: FormatLocale = 'da', digits = 1): string {
  const abs = Math.abs(hours)
  if (!Number.isFinite(hours) || abs >= 1e21) {
    return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(hours)
  }
  // The number's shortest decimal form, rounded half away from zero as Intl rounds it (1,005 → 1,01).
  // String() writes plain digits from 1e-6 up to 1e21; anything smaller rounds to 0 at these digits.
  const [whole = '0', fraction = ''] = abs < 1e-6 ? ['0'] : String(abs).split('.')
  let units = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'))
  if ((fraction[digits] ?? '0') >= '5') units += 1n
  const text = units.toString().padStart(digits + 1, '0')
  const [group, decimal] = locale === 'da' ? ['.', ','] : [',', '.']
  const integer = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+$)/g, group)
  const decimals = text.slice(text.length - digits).replace(/0+$/, '')
  // As Intl: a minus also on a negative number that rounds to 0 ("-0").
  const sign = hours < 0 || Object.is(hours, -0) ? '-' : ''
  return decimals ? `${sign}${integer}${decimal}${decimals}` : `${sign}${integer}`
}

/** A running stopwatch: "4:07" (minutes:seconds) under an hour, "1:04:07" from an hour; whole seconds, rounded down. */
export function formatStopwatch(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

/** A duration as people say it, rounded to whole minutes: "1 t 25 min", "25 min", "2 t" ("1 h 25 min" in English). */
export function formatDuration(ms: number, locale: FormatLocale = 'da'): string {
  const minutes = Math.max(0, Math.round(ms / 60_000))
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const hours = `${h} ${locale === 'da' ? 't' : 'h'}`
  if (h === 0) return `${m} min`
  return m === 0 ? hours : `${hours} ${m} min`
}

/** A duration as "1:05" (hours:minutes), rounded down to whole minutes. */
export function formatClock(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`
}

/** "yyyy-mm-dd" of a local date, as used by <input type="date">. */
export function toDateInput(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** "hh:mm" of a local time, as used by <input type="time">. */
export function toTimeInput(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** Local epoch ms from "yyyy-mm-dd" and optional "hh:mm"; NaN when malformed. */
export function fromDateTimeInput(date: string, time = '00:00'): number {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const tm = /^(\d{2}):(\d{2})$/.exec(time)
  if (!dm || !tm) return Number.NaN
  return new Date(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2])).getTime()
}
