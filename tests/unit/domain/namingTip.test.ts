import { describe, expect, it } from 'vitest'
import { containsCpr } from '../../../src/domain/cpr.ts'
import { draftTipFromPattern, NAMING_TIP_CATEGORY, type NamingTipWords } from '../../../src/domain/namingTip.ts'
import { TIP_CATEGORIES } from '../../../src/domain/tipSearch.ts'
import type { NamingPattern } from '../../../src/domain/records/team.ts'

const words: NamingTipWords = { title: (name) => `Navngivning: ${name}`, pattern: 'Mønster', fields: 'Felter', explanation: 'Forklaring', examples: 'Eksempler' }
const building: NamingPattern = {
  id: 'byggesag', name: 'Byggesag', pattern: '{Emne} – {Adresse} – {Matrikel}', explanation: 'Emnet først.',
  examples: ['Carport – Skovvej 3 – 7b', 'Tag_renovering – *Bakken* 2 – 1a'],
}

describe('draftTipFromPattern', () => {
  it('drafts the printable tip: title, pattern, fields, explanation and examples in category navngivning', () => {
    const { input, masked } = draftTipFromPattern(building, words)
    expect(masked).toBe(0)
    expect(input).toMatchObject({ title: 'Navngivning: Byggesag', category: 'navngivning', tags: ['navngivning'], requestIds: [] })
    expect(input.body).toBe([
      '## Mønster', '', '`{Emne} – {Adresse} – {Matrikel}`', '', 'Felter: **Emne**, **Adresse**, **Matrikel**', '',
      '## Forklaring', '', 'Emnet først.', '',
      '## Eksempler', '', '- Carport – Skovvej 3 – 7b', '- Tag\\_renovering – \\*Bakken\\* 2 – 1a',
    ].join('\n'))
    expect(TIP_CATEGORIES).toContain(NAMING_TIP_CATEGORY)
  })

  it('leaves out empty sections and fences a pattern holding backticks', () => {
    const { input } = draftTipFromPattern({ ...building, pattern: '`{Emne}`', explanation: ' ', examples: [] }, words)
    expect(input.body).toBe('## Mønster\n\n`` `{Emne}` ``\n\nFelter: **Emne**')
  })

  it('masks CPR numbers in every text and counts them', () => {
    const { input, masked } = draftTipFromPattern({ ...building, explanation: 'Ikke 150530-4000 her.', examples: ['Personalesag – 150530-4000'] }, words)
    expect(masked).toBe(2)
    expect(containsCpr(input.body)).toBe(false)
  })
})
