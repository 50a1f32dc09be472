import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listReferralsAwaiting, listReferralsSentWaiting } from '../../src/db/openRequests.ts'
import { changeStatus, getRequest, referRequest } from '../../src/db/requests.ts'
import { createRecord } from '../../src/db/write.ts'
import { isSendBack, sendBackTo } from '../../src/domain/referralInbox.ts'
import type { PersonId, RequestId } from '../../src/domain/records/fields.ts'
import type { Role } from '../../src/domain/records/person.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { createReferralNotices, readReferralState, type ReferralNotices } from '../../src/stores/referralNotices.ts'
import { requestContent } from './support/content.ts'
import type { Device } from './support/device.ts'
import { startWorld, type World } from './support/world.ts'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

function me(device: Device): PersonId {
  return device.author!.personId
}

/** A device's notices, having seen what is on it now (as the sync store's live observation does). */
async function noticesOf(device: Device): Promise<ReferralNotices> {
  const notices = createReferralNotices(me(device))
  notices.seen(await device.local(() => readReferralState(me(device))))
  return notices
}

/** Gives the device's account its synced Person record (as an invitation does), so colleagues see its name. */
async function named(device: Device, name: string, role: Role = 'superbruger'): Promise<Device> {
  const storage = world.server.app.storage
  const now = Date.now()
  const person = {
    id: me(device), teamId: world.teamId, createdAt: now, createdBy: me(device), updatedAt: now, rev: 0, deletedAt: null,
    name, initials: name.slice(0, 2).toUpperCase(), email: `${name.split(' ')[0]!.toLowerCase()}@test.dk`, role, homeDepartmentId: null, competences: [],
  }
  await writeSystemRecords(storage, [{ table: 'people', record: person }], now)
  return device
}

describe('referrals that arrive', () => {
  it('tells the colleague once after the sync that brings it, and the referrer when it was taken', async () => {
    const anna = await named(await world.device(), 'Anna Holm')
    const bo = await named(await world.device(), 'Bo Lund')
    const request = await anna.local(() => createRecord('requests', anna.author!, requestContent({ description: 'Skabelon i Acadre fejler', assigneeId: me(anna) })))
    await anna.syncOk()
    await bo.syncOk()
    const annaNotices = await noticesOf(anna)
    const boNotices = await noticesOf(bo)

    await anna.local(() => referRequest(request.id, me(bo), 'Du kender Acadre', me(anna)))
    // Anna's own referral is no news to her, and waits on Bo.
    await anna.local(async () => annaNotices.seen(await readReferralState(me(anna))))
    expect(await anna.local(() => annaNotices.news())).toEqual([])
    expect((await anna.local(() => listReferralsSentWaiting(me(anna)))).map((r) => r.id)).toEqual([request.id])
    await anna.syncOk()
    expect(await bo.local(() => boNotices.news())).toEqual([])

    await bo.syncOk()
    expect(await bo.local(() => boNotices.news())).toEqual(['Henvist til dig af Anna Holm: Skabelon i Acadre fejler'])
    expect(await bo.local(() => boNotices.news())).toEqual([])
    const waiting = await bo.local(() => listReferralsAwaiting(me(bo)))
    expect(waiting.map((r) => [r.id, r.referrals.at(-1)?.note])).toEqual([[request.id, 'Du kender Acadre']])

    await bo.local(() => changeStatus(request.id, 'i gang', me(bo)))
    expect(await bo.local(() => listReferralsAwaiting(me(bo)))).toEqual([])
    await bo.syncOk()
    await anna.syncOk()
    expect(await anna.local(() => annaNotices.news())).toEqual(['Bo Lund har taget imod din henvisning: Skabelon i Acadre fejler'])
    expect(await anna.local(() => annaNotices.news())).toEqual([])
    expect(await anna.local(() => getRequest(request.id))).toMatchObject({ status: 'i gang', assigneeId: me(bo) })
  })

  it('a request sent back arrives with the note for whoever referred it', async () => {
    const anna = await named(await world.device(), 'Anna Holm')
    const bo = await named(await world.device(), 'Bo Lund')
    const request = await anna.local(() => createRecord('requests', anna.author!, requestContent({ description: 'Telefon viderestiller ikke', assigneeId: me(anna) })))
    await anna.local(() => referRequest(request.id, me(bo), '', me(anna)))
    await anna.syncOk()
    const annaNotices = await noticesOf(anna)
    await bo.syncOk()

    const referred = (await bo.local(() => getRequest(request.id)))!
    expect(sendBackTo(referred, me(bo))).toBe(me(anna))
    await bo.local(() => referRequest(request.id, me(anna), 'Det er telefoni, ikke mig', me(bo)))
    await bo.syncOk()
    await anna.syncOk()

    expect(await anna.local(() => annaNotices.news())).toEqual(['Henvist til dig af Bo Lund: Telefon viderestiller ikke'])
    const back = (await anna.local(() => listReferralsAwaiting(me(anna))))[0]!
    expect(back).toMatchObject({ id: request.id, status: 'henvist', assigneeId: me(anna) })
    expect(back.referrals.map((r) => [r.from, r.to, r.note])).toEqual([[me(anna), me(bo), ''], [me(bo), me(anna), 'Det er telefoni, ikke mig']])
    expect(isSendBack(back.referrals, 1)).toBe(true)
  })

  it('never tells the koordinator of a request they referred to themselves', async () => {
    const anna = await world.device()
    const kim = await world.device('koordinator')
    const request = await anna.local(() => createRecord('requests', anna.author!, requestContent({ description: 'Printer på 2. sal', assigneeId: me(anna) })))
    await anna.syncOk()
    await kim.syncOk()
    const kimNotices = await noticesOf(kim)

    await kim.local(() => referRequest(request.id as RequestId, me(kim), 'Jeg tager den', me(kim)))
    kimNotices.seen(await kim.local(() => readReferralState(me(kim))))
    await kim.syncOk()
    expect(await kim.local(() => kimNotices.news())).toEqual([])
    // It still waits for them to take it, like any referral (the koordinator takes over with one tap).
    expect((await kim.local(() => listReferralsAwaiting(me(kim)))).map((r) => r.id)).toEqual([request.id])
  })
})
