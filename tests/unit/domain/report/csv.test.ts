import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from '../../../../src/domain/report/csv.ts'

describe('csvField', () => {
  it.each<[Parameters<typeof csvField>[0], string]>([
    ['Acadre', 'Acadre'],
    [3.25, '3,25'],
    [-2, '-2'],
    [1234567.5, '1234567,5'],
    [0, '0'],
    [Number.NaN, ''],
    [null, ''],
    [new Date(2026, 11, 7, 23, 59), '07.12.2026'],
    ['Plan; Byg', '"Plan; Byg"'],
    ['Sagde "hej"', '"Sagde ""hej"""'],
    ['to\nlinjer', '"to\nlinjer"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+45 1234', "'+45 1234"],
    ['-virker ikke', "'-virker ikke"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['Æbler, ø og å', 'Æbler, ø og å'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('toCsv', () => {
  it('starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv([['a', 1.5], ['b', null]])).toBe('\uFEFFa;1,5\r\nb;\r\n')
  })
})
