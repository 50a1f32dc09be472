import { inject, shallowRef, type App, type InjectionKey, type Ref } from 'vue'
import type { MessageCompiler } from 'vue-i18n'

/**
 * The part of vue-i18n's Composition API the app uses — `createI18n`, `useI18n` and the global
 * composer's `t`, `te`, `locale` and `mergeLocaleMessage` — as a lookup in plain objects. The build
 * aliases `vue-i18n` to this file (vite.config.ts): vue-i18n's runtime and its reactive message
 * store cost ~14 KB gzip and a noticeable part of the first screen's script time.
 * tests/unit/i18n/vueI18nSubset.test.ts runs the same calls through both and expects the same text.
 */

type Messages = Record<string, unknown>
type Named = Record<string, unknown>
/** What compileMessage returns: a function of vue-i18n's message context. */
type Compiled = (ctx: MessageContext) => unknown

/** The message context a compiled message receives (the helpers compileMessage uses). */
interface MessageContext {
  named(key: string): unknown
  plural(messages: string[]): string
  interpolate(value: unknown): string
  normalize(values: unknown[]): string
}

/** The options of vue-i18n's createI18n this subset honours. */
export interface I18nOptions {
  locale: string
  fallbackLocale?: string
  messages?: Record<string, Messages>
  messageCompiler: MessageCompiler
  legacy?: false
  missingWarn?: boolean
  fallbackWarn?: boolean
}

/** The global composer: the object `useI18n()` returns. */
export interface Composer {
  locale: Ref<string>
  t(key: string, ...args: unknown[]): string
  te(key: string, locale?: string): boolean
  mergeLocaleMessage(locale: string, messages: Messages): void
}

/** The plugin `createI18n` returns. */
export interface I18n {
  global: Composer
  install(app: App): void
}

const KEY: InjectionKey<Composer> = Symbol('i18n')

const isObject = (value: unknown): value is Messages => value !== null && typeof value === 'object'
const isPlainObject = (value: unknown): value is Named => Object.prototype.toString.call(value) === '[object Object]'

/** vue-i18n's default rule: `one | many` (0 is many), or `zero | one | many`. */
function pluralIndex(choice: number, choices: number): number {
  const n = Math.abs(choice)
  if (choices === 2) return n === 1 ? 0 : 1
  return Math.min(n, 2)
}

/** How vue-i18n prints an interpolated value: nothing for null/undefined, JSON for arrays and objects. */
function toDisplayString(value: unknown): string {
  if (value == null) return ''
  if (Array.isArray(value) || (isPlainObject(value) && value.toString === Object.prototype.toString)) return JSON.stringify(value, null, 2)
  return String(value)
}

/** The value at a dotted path (`requests.home.title`), else a flat key holding dots. */
function resolve(messages: Messages | undefined, key: string): unknown {
  let value: unknown = messages
  for (const part of key.split('.')) {
    if (!isObject(value)) return messages?.[key]
    value = value[part]
  }
  return value ?? messages?.[key]
}

/** Copies `source` into `target`, object by object, as vue-i18n's mergeLocaleMessage does. */
function mergeInto(target: Messages, source: Messages): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === '__proto__') continue
    if (isObject(value) && !Array.isArray(value)) {
      const existing = target[key]
      const into = isObject(existing) && !Array.isArray(existing) ? existing : (target[key] = {})
      mergeInto(into, value)
    } else {
      target[key] = value
    }
  }
}

/** Creates the i18n plugin: Composition API only, one global composer. */
export function createI18n(options: I18nOptions): I18n {
  const messages: Record<string, Messages> = options.messages ?? {}
  const fallback = options.fallbackLocale ?? options.locale
  const locale = shallowRef(options.locale)
  // Bumped on every merge, so what rendered a missing key renders again once it is there.
  const version = shallowRef(0)
  const compiled = new Map<string, Compiled>()

  const chain = (start: string): string[] => (start === fallback ? [start] : [start, fallback])

  function find(key: string): string | undefined {
    void version.value
    for (const tag of chain(locale.value)) {
      const value = resolve(messages[tag], key)
      if (typeof value === 'string') return value
    }
    return undefined
  }

  function compile(source: string, key: string): Compiled {
    let fn = compiled.get(source)
    if (!fn) {
      fn = options.messageCompiler(source, { key, locale: locale.value } as never) as unknown as Compiled
      compiled.set(source, fn)
    }
    return fn
  }

  // t(key), t(key, named), t(key, plural), t(key, named, plural), t(key, named, defaultMessage).
  function t(key: string, ...args: unknown[]): string {
    const [second, third] = args
    let named: Named = {}
    let plural: number | undefined
    let fallbackMessage: string | undefined
    if (typeof second === 'number') plural = second
    else if (typeof second === 'string') fallbackMessage = second
    else if (isPlainObject(second)) named = { ...second }
    if (typeof third === 'number') plural = third
    else if (typeof third === 'string') fallbackMessage = third

    const source = find(key) ?? fallbackMessage
    if (source === undefined) return key
    // As vue-i18n: a numeric `count` (or `n`) picks the plural form, before `plural` does.
    const index = typeof named.count === 'number' ? named.count : typeof named.n === 'number' ? named.n : plural ?? -1
    if (plural !== undefined) {
      named.count ||= plural
      named.n ||= plural
    }
    const ctx: MessageContext = {
      named: (name) => named[name],
      plural: (choices) => choices[pluralIndex(index, choices.length)] as string,
      interpolate: toDisplayString,
      normalize: (values) => values.join(''),
    }
    return compile(source, key)(ctx) as string
  }

  function te(key: string, only?: string): boolean {
    if (!key) return false
    void version.value
    return (only ? [only] : chain(locale.value)).some((tag) => typeof resolve(messages[tag], key) === 'string')
  }

  function mergeLocaleMessage(tag: string, added: Messages): void {
    mergeInto((messages[tag] ??= {}), added)
    version.value += 1
  }

  const global: Composer = { locale, t, te, mergeLocaleMessage }
  return { global, install: (app) => { app.provide(KEY, global) } }
}

/** The global composer; call in a component's setup, in an app that uses the plugin. */
export function useI18n(): Composer {
  const composer = inject(KEY, null)
  if (!composer) throw new Error('useI18n: the i18n plugin is not installed')
  return composer
}
