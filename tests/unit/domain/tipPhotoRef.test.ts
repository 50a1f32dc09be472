import { describe, expect, it } from 'vitest'
import { insertPhotoMarkdown, photoMarkdown, photoRefHash, photoRefHashes } from '../../../src/domain/tipPhotoRef.ts'

const A = 'a'.repeat(64)
const B = '0123456789abcdef'.repeat(4)

describe('photoRefHash: which photo a markdown image names', () => {
  it.each([
    [`foto:${A}`, A],
    [`FOTO:${B.toUpperCase()}`, B],
    [`  foto:${A} `, A],
    [`foto:${A.slice(1)}`, null],
    [`foto:${A}0`, null],
    [`foto:${'g'.repeat(64)}`, null],
    [`https://example.dk/${A}`, null],
    [`/t/ABC/foto/${A}`, null],
    ['foto:', null],
    ['', null],
  ])('%j → %s', (href, hash) => {
    expect(photoRefHash(href)).toBe(hash)
  })
})

describe('photoRefHashes: the photos a body shows', () => {
  it('finds each referenced hash once, in order, and nothing else', () => {
    const body = `Trin 1\n\n![Dialogen](foto:${B})\n\n![igen](foto:${A}) og ![](foto:${B.toUpperCase()})\n[et link](foto:${'c'.repeat(64)}) ![kort](foto:abc)`
    // A link "[…](foto:…)" is matched too: harmless, since only listed photos are ever shown.
    expect(photoRefHashes(body)).toEqual([B, A, 'c'.repeat(64)])
    expect(photoRefHashes('Ingen billeder her')).toEqual([])
    expect(photoRefHashes(`![ref][1]\n\n[1]: foto:${A}\n\n![vinkler](<foto:${B}>)`)).toEqual([A, B])
  })
})

describe('photoMarkdown: the image markdown the editor inserts', () => {
  it('names the photo by hash with the alt text', () => {
    expect(photoMarkdown(A, 'Skærmbillede')).toBe(`![Skærmbillede](foto:${A})`)
  })
  it('keeps brackets and line breaks in the alt text from breaking the reference', () => {
    expect(photoMarkdown(A, 'Menu [Filer]\nGem')).toBe(`![Menu \\[Filer\\] Gem](foto:${A})`)
  })
})

describe('insertPhotoMarkdown: at the cursor, on a line of its own, alt text selected', () => {
  const snippet = photoMarkdown(A, 'Skærmbillede')
  const selected = (result: ReturnType<typeof insertPhotoMarkdown>) => result.text.slice(result.selectStart, result.selectEnd)

  it('into an empty body', () => {
    const result = insertPhotoMarkdown('', 0, 0, snippet)
    expect(result.text).toBe(snippet)
    expect(selected(result)).toBe('Skærmbillede')
  })

  it('in the middle of a line: paragraphs around it', () => {
    const result = insertPhotoMarkdown('Åbn menuen og vælg Gem', 11, 11, snippet)
    expect(result.text).toBe(`Åbn menuen \n\n${snippet}\n\nog vælg Gem`)
    expect(selected(result)).toBe('Skærmbillede')
  })

  it('at the end after a newline, and over a selection', () => {
    expect(insertPhotoMarkdown('Trin 1\n', 7, 7, snippet).text).toBe(`Trin 1\n\n${snippet}`)
    const result = insertPhotoMarkdown('Før\n\nERSTAT\n\nEfter', 5, 11, snippet)
    expect(result.text).toBe(`Før\n\n${snippet}\n\nEfter`)
    expect(selected(result)).toBe('Skærmbillede')
  })

  it('clamps a cursor outside the text', () => {
    expect(insertPhotoMarkdown('abc', 99, 120, snippet).text).toBe(`abc\n\n${snippet}`)
    expect(insertPhotoMarkdown('abc', -5, -1, snippet).text).toBe(`${snippet}\n\nabc`)
  })
})
