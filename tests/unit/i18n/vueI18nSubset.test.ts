import { describe, expect, it } from 'vitest'
import { createI18n as createVueI18n } from 'vue-i18n'
import { compileMessage } from '../../../src/i18n/compileMessage.ts'
import { createI18n as createSubset } from '../../../src/i18n/vueI18nSubset.ts'
import { leafKeys } from './sourceKeys.ts'

// The build uses vueI18nSubset in place of vue-i18n; these tests hold it to vue-i18n's output
// (vitest resolves 'vue-i18n' to the real package) for every call shape the app makes.

type Tree = Record<string, unknown>
interface Global {
  t: (key: string, ...args: unknown[]) => string
  te: (key: string, locale?: string) => boolean
  locale: { value: string }
  mergeLocaleMessage: (locale: string, messages: Tree) => void
}

const files = import.meta.glob<Tree>('../../../src/i18n/*/{,lazy/}*.json', { eager: true, import: 'default' })

/** { feature: messages } of one locale, eager and lazy parts merged as the app merges them. */
function messagesOf(locale: 'da' | 'en'): Tree {
  const out: Record<string, Tree> = {}
  for (const [path, content] of Object.entries(files)) {
    const m = /\/i18n\/(da|en)\/(?:lazy\/)?(\w+)\.json$/.exec(path)
    if (m?.[1] === locale) out[m[2] as string] = { ...out[m[2] as string], ...content }
  }
  return out
}

const fixture = {
  plain: 'Gem',
  named: 'Hej {name}, du har {count} nye',
  spaced: 'Uge { week }',
  two: '{n} side | {n} sider',
  three: 'Ingen henvendelser | 1 henvendelse | {count} henvendelser',
  special: 'Skriv til it@kommune.dk (50 % hurtigere) – kl. 14.30',
  nested: { deep: 'Dybt {x}' },
  onlyDanish: 'Kun dansk',
}

/** Both implementations, built from copies of the same messages. */
function both(): Global[] {
  const options = () => ({
    legacy: false as const,
    locale: 'da',
    fallbackLocale: 'da',
    messageCompiler: compileMessage,
    missingWarn: false,
    fallbackWarn: false,
    messages: structuredClone({ da: { ...messagesOf('da'), fixture }, en: { ...messagesOf('en'), fixture: { ...fixture, onlyDanish: undefined } } }) as never,
  })
  return [createVueI18n(options()).global as unknown as Global, createSubset(options()).global as unknown as Global]
}

const calls: [string, unknown[]][] = [
  ['fixture.plain', []],
  ['fixture.named', [{ name: 'Anne', count: 3 }]],
  ['fixture.named', [{ name: 'Bo' }]],
  ['fixture.named', [{ name: null, count: [1, 2] }]],
  ['fixture.named', [{ name: { a: 1 }, count: undefined }]],
  ['fixture.named', [{}]],
  ['fixture.spaced', [{ week: 48 }]],
  ['fixture.nested.deep', [{ x: 'nok' }]],
  ['fixture.special', []],
  ['fixture.missing', []],
  ['fixture.nested', []],
  ['fixture.missing', [{}, 'Standard {x}']],
  ['fixture.onlyDanish', []],
  ['nothing.at.all', [2]],
  ...[-1, 0, 1, 2, 5, 50000].flatMap((n): [string, unknown[]][] => [
    ['fixture.two', [n]], ['fixture.three', [n]], ['fixture.three', [{ count: n }, n]],
    ['fixture.three', [{ count: 7 }, n]], ['fixture.two', [{ n: 9 }, n]], ['fixture.named', [{ name: 'Kim' }, n]],
  ]),
  ['fixture.three', []],
  ['fixture.two', [{ n: 4 }]],
]

describe('vueI18nSubset gives what vue-i18n gives', () => {
  it.each(['da', 'en'])('for each call shape the app uses (%s)', (locale) => {
    const [real, subset] = both() as [Global, Global]
    real.locale.value = locale
    subset.locale.value = locale
    // Each gets its own copy of the arguments: vue-i18n writes `count` and `n` into the named values.
    const copy = (args: unknown[]): unknown[] => structuredClone(args)
    for (const [key, args] of calls) expect(subset.t(key, ...copy(args)), `${key} ${JSON.stringify(args)}`).toBe(real.t(key, ...copy(args)))
  })

  it.each(['da', 'en'])('for every message of the app, with and without count (%s)', (locale) => {
    const [real, subset] = both() as [Global, Global]
    real.locale.value = locale
    subset.locale.value = locale
    const keys = leafKeys(messagesOf('da'))
    expect(keys.length).toBeGreaterThan(500)
    const values = { n: 2, count: 2, name: 'Anne', date: '7.12.2026', week: 50, hours: '3,5', min: '30', max: '37' }
    for (const key of keys) {
      expect(subset.t(key), key).toBe(real.t(key))
      expect(subset.t(key, values), key).toBe(real.t(key, values))
      for (const n of [0, 1, 3]) expect(subset.t(key, { ...values, count: n }, n), key).toBe(real.t(key, { ...values, count: n }, n))
    }
  })

  it('knows which keys exist, in a given locale or through the fallback', () => {
    const [real, subset] = both() as [Global, Global]
    for (const locale of ['da', 'en']) {
      real.locale.value = locale
      subset.locale.value = locale
      for (const [key, only] of [['fixture.plain'], ['fixture.onlyDanish'], ['fixture.onlyDanish', 'en'], ['fixture.nested'], ['fixture.nested.deep', 'da'], ['nope'], ['']]) {
        expect(subset.te(key as string, only), `${key} ${only}`).toBe(real.te(key as string, only))
      }
    }
  })

  it('merges into a namespace without losing what was there', () => {
    const [real, subset] = both() as [Global, Global]
    for (const global of [real, subset]) global.mergeLocaleMessage('da', { fixture: { added: 'Ny {n}', nested: { more: 'Mere' } } })
    for (const key of ['fixture.added', 'fixture.nested.deep', 'fixture.nested.more', 'fixture.plain']) {
      expect(subset.t(key, { n: 1, x: 'y' }), key).toBe(real.t(key, { n: 1, x: 'y' }))
      expect(subset.te(key, 'da'), key).toBe(real.te(key, 'da'))
    }
  })
})
