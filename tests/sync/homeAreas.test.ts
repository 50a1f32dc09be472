import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listRejections } from '../../src/db/conflicts.ts'
import { getHomeArea, loadDepartmentPage, setHomeArea } from '../../src/db/departmentPage.ts'
import type { DepartmentId, PersonId } from '../../src/domain/records/fields.ts'
import type { Role } from '../../src/domain/records/person.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import type { Device } from './support/device.ts'
import { startWorld, type World } from './support/world.ts'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

const BYGGERI = 'dept-byggeri' as DepartmentId

function me(device: Device): PersonId {
  return device.author!.personId
}

/** The team's department and the devices' Person records, as the admin screens make them. */
async function seed(devices: ReadonlyArray<[Device, string, Role]>): Promise<void> {
  const now = Date.now()
  const base = { teamId: world.teamId, createdAt: now, createdBy: 'admin', updatedAt: now, rev: 0, deletedAt: null }
  await writeSystemRecords(world.server.app.storage, [
    { table: 'departments', record: { ...base, id: BYGGERI, name: 'Byggeri', location: '' } },
    ...devices.map(([device, name, role]) => ({
      table: 'people' as const,
      record: { ...base, id: me(device), name, initials: name.slice(0, 2), email: `${me(device)}@x.dk`, role, homeDepartmentId: null, competences: [] },
    })),
  ], now)
}

describe('home areas', () => {
  it('the koordinator gives a superuser the area; every device sees them on the department page', async () => {
    const kim = await world.device('koordinator')
    const ole = await world.device()
    await seed([[kim, 'Kim Dahl', 'koordinator'], [ole, 'Ole Berg', 'superbruger']])
    await kim.syncOk()
    await ole.syncOk()

    await kim.local(() => setHomeArea(me(ole), BYGGERI))
    expect(await kim.syncOk()).toMatchObject({ rejected: 0 })
    await ole.syncOk()
    expect(await ole.local(() => getHomeArea(me(ole)))).toMatchObject({ id: BYGGERI, name: 'Byggeri' })
    expect((await ole.local(() => loadDepartmentPage(BYGGERI)))?.superusers.map((p) => p.name)).toEqual(['Ole Berg'])
  })

  it("a superuser sets their own area, but not a colleague's (refused, and the colleague's stays)", async () => {
    const ole = await world.device()
    const per = await world.device()
    await seed([[ole, 'Ole Berg', 'superbruger'], [per, 'Per Holm', 'superbruger']])
    await ole.syncOk()
    await per.syncOk()

    await ole.local(() => setHomeArea(me(ole), BYGGERI))
    await ole.local(() => setHomeArea(me(per), BYGGERI))
    expect(await ole.syncOk()).toMatchObject({ rejected: 1 })
    expect(await ole.local(() => listRejections())).toEqual([expect.objectContaining({ table: 'people', recordId: me(per), reason: 'forbidden' })])
    await ole.syncOk()
    await per.syncOk()
    expect((await per.local(() => loadDepartmentPage(BYGGERI)))?.superusers.map((p) => p.name)).toEqual(['Ole Berg'])
    expect(await ole.local(() => getHomeArea(me(per)))).toBeUndefined()
  })
})
