import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { CampaignClosedError, CampaignDraftError, closeCampaign, createCampaign, getCampaignDetails, listCampaigns } from '../../../src/db/campaigns.ts'
import { answerItem, completeRun } from '../../../src/db/checklists.ts'
import { campaignRunId, failureKey } from '../../../src/domain/campaign.ts'
import type { ChecklistTemplate } from '../../../src/domain/records/checklistTemplate.ts'
import type { ChecklistTemplateId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Person } from '../../../src/domain/records/person.ts'

const koordinator = { teamId: 't1' as TeamId, personId: 'k1' as PersonId }
const anne = 'anne' as PersonId
const ib = 'ib' as PersonId
const tpl = 'tpl1' as ChecklistTemplateId
const sync = { teamId: 't1', createdAt: 1, createdBy: 'k1', updatedAt: 1, rev: 1, deletedAt: null }

async function seed(): Promise<void> {
  await db().checklistTemplates.add({
    ...sync, id: tpl, title: 'Acadre-test', purpose: '', version: 3, archived: false,
    items: [{ key: 'open', label: 'Åbn en sag', kind: 'check', required: true }],
  } as unknown as ChecklistTemplate)
  await db().people.bulkAdd([
    { ...sync, id: anne, name: 'Anne Berg', initials: 'AB', email: 'a@x.dk', role: 'superbruger', homeDepartmentId: null, competences: [] },
    { ...sync, id: ib, name: 'Ib Kortlægger', initials: 'IK', email: '', role: null, homeDepartmentId: null, competences: [] },
  ] as unknown as Person[])
}

const draft = { name: ' Acadre 24.2 – brugertest ', templateId: tpl, testers: [anne, ib], deadline: '2026-12-18' }

describe('campaigns on the device', () => {
  it('starts a campaign and one run per tester in one go, with ids every device agrees on, all queued', async () => {
    await seed()
    const campaign = await createCampaign(koordinator, draft, 1_000)
    expect(campaign).toMatchObject({ name: 'Acadre 24.2 – brugertest', templateVersion: 3, testers: [anne, ib], status: 'åben' })
    const runs = await db().checklistRuns.where('campaignId').equals(campaign.id).sortBy('subject.label')
    expect(runs.map((r) => [r.id, r.subject, r.dueDate, r.title])).toEqual([
      [campaignRunId(campaign.id, anne), { kind: 'person', refId: anne, label: 'Anne Berg' }, '2026-12-18', 'Acadre 24.2 – brugertest'],
      [campaignRunId(campaign.id, ib), { kind: 'person', refId: ib, label: 'Ib Kortlægger' }, '2026-12-18', 'Acadre 24.2 – brugertest'],
    ])
    expect((await db().outbox.toArray()).map((m) => [m.table, m.op])).toEqual([['campaigns', 'put'], ['checklistRuns', 'put'], ['checklistRuns', 'put']])
  })

  it('masks a CPR number in the name before anything is stored or queued', async () => {
    await seed()
    const campaign = await createCampaign(koordinator, { ...draft, name: 'Test med 010203-1234' }, 1_000)
    expect(campaign.name).toBe('Test med 010203-XXXX')
    expect(JSON.stringify(await db().outbox.toArray())).not.toContain('1234')
  })

  it('refuses a campaign with no testers and stores nothing', async () => {
    await seed()
    const refused = await createCampaign(koordinator, { ...draft, testers: [] }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(CampaignDraftError)
    expect((refused as CampaignDraftError).problems).toEqual(['noTesters'])
    expect(await db().campaigns.count()).toBe(0)
    expect(await db().outbox.count()).toBe(0)
  })

  it('rolls the runs up, shows a superuser only the campaigns they test in, and closes once', async () => {
    await seed()
    const campaign = await createCampaign(koordinator, { ...draft, testers: [anne] }, 1_000)
    const run = campaignRunId(campaign.id, anne)
    await answerItem({ teamId: 't1' as TeamId, personId: anne }, run, 'open', true)
    await answerItem({ teamId: 't1' as TeamId, personId: anne }, run, failureKey('open'), 'Fejl 500 ved åbning')
    await completeRun(run, undefined, 2_000)
    const details = await getCampaignDetails(campaign.id)
    expect(details?.summary.items).toEqual([{ key: 'open', label: 'Åbn en sag', passed: 0, failed: 1, untested: 0, comments: [{ tester: 'Anne Berg', text: 'Fejl 500 ved åbning' }] }])
    expect(details?.summary.unfinished).toEqual([])
    expect(await listCampaigns({ personId: anne, seesAll: false })).toHaveLength(1)
    expect(await listCampaigns({ personId: ib, seesAll: false })).toHaveLength(0)
    expect(await listCampaigns({ personId: 'k1' as PersonId, seesAll: true })).toHaveLength(1)
    expect(await closeCampaign(campaign.id, 3_000)).toMatchObject({ status: 'lukket', closedAt: 3_000 })
    await expect(closeCampaign(campaign.id)).rejects.toBeInstanceOf(CampaignClosedError)
  })
})
