import { describe, expect, it } from 'vitest'
import { tipMatchesAssetType, type TipForMatch } from '../../../src/domain/publicTipMatch.ts'
import type { AssetType } from '../../../src/domain/records/asset.ts'

const tip = (tags: string[], category: string | null = null): TipForMatch => ({ tags, category })

describe('which public tips the fault-report page offers for an asset', () => {
  const cases: Array<[string, TipForMatch, AssetType, boolean]> = [
    ['a tag naming the type', tip(['printer']), 'printer', true],
    ['the tag in another case, with spaces', tip([' Printer ']), 'printer', true],
    ['a Danish type name with æ/ø', tip(['Skærm']), 'skærm', true],
    ['a tag naming another type', tip(['skærm']), 'printer', false],
    ['a tag that only contains the type', tip(['printerpapir']), 'printer', false],
    ['no tags, an unrelated category', tip([], 'acadre'), 'printer', false],
    ['a phone and a telephony tip', tip([], 'telefoni'), 'telefon', true],
    ['a phone and a mobile tip', tip([], 'mobil'), 'telefon', true],
    ['a headset and a telephony tip', tip([], 'telefoni'), 'headset', true],
    ['a headset and a mobile tip', tip([], 'mobil'), 'headset', false],
    ['a printer and a telephony tip', tip([], 'telefoni'), 'printer', false],
    ['"andet" says nothing about the asset, even tagged', tip(['andet']), 'andet', false],
  ]
  it.each(cases)('%s', (_name, given, type, expected) => {
    expect(tipMatchesAssetType(given, type)).toBe(expected)
  })
})
