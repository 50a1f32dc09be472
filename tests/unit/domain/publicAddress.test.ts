import { describe, expect, it } from 'vitest'
import {
  acceptedBaseUrls, addressWarning, labelBaseUrl, normaliseBaseUrl, offeredHandOffChannels, parseBaseUrlList, parsePublicConfig, pathUnderBase, type PublicConfig,
} from '../../../src/domain/publicAddress.ts'
import { buildAssetUrl, parseScannedText } from '../../../src/domain/assetUrl.ts'

const PUBLIC = 'https://superbruger.kommune.dk'
const config = (publicUrl: string | null, formerPublicUrls: string[] = []): PublicConfig => ({ publicUrl, formerPublicUrls })

describe('normaliseBaseUrl', () => {
  it.each<[string, string | null]>([
    ['https://superbruger.kommune.dk', PUBLIC],
    ['https://superbruger.kommune.dk/', PUBLIC],
    ['https://superbruger.kommune.dk///', PUBLIC],
    ['  HTTPS://SuperBruger.Kommune.DK:443/ ', PUBLIC],
    ['http://superbruger.kommune.dk:80', 'http://superbruger.kommune.dk'],
    ['http://192.168.1.23:8080/', 'http://192.168.1.23:8080'],
    ['https://kommune.dk/superbruger/', 'https://kommune.dk/superbruger'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['superbruger.kommune.dk', null],
    ['ftp://superbruger.kommune.dk', null],
    ['https://superbruger.kommune.dk/?x=1', null],
    ['https://superbruger.kommune.dk/#top', null],
    ['https://user:pw@superbruger.kommune.dk', null],
    ['', null],
  ])('%s → %s', (raw, expected) => expect(normaliseBaseUrl(raw)).toBe(expected))
})

describe('addressWarning', () => {
  it.each<[string, 'localhost' | 'http' | null]>([
    [PUBLIC, null],
    ['https://192.168.1.23:8443', null],
    ['http://superbruger.kommune.dk', 'http'],
    ['http://192.168.1.23:8080', 'http'],
    ['http://localhost:8080', 'localhost'],
    ['https://localhost:8443', 'localhost'],
    ['http://127.0.0.1:8080', 'localhost'],
    ['http://127.1.2.3', 'localhost'],
    ['http://[::1]:8080', 'localhost'],
    ['http://app.localhost', 'localhost'],
    ['http://0.0.0.0:8080', 'localhost'],
    ['https://localhost.kommune.dk', null],
    ['not a url', 'localhost'],
  ])('%s → %s', (base, expected) => expect(addressWarning(base)).toBe(expected))
})

describe('labelBaseUrl', () => {
  it.each<[string, PublicConfig | null, string, string]>([
    ['the public address when the server has one', config(PUBLIC), 'http://localhost:8080', PUBLIC],
    ['the own origin when the server has none', config(null, ['https://old.kommune.dk']), 'http://192.168.1.23:8080', 'http://192.168.1.23:8080'],
    ['the own origin before the server was ever reached', null, 'https://sb.local:8443', 'https://sb.local:8443'],
    ['the own origin without a trailing slash', null, 'https://sb.local:8443/', 'https://sb.local:8443'],
  ])('%s', (_what, cfg, own, expected) => expect(labelBaseUrl(cfg, own)).toBe(expected))

  it('prints labels whose URL sits under the public address, whatever address the app was opened at', () => {
    expect(buildAssetUrl(labelBaseUrl(config(PUBLIC), 'http://localhost:8080'), 'K7M4QX')).toBe(`${PUBLIC}/a/K7M4QX`)
  })
})

describe('acceptedBaseUrls', () => {
  it.each<[string, PublicConfig | null, string, string[]]>([
    ['own origin only before the server answered', null, 'http://localhost:8080', ['http://localhost:8080']],
    ['own, public and former, each once', config(PUBLIC, ['http://sb-gl:8080', PUBLIC]), 'http://localhost:8080', ['http://localhost:8080', PUBLIC, 'http://sb-gl:8080']],
    ['own origin equal to the public address', config(PUBLIC), `${PUBLIC}`, [PUBLIC]],
  ])('%s', (_what, cfg, own, expected) => expect(acceptedBaseUrls(cfg, own)).toEqual(expected))
})

describe('scanning under the accepted addresses', () => {
  const bases = acceptedBaseUrls(config(PUBLIC, ['http://sb-gl.intern:8080', 'https://kommune.dk/superbruger']), 'http://localhost:8080')
  it.each<[string, string, string | null]>([
    ['the own origin', 'http://localhost:8080/a/K7M4QX', 'K7M4QX'],
    ['the public address', `${PUBLIC}/a/K7M4QX`, 'K7M4QX'],
    ['the public address with a trailing slash', `${PUBLIC}/a/K7M4QX/`, 'K7M4QX'],
    ['the public address in capitals', 'HTTPS://SUPERBRUGER.KOMMUNE.DK/a/k7m4qx', 'K7M4QX'],
    ['a former address', 'http://sb-gl.intern:8080/a/K7M4QX', 'K7M4QX'],
    ['a former address with a path', 'https://kommune.dk/superbruger/a/K7M4QX', 'K7M4QX'],
    ['the public host over plain http', 'http://superbruger.kommune.dk/a/K7M4QX', null],
    ['a former host over https', 'https://sb-gl.intern:8080/a/K7M4QX', null],
    ['a former host on another port', 'http://sb-gl.intern/a/K7M4QX', null],
    ['outside the former path', 'https://kommune.dk/a/K7M4QX', null],
    ['a path that only starts like the former one', 'https://kommune.dk/superbrugerx/a/K7M4QX', null],
    ['an address never ours', 'https://example.com/a/K7M4QX', null],
  ])('%s: %s', (_what, text, code) => {
    expect(parseScannedText(text, bases)).toEqual(code ? { kind: 'ours', code } : { kind: 'foreign', text })
  })
})

describe('pathUnderBase', () => {
  it.each<[string, string, string | null]>([
    ['https://a.dk/a/X', 'https://a.dk', '/a/X'],
    ['https://a.dk/p/a/X', 'https://a.dk/p', '/a/X'],
    ['https://a.dk/p', 'https://a.dk/p', null],
    ['http://a.dk/a/X', 'https://a.dk', null],
    ['https://a.dk/a/X', 'not a url', null],
  ])('%s under %s → %s', (url, base, expected) => expect(pathUnderBase(new URL(url), base)).toBe(expected))
})

describe('parseBaseUrlList and parsePublicConfig', () => {
  it('reads a comma-separated list, dropping doubles and naming what is no address', () => {
    expect(parseBaseUrlList(' https://a.dk/, http://b:8080 ,,https://a.dk,nope')).toEqual({ urls: ['https://a.dk', 'http://b:8080'], invalid: ['nope'] })
  })

  it.each<[string, unknown, PublicConfig | null]>([
    ['an answer', { publicUrl: `${PUBLIC}/`, formerPublicUrls: ['http://sb-gl:8080/'] }, config(PUBLIC, ['http://sb-gl:8080'])],
    ['no public address', { publicUrl: null, formerPublicUrls: [] }, config(null)],
    ['former addresses that are no URLs are left out', { publicUrl: null, formerPublicUrls: ['x', 'https://a.dk'] }, config(null, ['https://a.dk'])],
    ['a public address that is no URL', { publicUrl: 'x', formerPublicUrls: [] }, null],
    ['a missing list', { publicUrl: PUBLIC }, null],
    ['not an object', 'https://a.dk', null],
    ['null', null, null],
    ['hand-off channels, unknown ones left out', { publicUrl: null, formerPublicUrls: [], handOffChannels: ['topdesk', 'fax', 'mail'] }, { ...config(null), handOffChannels: ['mail', 'topdesk'] }],
    ['no known hand-off channel: as an older server', { publicUrl: null, formerPublicUrls: [], handOffChannels: ['fax'] }, config(null)],
  ])('%s', (_what, value, expected) => expect(parsePublicConfig(value)).toEqual(expected))

  it('offers the server\'s hand-off channels, or both while it has not said', () => {
    expect(offeredHandOffChannels({ ...config(null), handOffChannels: ['mail'] })).toEqual(['mail'])
    expect(offeredHandOffChannels(config(null))).toEqual(['mail', 'topdesk'])
    expect(offeredHandOffChannels(null)).toEqual(['mail', 'topdesk'])
  })
})
