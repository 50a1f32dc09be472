import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { SuperbrugerDb } from '../../src/db/database.ts'
import { schemaV1, schemaV2 } from '../../src/db/migrations.ts'
import type { RequestId } from '../../src/domain/records/fields.ts'

const opened: Dexie[] = []

afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close()
    await d.delete()
  }
})

function oldDatabase(name: string, version: 1 | 2): Dexie {
  const old = new Dexie(name)
  old.version(1).stores(schemaV1)
  if (version === 2) old.version(2).stores(schemaV2)
  return old
}

describe('schema versions 3 (conflicts and refused changes), 4 (requests by createdAt), 5 (tip reads), 6 (observations), 8 (hand-offs to IT), 10 (photo images), 11 (loans), 12 (column-wise report packs) 13 (user-test campaigns) and 14 (open requests by team, assignee and status)', () => {
  it.each([1, 2] as const)('upgrades a version %i database, keeping records, outbox and meta', async (version) => {
    const name = `upgrade-v${version}-${Math.random().toString(36).slice(2)}`
    const old = oldDatabase(name, version)
    // A version 2 database already holds the derived fields; version 1 gets them on upgrade.
    const derived = version === 2 ? { words: ['printer', 'virker', 'ikke', 'ane'] } : {}
    await old.table('requests').add({ id: 'r1', teamId: 't', status: 'ny', createdAt: 1_796_000_000_000, description: 'Printer virker ikke', requesterName: 'Ane', resolution: '', helpdeskCaseNo: '', deletedAt: null, ...derived })
    await old.table('timeEntries').add({ id: 'e1', personId: 'p', start: 1, end: null, week: '2026-W48', ...(version === 2 ? { running: 1 } : {}) })
    await old.table('outbox').add({ table: 'requests', recordId: 'r1', op: 'put', fields: {}, baseRev: 0, at: 1 })
    await old.table('meta').put({ key: 'profile', value: { teamId: 't', personId: 'p' } })
    old.close()

    const upgraded = new SuperbrugerDb(name)
    opened.push(upgraded)
    await upgraded.open()
    expect(upgraded.verno).toBe(14)
    // Version 7: the report facts are built for the records already stored.
    expect(await upgraded.reportRequests.get('r1')).toMatchObject({ id: 'r1', createdAt: expect.any(Number) })
    expect(await upgraded.reportEntries.count()).toBe(1)
    // Version 4: a report finds the request by when it was made.
    expect((await upgraded.requests.where('createdAt').between(1_795_000_000_000, 1_797_000_000_000).toArray()).map((r) => r.id)).toEqual(['r1'])
    expect(await upgraded.requests.get('r1' as RequestId)).toMatchObject({ description: 'Printer virker ikke' })
    expect((await upgraded.requests.where('words').equals('printer').toArray()).map((r) => r.id)).toEqual(['r1'])
    expect(await upgraded.timeEntries.where('[personId+running]').equals(['p', 1]).count()).toBe(1)
    expect(await upgraded.outbox.toArray()).toEqual([expect.objectContaining({ mutationId: 1, recordId: 'r1' })])
    expect(await upgraded.meta.get('profile')).toBeDefined()
    await upgraded.conflicts.add({ id: 'c1', table: 'requests', recordId: 'r1', field: 'status', yours: 'løst', theirs: 'venter', mutationId: 1, at: 5 })
    await upgraded.rejections.add({ id: 'x1', mutationId: 2, table: 'timeEntries', recordId: 'e1', op: 'patch', fields: { note: 'x' }, reason: 'forbidden', at: 6 })
    expect(await upgraded.conflicts.where('[table+recordId]').equals(['requests', 'r1']).count()).toBe(1)
    expect(await upgraded.rejections.orderBy('at').count()).toBe(1)
    // Version 5: a tip's reads are found by tip, and a person's own reads of it by both.
    await upgraded.tipReads.add({ id: 'tr1', teamId: 't', tipId: 'tip1', personId: 'p', createdAt: 7, createdBy: 'p', updatedAt: 7, rev: 0, deletedAt: null } as never)
    expect(await upgraded.tipReads.where('tipId').equals('tip1').count()).toBe(1)
    expect(await upgraded.tipReads.where('[personId+tipId]').equals(['p', 'tip1']).count()).toBe(1)
    // Version 6: observations by status, department and when they were made.
    await upgraded.observations.add({ id: 'o1', teamId: 't', departmentId: 'd1', kind: 'idé', text: 'x', status: 'ny', history: [], createdAt: 8, createdBy: 'p', updatedAt: 8, rev: 0, deletedAt: null } as never)
    expect(await upgraded.observations.where('status').equals('ny').count()).toBe(1)
    expect(await upgraded.observations.where('departmentId').equals('d1').count()).toBe(1)
    expect(await upgraded.observations.where('createdAt').between(7, 9).count()).toBe(1)
    // Version 8: hand-offs to central IT by the request they belong to.
    await upgraded.handOffs.add({ id: 'h1', teamId: 't', requestId: 'r1', channel: 'mail', tried: '', state: 'venter', reason: null, reasonDetail: '', externalNumber: '', sentAt: null, itClosedAt: null, createdAt: 9, createdBy: 'p', updatedAt: 9, rev: 0, deletedAt: null } as never)
    expect(await upgraded.handOffs.where('requestId').equals('r1').count()).toBe(1)
    // Version 10: photo images by hash, found by upload state and by their record.
    await upgraded.photoBlobs.add({ hash: 'a'.repeat(64), table: 'requests', recordId: 'r1', state: 'upload', tries: 0, nextAt: 0, blob: new Blob(['x']), addedAt: 10 })
    expect(await upgraded.photoBlobs.where('state').equals('upload').count()).toBe(1)
    expect(await upgraded.photoBlobs.where('[table+recordId]').equals(['requests', 'r1']).count()).toBe(1)
    // Version 11: loans of assets by the asset they are for.
    await upgraded.loans.add({ id: 'l1', teamId: 't', assetId: 'a1', borrowerId: null, borrowerName: 'Ole', departmentId: null, since: '2026-12-01', until: '2026-12-14', returnedOn: null, returnedBy: null, createdAt: 10, createdBy: 'p', updatedAt: 10, rev: 0, deletedAt: null } as never)
    expect(await upgraded.loans.where('assetId').equals('a1').count()).toBe(1)
    // Version 13: campaigns by status, and a campaign's runs by the campaign.
    await upgraded.campaigns.add({ id: 'k1', teamId: 't', name: 'Acadre 24.2', templateId: 'tpl', templateVersion: 1, testers: ['p'], deadline: '2026-12-18', status: 'åben', closedAt: null, createdAt: 10, createdBy: 'p', updatedAt: 10, rev: 0, deletedAt: null } as never)
    await upgraded.checklistRuns.add({ id: 'run1', teamId: 't', templateId: 'tpl', templateVersion: 1, title: 'x', subject: { kind: 'person', refId: 'p', label: 'P' }, status: 'i gang', dueDate: null, completedAt: null, overrideReason: '', campaignId: 'k1', createdAt: 10, createdBy: 'p', updatedAt: 10, rev: 0, deletedAt: null } as never)
    expect(await upgraded.campaigns.where('status').equals('åben').count()).toBe(1)
    expect(await upgraded.checklistRuns.where('campaignId').equals('k1').count()).toBe(1)
    // Version 14: a member's open requests by team, assignee and status (the group's week).
    await upgraded.requests.update('r1' as RequestId, { assigneeId: 'p' } as never)
    expect(await upgraded.requests.where('[teamId+assigneeId+status]').equals(['t', 'p', 'ny']).count()).toBe(1)
  })
})
