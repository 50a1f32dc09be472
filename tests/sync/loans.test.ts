import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAsset } from '../../src/db/assets.ts'
import { listRejections } from '../../src/db/conflicts.ts'
import { currentLoan, lendAsset, listAssetLoans, returnLoan } from '../../src/db/loans.ts'
import type { Asset } from '../../src/domain/records/asset.ts'
import { startWorld, type World } from './support/world.ts'

let world: World

beforeEach(async () => {
  world = await startWorld('sqlite')
})

afterEach(async () => {
  await world.close()
})

const draft = (asset: Asset, name: string) => ({ assetId: asset.id, borrowerId: null, borrowerName: name, departmentId: null, since: '2026-12-01', until: '2026-12-14' })

describe('two superusers lending one asset offline', () => {
  it('the second loan is refused with its reason and kept in the refused list; both phones end with the first', async () => {
    const anna = await world.device()
    const bo = await world.device()
    const asset = await anna.local(() => createAsset(anna.author!, {
      code: 'K7M4QX', type: 'headset', name: 'Headset til udlån', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '', forLoan: true,
    }))
    await anna.syncOk()
    await bo.syncOk()
    // Both offline at once: each phone sees the headset free and lends it.
    const first = await anna.local(() => lendAsset(anna.author!, draft(asset, 'Ole')))
    await bo.local(() => lendAsset(bo.author!, draft(asset, 'Kim')))
    expect(await anna.syncOk()).toMatchObject({ rejected: 0 })
    expect(await bo.syncOk()).toMatchObject({ rejected: 1 })
    const refused = await bo.local(() => listRejections())
    expect(refused).toEqual([expect.objectContaining({ table: 'loans', reason: 'asset_on_loan', fields: expect.objectContaining({ borrowerName: 'Kim' }) })])
    await bo.syncOk()
    expect((await bo.local(() => currentLoan(asset.id)))?.id).toBe(first.id)

    // Both register the return offline: the second is refused too, the first return stands.
    await anna.local(() => returnLoan(first.id, '2026-12-10', anna.author!.personId))
    await bo.local(() => returnLoan(first.id, '2026-12-11', bo.author!.personId))
    await anna.syncOk()
    expect(await bo.syncOk()).toMatchObject({ rejected: 1 })
    await bo.syncOk()
    expect((await bo.local(() => listAssetLoans(asset.id))).map((l) => [l.borrowerName, l.returnedOn])).toEqual([['Ole', '2026-12-10']])
  })
})
