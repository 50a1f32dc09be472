import { describe, expect, it } from 'vitest'
import { baseRevOf, editBaseOf, editedFields, editRevsOf, isUnedited, rebaseEdit } from '../../../src/domain/editBase.ts'

interface Form { name: string; caseNo: string; tags: string[] }

const opened: Form = { name: 'Mette', caseNo: '', tags: ['a'] }

describe('editedFields', () => {
  it('is the fields the person changed since the form opened, and nothing else', () => {
    const base = editBaseOf(opened, 7)
    expect(editedFields(base, { ...opened })).toEqual({})
    expect(isUnedited(base, { ...opened, tags: ['a'] })).toBe(true)
    expect(editedFields(base, { ...opened, name: 'Mette H.' })).toEqual({ name: 'Mette H.' })
    expect(editedFields(base, { ...opened, tags: ['a', 'b'] })).toEqual({ tags: ['a', 'b'] })
  })

  it('keeps its own copy: changing the object it was made from does not move the base', () => {
    const values = { ...opened, tags: ['a'] }
    const base = editBaseOf(values, 1)
    values.tags.push('x')
    expect(base.values.tags).toEqual(['a'])
  })
})

describe('rebaseEdit (a sync changed the record while the form was open)', () => {
  const cases: { title: string; draft: Form; stored: Form; draftAfter: Form; sends: Partial<Form>; clashes: string[] }[] = [
    {
      title: 'an untouched field takes the new value and is not sent',
      draft: { ...opened, name: 'Mette H.' }, stored: { ...opened, caseNo: 'IT-4711' },
      draftAfter: { ...opened, name: 'Mette H.', caseNo: 'IT-4711' }, sends: { name: 'Mette H.' }, clashes: [],
    },
    {
      title: 'a touched field keeps the person\'s value and is flagged',
      draft: { ...opened, caseNo: 'IT-1' }, stored: { ...opened, caseNo: 'IT-2' },
      draftAfter: { ...opened, caseNo: 'IT-1' }, sends: { caseNo: 'IT-1' }, clashes: ['caseNo'],
    },
    {
      title: 'a touched field changed elsewhere to the same value is no clash',
      draft: { ...opened, caseNo: 'IT-1' }, stored: { ...opened, caseNo: 'IT-1' },
      draftAfter: { ...opened, caseNo: 'IT-1' }, sends: { caseNo: 'IT-1' }, clashes: [],
    },
    {
      title: 'nothing changed elsewhere: nothing moves',
      draft: { ...opened, name: 'X' }, stored: opened,
      draftAfter: { ...opened, name: 'X' }, sends: { name: 'X' }, clashes: [],
    },
  ]
  for (const c of cases) {
    it(c.title, () => {
      const base = editBaseOf(opened, 7)
      const rebased = rebaseEdit(base, c.draft, c.stored, 9)
      expect(rebased.draft).toEqual(c.draftAfter)
      expect(rebased.clashes).toEqual(c.clashes)
      expect(rebased.base.rev).toBe(7)
      expect(editedFields(rebased.base, rebased.draft)).toEqual(c.sends)
    })
  }

  it('returns the same draft object when no untouched field moved (no needless re-render)', () => {
    const draft = { ...opened, caseNo: 'IT-1' }
    expect(rebaseEdit(editBaseOf(opened, 1), draft, { ...opened, caseNo: 'IT-2' }, 2).draft).toBe(draft)
  })

  it('a second sync after the first keeps the clash and the first update', () => {
    let base = editBaseOf(opened, 3)
    let draft: Form = { ...opened, name: 'A' }
    const first = rebaseEdit(base, draft, { ...opened, caseNo: 'B1' }, 5)
    base = first.base
    draft = first.draft
    const second = rebaseEdit(base, draft, { ...opened, caseNo: 'B1', name: 'B' }, 6)
    expect(second.draft).toEqual({ ...opened, name: 'A', caseNo: 'B1' })
    expect(second.clashes).toEqual(['name'])
    expect(editedFields(second.base, second.draft)).toEqual({ name: 'A' })
    expect(editRevsOf(second.base)).toEqual({ rev: 3, fields: { caseNo: 5 } })
  })

  it('a field a sync brought in and the person then replaced is based on the revision it came in with', () => {
    const base = editBaseOf(opened, 3)
    const synced = rebaseEdit(base, { ...opened }, { ...opened, caseNo: 'B1' }, 8)
    const typed = { ...synced.draft, caseNo: 'A2', name: 'A' }
    const revs = editRevsOf(synced.base)
    expect(editedFields(synced.base, typed)).toEqual({ caseNo: 'A2', name: 'A' })
    expect(baseRevOf(revs, 'caseNo', 9)).toBe(8)
    expect(baseRevOf(revs, 'name', 9)).toBe(3)
    expect(baseRevOf(undefined, 'name', 9)).toBe(9)
  })
})
