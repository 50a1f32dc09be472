import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { compileMessage } from '../../../src/i18n/compileMessage.ts'

const i18n = createI18n({
  legacy: false,
  locale: 'da',
  messageCompiler: compileMessage,
  missingWarn: false,
  messages: {
    da: {
      plain: 'Gem',
      named: 'Hej {name}, du har {count} nye',
      spaced: 'Uge { week }',
      two: '{n} side | {n} sider',
      three: 'Ingen henvendelser | 1 henvendelse | {n} henvendelser',
      special: 'Skriv til it@kommune.dk (50 % hurtigere) – kl. 14.30',
      nested: { deep: 'Dybt {x}' },
    },
  },
})
const t = i18n.global.t as unknown as (key: string, ...args: unknown[]) => string

describe('compileMessage', () => {
  it.each([
    ['plain', [], 'Gem'],
    ['named', [{ name: 'Anne', count: 3 }], 'Hej Anne, du har 3 nye'],
    ['spaced', [{ week: 48 }], 'Uge 48'],
    ['two', [1], '1 side'],
    ['two', [2], '2 sider'],
    ['two', [0], '0 sider'],
    ['three', [0], 'Ingen henvendelser'],
    ['three', [1], '1 henvendelse'],
    ['three', [50000], '50000 henvendelser'],
    ['special', [], 'Skriv til it@kommune.dk (50 % hurtigere) – kl. 14.30'],
    ['nested.deep', [{ x: 'nok' }], 'Dybt nok'],
  ])('%s %j → %s', (key, args, expected) => {
    expect(t(key, ...args)).toBe(expected)
  })

  it('leaves a placeholder without a value empty rather than failing', () => {
    expect(t('named', { name: 'Bo' })).toBe('Hej Bo, du har  nye')
  })
})
