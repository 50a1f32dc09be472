import { describe, expect, it } from 'vitest'
import { DRAFT_TITLE_LENGTH, draftTipFromRequest, parseTipTags } from '../../../src/domain/tipDraft.ts'
import { containsCpr } from '../../../src/domain/cpr.ts'
import type { RequestId } from '../../../src/domain/records/fields.ts'

const headings = { problem: 'Problemet', solution: 'Sådan løses det' }
const request = (description: string, resolution: string) => ({ id: 'r1' as RequestId, description, resolution, category: 'acadre' })

describe('a tip drafted from a solved request', () => {
  it('takes the first line as title, description and resolution as sections, the category and a link back', () => {
    const draft = draftTipFromRequest(request('Kalender vises ikke\nHun kan ikke se kollegaens kalender.', 'Del kalenderen med læseret.'), headings)
    expect(draft).toEqual({
      masked: 0,
      input: {
        title: 'Kalender vises ikke',
        body: '## Problemet\n\nKalender vises ikke\nHun kan ikke se kollegaens kalender.\n\n## Sådan løses det\n\nDel kalenderen med læseret.',
        tags: [], category: 'acadre', requestIds: ['r1'],
      },
    })
  })

  it('leaves out an empty resolution section', () => {
    expect(draftTipFromRequest(request('Printer driller', '  '), headings).input.body).toBe('## Problemet\n\nPrinter driller')
  })

  it('shortens a long first line at a word, marking the cut', () => {
    const title = draftTipFromRequest(request('ord '.repeat(40), ''), headings).input.title
    expect(title.length).toBeLessThanOrEqual(DRAFT_TITLE_LENGTH)
    expect(title.endsWith('ord…')).toBe(true)
  })

  it('masks CPR numbers in every text, title included, and counts them', () => {
    const draft = draftTipFromRequest(request('Borger 150530-4000 mangler brev', 'Sendt igen til 1505304000 og 3112456007.'), headings)
    expect(draft.masked).toBe(3)
    expect(containsCpr(draft.input.title)).toBe(false)
    expect(containsCpr(draft.input.body)).toBe(false)
    expect(draft.input.title).toContain('Borger')
  })

  it('can be given another category (or none)', () => {
    expect(draftTipFromRequest(request('x', 'y'), headings, null).input.category).toBeNull()
  })
})

describe('tags as typed', () => {
  it('are trimmed, lower-cased, without empty and repeated ones', () => {
    expect(parseTipTags(' Acadre, dokumenter,, acadre , Word ')).toEqual(['acadre', 'dokumenter', 'word'])
    expect(parseTipTags('  ')).toEqual([])
  })
})
