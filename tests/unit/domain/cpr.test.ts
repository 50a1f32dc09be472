import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  containsCpr, cprBirthYear, findCprNumbers, isValidCprDate, maskCpr, passesModulus11, type CprConfidence,
} from '../../../src/domain/cpr.ts'

// Every number here is made up. Where the century rule allows it, the birth date lies in the
// future (2027–2057) or before 1900, so no living person can have the number.

describe('century from the seventh digit (CPR office rules)', () => {
  it.each<[number, number, number]>([
    [0, 0, 1900], [99, 3, 1999], [50, 2, 1950],
    [0, 4, 2000], [36, 4, 2036], [37, 4, 1937], [99, 4, 1999],
    [0, 9, 2000], [36, 9, 2036], [37, 9, 1937], [99, 9, 1999],
    [0, 5, 2000], [57, 5, 2057], [58, 5, 1858], [99, 5, 1899],
    [57, 6, 2057], [58, 6, 1858], [57, 7, 2057], [58, 7, 1858], [57, 8, 2057], [99, 8, 1899],
  ])('year %i with seventh digit %i is %i', (yy, digit, year) => {
    expect(cprBirthYear(yy, digit)).toBe(year)
  })
})

describe('birth date and modulus 11', () => {
  it.each<[string, boolean]>([
    ['1505304000', true], ['3112456007', true], ['0101608018', true],
    ['3201304000', false], // 32nd day
    ['0013304000', false], // month 13 … day 00
    ['0100304000', false], // month 00
    ['3002994000', false], // 30 February
    ['3104994000', false], // 31 April
    ['3106304000', false], ['3109304000', false], ['3111304000', false],
    ['2902304000', false], // 2030 is no leap year
    ['2902324000', true], // 2032 is
    ['2902000000', false], ['2902003000', false], // 0–3: 1900, no leap year
    ['2902004000', true], ['2902005000', true], ['2902009000', true], // 4–9: 2000, a leap year
    ['2902965000', true], ['2902975000', false], // 1896 is a leap year, 1897 not
    ['150530400', false], ['15053040001', false], ['15053O4000', false],
  ])('%s has a real birth date: %s', (digits, valid) => {
    expect(isValidCprDate(digits)).toBe(valid)
  })

  it.each<[string, boolean]>([
    ['1505304000', true], ['0101505006', true], ['3112456014', true], ['2902329008', true],
    ['1505304007', false], ['0101505007', false], ['0101901234', false], ['123', false],
  ])('%s passes modulus 11: %s', (digits, passes) => {
    expect(passesModulus11(digits)).toBe(passes)
  })
})

type Found = readonly [masked: string, confidence: CprConfidence]

describe('findCprNumbers: CPR numbers in free text', () => {
  it.each<[string, string, readonly Found[]]>([
    // valid with modulus 11 → high confidence
    ['mod 11, dash', 'Borger 150530-4000 ringede', [['150530-XXXX', 'high']]],
    ['mod 11, 5–8 rule after 2000', 'cpr 010150-5006', [['010150-XXXX', 'high']]],
    ['mod 11, 5–8 rule before 1900', 'cpr 010160-8018', [['010160-XXXX', 'high']]],
    ['mod 11, 4/9 rule', '300133-9000', [['300133-XXXX', 'high']]],
    // valid without modulus 11 (issued since 2007) → still caught
    ['no mod 11', 'nr 150530-4007 i brevet', [['150530-XXXX', 'medium']]],
    ['no mod 11, 1900s', 'Dokument med 010190-1234 på G-drevet', [['010190-XXXX', 'medium']]],
    // every separator
    ['no separator', 'cpr: 1505304000.', [['150530-XXXX', 'high']]],
    ['space', '150530 4000', [['150530-XXXX', 'high']]],
    ['non-breaking space', '150530\u00a04000', [['150530-XXXX', 'high']]],
    ['slash', '150530/4000', [['150530-XXXX', 'high']]],
    ['dot', '150530.4000', [['150530-XXXX', 'high']]],
    ['en dash', '150530–4000', [['150530-XXXX', 'high']]],
    ['dash with spaces', '150530 - 4000', [['150530-XXXX', 'high']]],
    // leap days and the century rule
    ['29 Feb 2032', '290232-9008', [['290232-XXXX', 'high']]],
    ['29 Feb 2000 (digit 4)', '290200-4001', [['290200-XXXX', 'high']]],
    ['29 Feb 2000 (digit 5)', '290200-5007', [['290200-XXXX', 'medium']]],
    ['29 Feb 1896', '290296-5001', [['290296-XXXX', 'high']]],
    // several, and in punctuation
    ['two in a list', '150530-4000, 010150-5006 og (311245-6007)', [
      ['150530-XXXX', 'high'], ['010150-XXXX', 'high'], ['311245-XXXX', 'medium'],
    ]],
    ['two separated by a space', '150530-4000 010150-5006', [['150530-XXXX', 'high'], ['010150-XXXX', 'high']]],
    ['on its own lines', 'Navn\n1505304000\nslut', [['150530-XXXX', 'high']]],
    ['after a CPR label without space', 'cpr1505304000', [['150530-XXXX', 'high']]],
    ['after a colon', 'CPR-nr.:150530-4000', [['150530-XXXX', 'high']]],
    ['end of sentence', 'Hun har 150530-4000.', [['150530-XXXX', 'high']]],
    ['in quotes', '"150530-4000"', [['150530-XXXX', 'high']]],
    ['after a rejected look-alike', '999999 150530-4000', [['150530-XXXX', 'high']]],
  ])('finds %s', (_name, text, expected) => {
    const hits = findCprNumbers(text)
    expect(hits.map((h) => [h.masked, h.confidence])).toEqual(expected)
    for (const hit of hits) expect(text.slice(hit.start, hit.end)).toMatch(/^\d{6}\D{0,3}\d{4}$/)
  })

  it.each<[string, string]>([
    // invalid dates
    ['day 32', '320130-4000'],
    ['day 00', '000130-4000'],
    ['month 13', '011330-4000'],
    ['month 00', '010030-4000'],
    ['30 February', '300299-1234'],
    ['31 April', '310499-1234'],
    ['31 June', '310630-4000'],
    ['29 Feb 1900 (digits 0–3)', '290200-1234'],
    ['29 Feb 2030', '290230-4000'],
    // phone numbers
    ['8-digit phone', 'Ring på 21019012'],
    ['phone in pairs', 'tlf. 21 01 90 12'],
    ['phone with country code', '+45 21019012'],
    ['phone with country code, no space', '+4521019012'],
    ['two phones', '21019012 / 31019012'],
    // case numbers and other numbers
    ['case number', 'Sag 2024-123456'],
    ['case number with CPR-like tail', 'Sag 2024-150530-4000'],
    ['journal number', '24/150530-4000'],
    ['longer run', '15053040001'],
    ['longer run before', '9150530-4000'],
    ['five-digit serial', '150530-40001'],
    ['serial continues', '150530-4000-7'],
    ['amount with decimals', '1505304000,50 kr.'],
    ['amount with thousands', '1.505.304.000 kr.'],
    ['dotted continuation', '150530.4000.12'],
    ['ISBN-13', 'ISBN 9781505304003'],
    ['labelled ISBN-10', 'ISBN 0306406152'],
    ['EAN', '5701234567899'],
    // dates and times
    ['date', '15.05.2030'],
    ['ISO date', '2030-05-15'],
    ['six-digit date', 'den 150530'],
    ['date range', '150530-160530'],
    ['date and time', '15.05.30 kl. 14.30'],
    // identifiers glued to letters
    ['helpdesk number', 'INC1505304000'],
    ['helpdesk with suffix', '1505304000AB'],
    ['serial number', 'SN:ABC1505304000'],
    ['uuid-like', '0190ab12-7c3d-7000-8000-0190a1505304'],
    ['uuid group', 'ab150530-4000-7def'],
    // masked text stays masked
    ['already masked', '150530-XXXX'],
  ])('ignores %s', (_name, text) => {
    expect(findCprNumbers(text)).toEqual([])
    expect(containsCpr(text)).toBe(false)
  })
})

describe('maskCpr', () => {
  it.each<[string, string]>([
    ['Ring til 150530-4000 i dag', 'Ring til 150530-XXXX i dag'],
    ['1505304000', '150530-XXXX'],
    ['a 150530 4000 b 010150/5006 c', 'a 150530-XXXX b 010150-XXXX c'],
    ['Sag 2024-123456, tlf. 21019012', 'Sag 2024-123456, tlf. 21019012'],
    ['', ''],
  ])('%j → %j', (text, masked) => {
    expect(maskCpr(text)).toBe(masked)
  })

  const serial = fc.stringMatching(/^[0-9]{4}$/)
  const birth = fc.date({ min: new Date(Date.UTC(2027, 0, 1)), max: new Date(Date.UTC(2036, 11, 31)), noInvalidDate: true })
  const separator = fc.constantFrom('', '-', ' ', '/', '.')

  it('catches every number with a real date in any surrounding text, and masking is idempotent', () => {
    fc.assert(fc.property(fc.string(), birth, serial, separator, fc.string(), (before, date, tail, sep, after) => {
      const ddmmyy = [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear() % 100].map((n) => String(n).padStart(2, '0')).join('')
      // seventh digit 4: years 2000–2036
      const number = `${ddmmyy}${sep}4${tail.slice(1)}`
      const text = `${before} ${number} ${after}`
      const masked = maskCpr(text)
      expect(masked).not.toContain(number)
      expect(masked).toContain(`${ddmmyy}-XXXX`)
      expect(containsCpr(masked)).toBe(false)
      expect(maskCpr(masked)).toBe(masked)
    }))
  })

  it('never changes text without ten digits in a row (apart from separators)', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const hasCandidate = /[0-9]{6}\D{0,3}[0-9]{4}/.test(text)
      if (!hasCandidate) expect(maskCpr(text)).toBe(text)
    }))
  })
})
