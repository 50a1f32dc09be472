import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRequest, referRequest, updateRequest } from '../../../src/db/requests.ts'
import { createRecord, onCprMasked, patchRecord } from '../../../src/db/write.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const me = 'p1' as PersonId
const author = { teamId: 't1' as TeamId, personId: me }
// Made up, with a birth date in 2030: nobody's number.
const CPR = '150530-4000'

/** The number in any written form, or its serial as a search word. */
const LEAK = /150530\D{0,3}4000|"4000"/

/** Everything stored on the device about requests: the table and the outbox. */
async function storedText(): Promise<string> {
  return JSON.stringify([await db().requests.toArray(), await db().outbox.toArray()])
}

let stop: (() => void) | null = null
afterEach(() => { stop?.(); stop = null })

describe('CPR numbers never reach IndexedDB', () => {
  it('a CPR typed into a new request description is stored and queued masked', async () => {
    const r = await createRequest(author, { ...emptyDraft(me), description: `Borger ${CPR} kan ikke logge ind`, resolution: `1505304000 slettet` })
    expect(r.description).toBe('Borger 150530-XXXX kan ikke logge ind')
    expect(r.resolution).toBe('150530-XXXX slettet')
    const [queued] = await db().outbox.toArray()
    expect(queued).toMatchObject({ op: 'put', fields: { description: 'Borger 150530-XXXX kan ikke logge ind', resolution: '150530-XXXX slettet' } })
    expect(await storedText()).not.toMatch(LEAK)
    expect(r.words).not.toContain('4000')
    expect(r.words).not.toContain('1505304000')
  })

  it('a CPR added by editing is stored and queued masked', async () => {
    const r = await createRequest(author, { ...emptyDraft(me), description: 'Printer' })
    const updated = await updateRequest(r.id, { description: `Printer, spurgt af ${CPR}` }, me)
    expect(updated.description).toBe('Printer, spurgt af 150530-XXXX')
    const patch = (await db().outbox.orderBy('mutationId').toArray()).at(-1)
    expect(patch).toMatchObject({ op: 'patch', fields: { description: 'Printer, spurgt af 150530-XXXX' } })
    expect(await storedText()).not.toMatch(LEAK)
  })

  it('masks referral notes, which are nested in the request', async () => {
    const r = await createRequest(author, { ...emptyDraft(me), description: 'Acadre' })
    const referred = await referRequest(r.id, null, `Ring til ${CPR}`, me)
    expect(referred.referrals.at(-1)?.note).toBe('Ring til 150530-XXXX')
    expect(await storedText()).not.toMatch(LEAK)
  })

  it('masks every table with free text through createRecord and patchRecord', async () => {
    const asset = await createRecord('assets', author, {
      code: 'PR-1', type: 'printer', name: 'Printer', model: '', serial: 'SN3112456014', building: '', floor: '',
      room: '', departmentId: null, notes: `Lånt af ${CPR}`, retiredAt: null,
    })
    expect(asset.notes).toBe('Lånt af 150530-XXXX')
    expect(asset.serial).toBe('SN3112456014')
    await patchRecord('assets', asset.id, { notes: `Nu ${CPR}` })
    expect((await db().assets.get(asset.id))?.notes).toBe('Nu 150530-XXXX')
    expect(JSON.stringify(await db().outbox.toArray())).not.toMatch(LEAK)
  })

  it('tells listeners how many numbers a stored write masked, and nothing for clean text', async () => {
    const calls: [string, number][] = []
    stop = onCprMasked((table, count) => calls.push([table, count]))
    await createRequest(author, { ...emptyDraft(me), description: `${CPR} og 010150-5006` })
    await createRequest(author, { ...emptyDraft(me), description: 'Sag 2024-123456' })
    expect(calls).toEqual([['requests', 2]])
    stop()
    await createRequest(author, { ...emptyDraft(me), description: CPR })
    expect(calls).toHaveLength(1)
  })

  it('does not report masking when the write failed', async () => {
    const calls: number[] = []
    stop = onCprMasked((_table, count) => calls.push(count))
    await db().outbox.hook('creating', () => { throw new Error('disk full') })
    await expect(createRecord('timeEntries', author, {
      personId: me, start: 0, end: 1, activity: 'daglig hjælp', requestId: null, note: CPR,
    })).rejects.toThrow('disk full')
    expect(calls).toEqual([])
    expect(await db().timeEntries.count()).toBe(0)
  })
})
