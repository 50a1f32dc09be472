import { createI18n } from 'vue-i18n'
import { compileMessage } from './compileMessage.ts'

export type Locale = 'da' | 'en'

type Messages = Record<string, unknown>

/** Each feature keeps its strings in i18n/<locale>/<feature>.json, addressed as `feature.key`. */
function byFeature(modules: Record<string, unknown>): Messages {
  const messages: Messages = {}
  for (const [path, module] of Object.entries(modules)) {
    const feature = path.replace(/^.*\/([^/]+)\.json$/, '$1')
    messages[feature] = (module as { default: unknown }).default
  }
  return messages
}

const danish = byFeature(import.meta.glob('./da/*.json', { eager: true }))
const english = import.meta.glob('./en/*.json')

/** The app's i18n instance: Danish is built in; English is loaded when chosen. */
export const i18n = createI18n({
  legacy: false,
  locale: 'da',
  fallbackLocale: 'da',
  messages: { da: danish } as never,
  messageCompiler: compileMessage,
  missingWarn: false,
  fallbackWarn: false,
})

/** Translates outside components (stores, plain modules). */
export function translate(key: string, named: Record<string, unknown> = {}): string {
  const global = i18n.global as unknown as { t: (key: string, named: Record<string, unknown>) => string }
  return global.t(key, named)
}

/** Switches the UI language, loading its strings first if needed. */
export async function setLocale(locale: Locale): Promise<void> {
  if (locale === 'en' && !i18n.global.availableLocales.includes('en' as never)) {
    const modules: Record<string, unknown> = {}
    for (const [path, load] of Object.entries(english)) modules[path] = await load()
    i18n.global.setLocaleMessage('en' as never, byFeature(modules) as never)
  }
  i18n.global.locale.value = locale as never
  document.documentElement.lang = locale
}
