import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listRejections } from '../../src/db/conflicts.ts'
import { createObservation, listObservations, moveObservation } from '../../src/db/observations.ts'
import { patchRecord } from '../../src/db/write.ts'
import { startWorld, type World } from './support/world.ts'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

describe('observations between superusers and the koordinator', () => {
  it('a superuser writes one offline; the koordinator sees it after sync and moves it on; the superuser sees that', async () => {
    const ole = await world.device()
    const kim = await world.device('koordinator')
    const made = await ole.local(() => createObservation(ole.author!, { kind: 'uhensigtsmæssig arbejdsgang', departmentId: null, text: 'Scanner sender til forkert mappe, 010203-1234' }))
    await ole.syncOk()
    await kim.syncOk()
    const seen = await kim.local(() => listObservations({ status: 'open' }))
    expect(seen.map((o) => [o.id, o.status, o.text])).toEqual([[made.id, 'ny', 'Scanner sender til forkert mappe, 010203-XXXX']])

    await kim.local(() => moveObservation(made.id, 'givet videre til ledelsen', kim.author!.personId))
    expect(await kim.syncOk()).toMatchObject({ rejected: 0 })
    await ole.syncOk()
    const after = (await ole.local(() => listObservations({ status: 'all' })))[0]!
    expect(after).toMatchObject({ status: 'givet videre til ledelsen' })
    expect(after.history.map((h) => [h.from, h.to, h.by])).toEqual([[null, 'ny', ole.author!.personId], ['ny', 'givet videre til ledelsen', kim.author!.personId]])
  })

  it("a superuser cannot move an observation's status (refused, the server's stays), but may correct its text", async () => {
    const ole = await world.device()
    const made = await ole.local(() => createObservation(ole.author!, { kind: 'idé', departmentId: null, text: 'Fælles skabelon' }))
    await ole.syncOk()
    // The screen offers the status buttons only to the koordinator; the server is the real guard.
    await ole.local(() => moveObservation(made.id, 'drøftet i gruppen', ole.author!.personId))
    await ole.local(() => patchRecord('observations', made.id, { text: 'Fælles skabelon til referater' }))
    expect(await ole.syncOk()).toMatchObject({ rejected: 1 })
    expect(await ole.local(() => listRejections())).toEqual([expect.objectContaining({ table: 'observations', recordId: made.id, reason: 'forbidden' })])
    await ole.syncOk()
    expect((await ole.local(() => listObservations({ status: 'all' })))[0]).toMatchObject({ status: 'ny', text: 'Fælles skabelon til referater' })
  })
})
