import { describe, expect, it } from 'vitest'
import { buildAssetUrl, parseScannedText } from '../../../src/domain/assetUrl.ts'

const ORIGIN = 'https://superbruger.kommune.dk'

describe('buildAssetUrl', () => {
  it('puts the code under /a/ on the origin', () => {
    expect(buildAssetUrl(ORIGIN, 'K7M4QX')).toBe('https://superbruger.kommune.dk/a/K7M4QX')
  })

  it('does not double a trailing slash', () => {
    expect(buildAssetUrl(`${ORIGIN}/`, 'K7M4QX')).toBe('https://superbruger.kommune.dk/a/K7M4QX')
  })

  it('round-trips through parseScannedText', () => {
    expect(parseScannedText(buildAssetUrl(ORIGIN, 'ABC234'), ORIGIN)).toEqual({ kind: 'ours', code: 'ABC234' })
  })
})

describe('parseScannedText', () => {
  it.each([
    ['our URL', `${ORIGIN}/a/K7M4QX`, 'K7M4QX'],
    ['our URL with a trailing slash', `${ORIGIN}/a/K7M4QX/`, 'K7M4QX'],
    ['our URL with a lower-case code', `${ORIGIN}/a/k7m4qx`, 'K7M4QX'],
    ['our URL with a query', `${ORIGIN}/a/K7M4QX?src=sticker`, 'K7M4QX'],
    ['surrounding white space from the scanner', `  ${ORIGIN}/a/K7M4QX\n`, 'K7M4QX'],
    ['a bare typed code', 'K7M4QX', 'K7M4QX'],
    ['a typed code in lower case with a space', 'k7m 4qx', 'K7M4QX'],
    ['a typed code with a dash', 'K7M-4QX', 'K7M4QX'],
  ])('%s is ours', (_label, text, code) => {
    expect(parseScannedText(text, ORIGIN)).toEqual({ kind: 'ours', code })
  })

  it.each([
    ['another site', 'https://example.com/a/K7M4QX'],
    ['our host over http', 'http://superbruger.kommune.dk/a/K7M4QX'],
    ['our host on another port', 'https://superbruger.kommune.dk:8443/a/K7M4QX'],
    ['a look-alike host', 'https://superbruger.kommune.dk.evil.example/a/K7M4QX'],
    ['our origin, another page', `${ORIGIN}/henvendelser/K7M4QX`],
    ['our origin, a deeper path', `${ORIGIN}/a/K7M4QX/rediger`],
    ['our origin, a code with a confusable character', `${ORIGIN}/a/K7M4Q0`],
    ['our origin, a code too long', `${ORIGIN}/a/K7M4QXX`],
    ['plain text', 'Hello world'],
    ['a bare code with an I', 'K7M4QI'],
    ['a Wi-Fi QR code', 'WIFI:T:WPA;S:Gæst;P:hemmelig;;'],
    ['empty text', ''],
  ])('%s is foreign', (_label, text) => {
    expect(parseScannedText(text, ORIGIN)).toEqual({ kind: 'foreign', text: text.trim() })
  })

  it('compares origins, not strings, so a default port matches', () => {
    expect(parseScannedText('https://superbruger.kommune.dk:443/a/K7M4QX', ORIGIN)).toEqual({ kind: 'ours', code: 'K7M4QX' })
  })

  it('treats every URL as foreign when the app origin is not a URL', () => {
    expect(parseScannedText(`${ORIGIN}/a/K7M4QX`, 'not a url').kind).toBe('foreign')
  })
})
