import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { isNewFaultReport } from '../../../src/domain/faultInbox.ts'
import {
  cleanFaultReport, faultReportDescription, FaultReportSchema, hasReportText, publicLocationOf,
} from '../../../src/domain/faultReport.ts'

describe('FaultReportSchema', () => {
  it.each([
    [{ text: 'Skærmen er sort' }, true],
    [{ text: 'x', name: 'Hanne', contact: '12345678', department: 'Løn' }, true],
    [{ text: 'x', extra: 1 }, false],
    [{ text: 1 }, false],
    [{ name: 'Hanne' }, false],
    [{ text: 'x'.repeat(2001) }, false],
    [{ text: 'x', department: 'd'.repeat(121) }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(v.safeParse(FaultReportSchema, input).success).toBe(valid)
  })

  it('fills absent optional fields with empty text', () => {
    expect(v.parse(FaultReportSchema, { text: 'x' })).toEqual({ text: 'x', name: '', contact: '', department: '' })
  })
})

describe('cleanFaultReport', () => {
  it('trims and masks CPR numbers in every field', () => {
    const cpr = '010190-1234'
    expect(cleanFaultReport({ text: ` a ${cpr} `, name: `n ${cpr}`, contact: `c ${cpr}`, department: `d ${cpr}` }))
      .toEqual({ text: 'a 010190-XXXX', name: 'n 010190-XXXX', contact: 'c 010190-XXXX', department: 'd 010190-XXXX' })
  })
})

describe('hasReportText', () => {
  it.each([['', false], ['   ', false], ['\n\t\u00a0', false], [' a ', true]])('%j → %s', (text, has) => {
    expect(hasReportText({ text, name: '', contact: '', department: '' })).toBe(has)
  })
})

describe('faultReportDescription', () => {
  it('puts contact, department and reference on lines of their own, leaving out empty ones', () => {
    expect(faultReportDescription({ text: 'Papirstop', name: 'Hanne', contact: '12345678', department: '' }, 'QR-ABC234'))
      .toBe('Papirstop\n\nKontakt: 12345678\nFejlmeldt via QR-kode, reference QR-ABC234')
  })
})

describe('publicLocationOf', () => {
  it('joins the filled-in parts', () => {
    expect(publicLocationOf({ name: 'P', building: 'Rådhuset', floor: ' ', room: '201' })).toBe('Rådhuset, 201')
    expect(publicLocationOf({ name: 'P', building: '', floor: '', room: '' })).toBe('')
  })
})

describe('isNewFaultReport', () => {
  const base = { channel: 'qr', status: 'ny', assigneeId: null, deletedAt: null } as const
  it.each([
    [base, true],
    [{ ...base, channel: 'telefon' }, false],
    [{ ...base, status: 'i gang' }, false],
    [{ ...base, assigneeId: 'p1' }, false],
    [{ ...base, deletedAt: 5 }, false],
  ])('%j → %s', (r, expected) => {
    expect(isNewFaultReport(r as Parameters<typeof isNewFaultReport>[0])).toBe(expected)
  })
})
