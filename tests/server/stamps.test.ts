import fc from 'fast-check'
import { expect, it } from 'vitest'
import { mergeMutation, type FieldStamps } from '../../src/domain/merge.ts'
import { decodeStamps, encodeStamps } from '../../src/server/storage/stamps.ts'

const stampsArbitrary = fc.dictionary(
  fc.string({ minLength: 1 }),
  fc.record({ rev: fc.nat(), clientId: fc.constantFrom('client-a', 'client-b', 'server', 'device-' + '😀') }),
)

it('stamps come back from their stored text exactly as they were, any field names included', () => {
  fc.assert(fc.property(stampsArbitrary, (stamps) => {
    const back = decodeStamps(encodeStamps(stamps))
    expect(back).toEqual(stamps)
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(Object.keys(back).sort()).toEqual(Object.keys(stamps).sort())
  }))
})

it('rows written before the grouped form (one stamp object per field) still read', () => {
  const old: FieldStamps = { status: { rev: 7, clientId: 'client-a' }, description: { rev: 9, clientId: 'client-b' } }
  expect(decodeStamps(JSON.stringify(old))).toEqual(old)
})

it('a put stores its stamp once: a request\'s stamps shrink to well under half', () => {
  const fields = { requesterName: 'Kollega 1', departmentId: null, channel: 'telefon', category: 'acadre', presetId: null, description: 'Kan ikke åbne dokument', status: 'ny', owner: 'superbruger', assigneeId: null, referrals: [], history: [], assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null, words: [] }
  const { state } = mergeMutation(null, { op: 'put', fields, baseRev: 0, clientId: 'client-1795875624140-0', rev: 21, now: 1 })
  const perField = JSON.stringify(state!.stamps).length
  const grouped = encodeStamps(state!.stamps)
  expect(grouped.length).toBeLessThan(perField / 2)
  expect(decodeStamps(grouped)).toEqual(state!.stamps)
})
