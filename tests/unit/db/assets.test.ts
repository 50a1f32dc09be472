import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRecord, deleteRecord } from '../../../src/db/write.ts'
import {
  AssetCodeError, assetHistory, bulkCreateAssets, createAsset, getAsset, getAssetByCode, getAssets,
  listAssetLocations, listAssets, resolveScan, retireAsset, suggestAssetCode, updateAsset, type AssetInput,
} from '../../../src/db/assets.ts'
import { isAssetCode } from '../../../src/domain/assetCode.ts'
import type { AssetId, ChecklistTemplateId, DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Request } from '../../../src/domain/records/request.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const ORIGIN = 'http://localhost:4173'

function input(overrides: Partial<AssetInput> = {}): AssetInput {
  return {
    code: '', type: 'printer', name: 'Printer', model: '', serial: '', building: 'Rådhuset', floor: '2',
    room: '2.14', departmentId: null, notes: '', ...overrides,
  }
}

function request(assetId: AssetId | null, description: string): Omit<Request, 'id' | 'teamId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'rev' | 'deletedAt'> {
  return {
    requesterName: 'Anna', departmentId: null, channel: 'fremmøde', category: 'hardware', presetId: null,
    description, status: 'ny', owner: 'superbruger', assigneeId: null, referrals: [], history: [], assetId,
    helpdeskCaseNo: '', resolution: '', tipId: null, words: [],
  }
}

describe('creating and editing assets', () => {
  it('stores the asset with a normalised code and queues it for sync', async () => {
    const asset = await createAsset(author, input({ code: ' k7m-4qx ', name: '  Printer 2. sal ' }))
    expect(asset).toMatchObject({ code: 'K7M4QX', name: 'Printer 2. sal', retiredAt: null, teamId: 't1' })
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ table: 'assets', recordId: asset.id, op: 'put' })
  })

  it('generates a valid code when none is given', async () => {
    const asset = await createAsset(author, input())
    expect(isAssetCode(asset.code)).toBe(true)
  })

  it('refuses a code that another asset has, and stores nothing', async () => {
    await createAsset(author, input({ code: 'K7M4QX' }))
    await expect(createAsset(author, input({ code: 'k7m4qx' }))).rejects.toMatchObject({ reason: 'taken' })
    expect(await db().assets.count()).toBe(1)
    expect(await db().outbox.count()).toBe(1)
  })

  it('refuses a malformed code', async () => {
    await expect(createAsset(author, input({ code: 'OIL000' }))).rejects.toBeInstanceOf(AssetCodeError)
    expect(await db().assets.count()).toBe(0)
  })

  it('lets a deleted asset\'s code be used again', async () => {
    const old = await createAsset(author, input({ code: 'K7M4QX' }))
    await deleteRecord('assets', old.id)
    await expect(createAsset(author, input({ code: 'K7M4QX' }))).resolves.toMatchObject({ code: 'K7M4QX' })
  })

  it('updates fields and keeps its own code, but cannot take another\'s', async () => {
    const a = await createAsset(author, input({ code: 'AAAAAA' }))
    await createAsset(author, input({ code: 'BBBBBB' }))
    const updated = await updateAsset(a.id, input({ code: 'AAAAAA', name: 'Ny printer' }))
    expect(updated.name).toBe('Ny printer')
    await expect(updateAsset(a.id, input({ code: 'BBBBBB' }))).rejects.toMatchObject({ reason: 'taken' })
    expect((await getAsset(a.id))?.code).toBe('AAAAAA')
  })

  it('retires and reinstates an asset, keeping it findable by code', async () => {
    const a = await createAsset(author, input({ code: 'K7M4QX' }))
    await retireAsset(a.id, 5000)
    expect((await getAssetByCode('K7M4QX'))?.retiredAt).toBe(5000)
    expect(await listAssets()).toHaveLength(0)
    expect(await listAssets({ includeRetired: true })).toHaveLength(1)
    await retireAsset(a.id, null)
    expect(await listAssets()).toHaveLength(1)
  })

  it('suggests a code no asset has', async () => {
    await createAsset(author, input({ code: 'K7M4QX' }))
    const code = await suggestAssetCode()
    expect(isAssetCode(code)).toBe(true)
    expect(code).not.toBe('K7M4QX')
  })
})

describe('finding assets', () => {
  it('gets by code through the index, ignoring case and deleted assets', async () => {
    const a = await createAsset(author, input({ code: 'K7M4QX' }))
    expect((await getAssetByCode('k7m 4qx'))?.id).toBe(a.id)
    expect(await getAssetByCode('ABC234')).toBeUndefined()
    await deleteRecord('assets', a.id)
    expect(await getAssetByCode('K7M4QX')).toBeUndefined()
    expect(await getAsset(a.id)).toBeUndefined()
  })

  it('gets several by id in the asked order, skipping missing ones', async () => {
    const a = await createAsset(author, input({ name: 'A' }))
    const b = await createAsset(author, input({ name: 'B' }))
    const found = await getAssets([b.id, 'nope' as AssetId, a.id])
    expect(found.map((x) => x.name)).toEqual(['B', 'A'])
  })

  it('filters by type, department, building and search words, sorted by name', async () => {
    const dep = 'dep-plan' as DepartmentId
    await createAsset(author, input({ name: 'Printer kantine', type: 'printer', building: 'Rådhuset' }))
    await createAsset(author, input({ name: 'Bærbar Anna', type: 'laptop', building: 'Rådhuset', departmentId: dep, model: 'Latitude 7440' }))
    await createAsset(author, input({ name: 'Dock Anna', type: 'dock', building: 'Teknikhuset', departmentId: dep }))
    const names = async (f: Parameters<typeof listAssets>[0]) => (await listAssets(f)).map((a) => a.name)
    expect(await names({})).toEqual(['Bærbar Anna', 'Dock Anna', 'Printer kantine'])
    expect(await names({ type: 'laptop' })).toEqual(['Bærbar Anna'])
    expect(await names({ departmentId: dep })).toEqual(['Bærbar Anna', 'Dock Anna'])
    expect(await names({ location: 'Teknikhuset' })).toEqual(['Dock Anna'])
    expect(await names({ query: 'anna lat' })).toEqual(['Bærbar Anna'])
    expect(await names({ query: 'anna', type: 'dock' })).toEqual(['Dock Anna'])
    expect(await names({ query: 'ingenting' })).toEqual([])
    expect(await listAssetLocations()).toEqual(['Rådhuset', 'Teknikhuset'])
  })
})

describe('resolveScan', () => {
  it('opens a known asset, offers to register an unknown code, and rejects foreign text', async () => {
    const a = await createAsset(author, input({ code: 'K7M4QX' }))
    await expect(resolveScan(`${ORIGIN}/a/K7M4QX`, ORIGIN)).resolves.toEqual({ kind: 'open', assetId: a.id, code: 'K7M4QX' })
    await expect(resolveScan(`${ORIGIN}/a/ABC234`, ORIGIN)).resolves.toEqual({ kind: 'register', code: 'ABC234' })
    await expect(resolveScan('https://example.com/a/K7M4QX', ORIGIN)).resolves.toMatchObject({ kind: 'foreign' })
  })
})

describe('assetHistory', () => {
  it('lists requests and checklist runs on the asset, newest first', async () => {
    const a = await createAsset(author, input())
    const other = await createAsset(author, input())
    await createRecord('requests', author, request(a.id, 'Papirstop'), 1000)
    await createRecord('requests', author, request(other.id, 'Andet udstyr'), 1500)
    const gone = await createRecord('requests', author, request(a.id, 'Slettet'), 1600)
    await deleteRecord('requests', gone.id)
    await createRecord('checklistRuns', author, {
      templateId: 'tpl' as ChecklistTemplateId, templateVersion: 1, title: 'Eftersyn', status: 'i gang',
      subject: { kind: 'asset', refId: a.id, label: 'Printer' }, dueDate: null, completedAt: null, overrideReason: '',
    }, 2000)
    await createRecord('requests', author, request(a.id, 'Toner'), 3000)
    const history = await assetHistory(a.id)
    expect(history.map((h) => [h.kind, h.at])).toEqual([['request', 3000], ['checklist', 2000], ['request', 1000]])
  })
})

describe('bulkCreateAssets', () => {
  it('registers numbered assets with distinct new codes in one go', async () => {
    await createAsset(author, input({ code: 'K7M4QX' }))
    const created = await bulkCreateAssets(author, 5, { type: 'pc', name: 'PC lokale 3', building: 'B', floor: '1', room: '3', departmentId: null, model: 'OptiPlex' })
    expect(created.map((a) => a.name)).toEqual(['PC lokale 3 1', 'PC lokale 3 2', 'PC lokale 3 3', 'PC lokale 3 4', 'PC lokale 3 5'])
    const codes = new Set(created.map((a) => a.code))
    expect(codes.size).toBe(5)
    expect(codes.has('K7M4QX')).toBe(false)
    expect(await db().assets.count()).toBe(6)
    expect(await db().outbox.count()).toBe(6)
  })

  it('stores none when one of them fails', async () => {
    let n = 0
    db().outbox.hook('creating', () => { if (++n === 3) throw new Error('disk full') })
    await expect(bulkCreateAssets(author, 4, { type: 'pc', name: 'PC', building: '', floor: '', room: '', departmentId: null, model: '' })).rejects.toThrow('disk full')
    expect(await db().assets.count()).toBe(0)
  })
})
