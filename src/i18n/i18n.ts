import { createI18n } from 'vue-i18n'
import { compileMessage } from './compileMessage.ts'

export type Locale = 'da' | 'en'

type Messages = Record<string, unknown>
type Loader = () => Promise<unknown>

/** The feature namespaces (`requests` in `requests.title`) whose strings are partly loaded on demand. */
export type Feature = 'account' | 'admin' | 'assets' | 'checklists' | 'common' | 'dataProtection' | 'insight' | 'more' | 'naming' | 'privacy' | 'requests' | 'sync' | 'time' | 'tips' | 'observations' | 'skills' | 'campaigns'

/** Each feature keeps its strings in i18n/<locale>/<feature>.json, addressed as `feature.key`. */
function byFeature(files: Record<string, unknown>): Messages {
  const messages: Messages = {}
  for (const [path, content] of Object.entries(files)) messages[path.replace(/^.*\/([^/]+)\.json$/, '$1')] = content
  return messages
}

// The first screen (Home and the app chrome) needs only the strings in <locale>/<feature>.json;
// the rest of each feature lives in <locale>/lazy/<feature>.json and is merged into the same
// namespace when a route needs it (router meta `messages`). Vite emits every lazy file as its own
// chunk, which the service worker precaches, so loading works offline too.
const danish = byFeature(import.meta.glob('./da/*.json', { eager: true, import: 'default' }))
const lazyFiles: Record<string, Loader> = import.meta.glob('./*/lazy/*.json', { import: 'default' })

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

/** Translates a plural message (`none | one | {count} many`) outside components. */
export function translatePlural(key: string, count: number, named: Record<string, unknown> = {}): string {
  const global = i18n.global as unknown as { t: (key: string, named: Record<string, unknown>, plural: number) => string }
  return global.t(key, { count, ...named }, count)
}

function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

// Features some route has asked for: switching language loads them in the new language too.
const wanted = new Set<Feature>()
// Each file set is loaded once; a failed load is forgotten so the next navigation retries it.
const loads = new Map<string, Promise<void>>()

function once(id: string, load: () => Promise<void>): Promise<void> {
  const started = loads.get(id)
  if (started) return started
  const done = load().catch((error: unknown) => {
    loads.delete(id)
    throw error
  })
  loads.set(id, done)
  return done
}

function merge(locale: Locale, messages: Messages): void {
  // Deep merge: the eager and lazy parts of a feature share one namespace.
  i18n.global.mergeLocaleMessage(locale as never, messages as never)
}

function loadBase(locale: Locale): Promise<void> {
  if (locale === 'da') return Promise.resolve()
  return once(`${locale}/base`, async () => {
    const { englishBase } = await import('./english.ts')
    merge(locale, byFeature(englishBase))
  })
}

function loadLazy(locale: Locale, feature: Feature): Promise<void> {
  const load = lazyFiles[`./${locale}/lazy/${feature}.json`]
  if (!load) return Promise.resolve()
  return once(`${locale}/${feature}`, async () => {
    merge(locale, { [feature]: await load() })
  })
}

/** Makes all strings of `features` available in the current language (resolves once merged). */
export async function loadFeatureMessages(features: readonly Feature[]): Promise<void> {
  for (const feature of features) wanted.add(feature)
  const locale = currentLocale()
  await Promise.all(features.map((feature) => loadLazy(locale, feature)))
}

/** Switches the UI language, first loading its strings (also those of every feature in use). */
export async function setLocale(locale: Locale): Promise<void> {
  await loadBase(locale)
  // Repeat while routes ask for more features meanwhile, so none is left in the old language.
  for (let size = -1; size !== wanted.size;) {
    size = wanted.size
    await Promise.all([...wanted].map((feature) => loadLazy(locale, feature)))
  }
  i18n.global.locale.value = locale as never
  document.documentElement.lang = locale
}
