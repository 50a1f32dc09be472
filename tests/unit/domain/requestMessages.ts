const files = import.meta.glob<string>('../../../src/i18n/*/requests.json', { query: '?raw', import: 'default', eager: true })

function load(locale: 'da' | 'en'): unknown {
  const text = files[`../../../src/i18n/${locale}/requests.json`]
  if (text === undefined) throw new Error(`No requests messages for ${locale}`)
  return { requests: JSON.parse(text) }
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
