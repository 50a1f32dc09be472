// The requests strings are split into a first-screen file and a lazy one (i18n/<locale>/lazy/).
const files = import.meta.glob<string>(['../../../src/i18n/*/requests.json', '../../../src/i18n/*/lazy/requests.json'], { query: '?raw', import: 'default', eager: true })

function load(locale: 'da' | 'en'): unknown {
  const parts = [`../../../src/i18n/${locale}/requests.json`, `../../../src/i18n/${locale}/lazy/requests.json`].map((path) => {
    const text = files[path]
    if (text === undefined) throw new Error(`No requests messages at ${path}`)
    return JSON.parse(text) as Record<string, unknown>
  })
  return { requests: merge(parts[0] as Record<string, unknown>, parts[1] as Record<string, unknown>) }
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a }
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key]
    out[key] = mine && typeof mine === 'object' && value && typeof value === 'object'
      ? merge(mine as Record<string, unknown>, value as Record<string, unknown>)
      : value
  }
  return out
}

const messages = { da: load('da'), en: load('en') }

/** The message at a dotted key in the requests message files, or undefined when missing. */
export function message(locale: 'da' | 'en', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages[locale])
}

function keysOf(node: unknown, prefix = ''): string[] {
  if (!node || typeof node !== 'object') return [prefix]
  return Object.entries(node).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
}

/** Every message key of a locale, sorted. */
export function messageKeys(locale: 'da' | 'en'): string[] {
  return keysOf(messages[locale]).sort()
}
