import { describe, expect, it } from 'vitest'
import { decideScan, pickScan } from '../../../src/domain/scan.ts'
import { parseScannedText } from '../../../src/domain/assetUrl.ts'
import type { AssetId } from '../../../src/domain/records/fields.ts'

const ORIGIN = 'http://localhost:4173'
const printer = { id: 'asset-printer' as AssetId }
const known = new Map([['K7M4QX', printer]])

describe('decideScan', () => {
  it.each([
    ['a sticker of a known asset opens it', `${ORIGIN}/a/K7M4QX`, { kind: 'open', assetId: printer.id, code: 'K7M4QX' }],
    ['a typed known code opens it', 'k7m 4qx', { kind: 'open', assetId: printer.id, code: 'K7M4QX' }],
    ['an unknown code of ours offers registration', `${ORIGIN}/a/ABC234`, { kind: 'register', code: 'ABC234' }],
    ['a typed unknown code offers registration', 'ABC234', { kind: 'register', code: 'ABC234' }],
    ['another site says it is not ours', 'https://example.com/a/K7M4QX', { kind: 'foreign', text: 'https://example.com/a/K7M4QX' }],
    ['plain text says it is not ours', 'Kantine menu', { kind: 'foreign', text: 'Kantine menu' }],
  ])('%s', (_label, text, expected) => {
    const parsed = parseScannedText(text, ORIGIN)
    const found = parsed.kind === 'ours' ? known.get(parsed.code) : undefined
    expect(decideScan(parsed, found)).toEqual(expected)
  })

  it('never opens an asset for a foreign text, even if a lookup returned one', () => {
    expect(decideScan({ kind: 'foreign', text: 'x' }, printer)).toEqual({ kind: 'foreign', text: 'x' })
  })
})

describe('pickScan', () => {
  const origin = 'https://superbruger.kommune.dk'
  it.each<[string, string[], string | undefined]>([
    ['ours alone', [`${origin}/a/K7M4QX`], `${origin}/a/K7M4QX`],
    ["a maker's sticker listed first, ours second", ['https://support.hp.com/dk-da', `${origin}/a/K7M4QX`], `${origin}/a/K7M4QX`],
    ['a Wi-Fi code and ours', ['WIFI:S:Printer;T:WPA;P:hemmelig;;', `${origin}/a/K7M4QX`], `${origin}/a/K7M4QX`],
    ['two of ours: the first', [`${origin}/a/K7M4QX`, `${origin}/a/ABC234`], `${origin}/a/K7M4QX`],
    ['none of ours: the first, which is then "not ours"', ['https://example.com/x', 'WIFI:S:x;;'], 'https://example.com/x'],
    ['an empty frame', [], undefined],
  ])('%s', (_name, texts, expected) => {
    expect(pickScan(texts, origin)).toBe(expected)
  })
})
