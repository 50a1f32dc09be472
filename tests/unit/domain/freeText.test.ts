import { describe, expect, it } from 'vitest'
import { FREE_TEXT_FIELDS, maskRecordFields } from '../../../src/domain/freeText.ts'
import { SYNC_TABLES, type SyncTableName } from '../../../src/domain/records/syncTables.ts'

// Made-up numbers with birth dates in the future, so they cannot be anyone's.
const CPR = '150530-4000'
const MASKED = '150530-XXXX'

describe('maskRecordFields', () => {
  it.each<[SyncTableName, Record<string, unknown>, Record<string, unknown>]>([
    ['requests', { description: `Borger ${CPR}`, resolution: `Slettet ${CPR}`, requesterName: `Hanne ${CPR}` },
      { description: `Borger ${MASKED}`, resolution: `Slettet ${MASKED}`, requesterName: `Hanne ${MASKED}` }],
    ['requests', { referrals: [{ at: 1, from: null, to: null, note: `se ${CPR}` }] },
      { referrals: [{ at: 1, from: null, to: null, note: `se ${MASKED}` }] }],
    ['timeEntries', { note: CPR }, { note: MASKED }],
    ['absences', { note: `ferie ${CPR}` }, { note: `ferie ${MASKED}` }],
    ['checklistAnswers', { value: `Ny medarbejder ${CPR}` }, { value: `Ny medarbejder ${MASKED}` }],
    ['checklistRuns', { subject: { kind: 'person', refId: null, label: `Ole ${CPR}` }, overrideReason: CPR },
      { subject: { kind: 'person', refId: null, label: `Ole ${MASKED}` }, overrideReason: MASKED }],
    ['checklistTemplates', { title: CPR, purpose: CPR, items: [{ key: 'a', label: CPR, kind: 'text', required: false, help: CPR }] },
      { title: MASKED, purpose: MASKED, items: [{ key: 'a', label: MASKED, kind: 'text', required: false, help: MASKED }] }],
    ['assets', { notes: `Lånt af ${CPR}` }, { notes: `Lånt af ${MASKED}` }],
    ['tips', { title: CPR, body: `# Tip\n\n${CPR}`, tags: ['acadre', CPR] }, { title: MASKED, body: `# Tip\n\n${MASKED}`, tags: ['acadre', MASKED] }],
  ])('masks the free text of %s', (table, fields, expected) => {
    const result = maskRecordFields(table, fields)
    expect(result.fields).toEqual(expected)
    expect(result.masked).toBeGreaterThan(0)
    expect(JSON.stringify(result.fields)).not.toContain('4000')
  })

  it.each<[SyncTableName, Record<string, unknown>]>([
    // structured identifiers keep their value: masking would corrupt them
    ['requests', { helpdeskCaseNo: '1505304000', assigneeId: '1505304000' }],
    ['assets', { code: 'PR-1505304000', serial: '1505304000', name: 'Printer', model: 'X 150530-4000' }],
    // numbers, booleans, choices and dates of checklist answers
    ['checklistAnswers', { value: 1505304000 }],
    ['checklistAnswers', { value: true }],
    ['checklistAnswers', { value: '2030-05-15' }],
    ['checklistAnswers', { value: null }],
    ['checklistRuns', { subject: { kind: 'asset', refId: 'a1', label: 'Printer 2. sal' }, dueDate: '2030-05-15' }],
    // tables without free text
    ['people', { name: CPR, email: `${CPR}@x.dk` }],
    ['departments', { name: CPR, location: CPR }],
    ['teams', { name: CPR }],
    // free text without a CPR number
    ['requests', { description: 'Sag 2024-123456, ring 21019012' }],
  ])('leaves %s %j as it is', (table, fields) => {
    const result = maskRecordFields(table, fields)
    expect(result.masked).toBe(0)
    expect(result.fields).toBe(fields)
  })

  it('counts every masked number and never changes its input', () => {
    const fields = Object.freeze({ description: `${CPR} og 010150-5006`, resolution: CPR })
    const result = maskRecordFields('requests', fields)
    expect(result.masked).toBe(3)
    expect(fields.description).toContain(CPR)
  })

  it('knows only real tables and fields that hold text', () => {
    for (const table of Object.keys(FREE_TEXT_FIELDS)) expect(SYNC_TABLES).toContain(table)
  })
})
