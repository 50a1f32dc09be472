import { expect, it } from 'vitest'
import { campaignRunId } from '../../src/domain/campaign.ts'
import type { CampaignId, PersonId } from '../../src/domain/records/fields.ts'
import { describeBackends } from './support/backends.ts'
import { deleteOf, patchOf, putOf, useServer } from './support/harness.ts'

describeBackends('user-test campaigns: the record round-trips, bad input is refused with a reason', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const anne = await server().user('superbruger', [team])
    return { team, koordinator, anne }
  }

  it("a koordinator's campaign and its testers' runs reach a tester as they were sent; closing it reaches them too", async () => {
    const { team, koordinator, anne } = await setup()
    const campaignId = '0192a7c0-0000-7000-8000-0000000000c1'
    const runId = campaignRunId(campaignId as CampaignId, anne.actor.id as PersonId)
    const fields = { name: 'Acadre 24.2 – brugertest', templateId: 'tpl1', templateVersion: 2, testers: [anne.actor.id, 'colleague-ib'], deadline: '2026-12-18', status: 'åben', closedAt: null }
    const made = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      putOf(1, 'campaigns', campaignId, team, koordinator.actor.id, fields),
      putOf(2, 'checklistRuns', runId, team, koordinator.actor.id, { campaignId, subject: { kind: 'person', refId: anne.actor.id, label: 'Anne' } }),
    ] })
    expect(made.rejected).toEqual([])
    const pulled = await anne.pullAll()
    expect(pulled.find((r) => r.record.id === campaignId)?.record).toMatchObject({ ...fields, teamId: team, createdBy: koordinator.actor.id })
    expect(pulled.find((r) => r.record.id === runId)?.record).toMatchObject({ campaignId, status: 'i gang' })

    // The same run made again by another device (the id is the same everywhere) stays one run.
    const again = await koordinator.pushOk({ clientId: 'koord-dev-2', mutations: [
      putOf(1, 'checklistRuns', runId, team, koordinator.actor.id, { campaignId, subject: { kind: 'person', refId: anne.actor.id, label: 'Anne' } }),
    ] })
    expect(again.rejected).toEqual([])
    expect((await anne.pullAll()).filter((r) => r.record.id === runId)).toHaveLength(1)

    const closed = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [patchOf(3, 'campaigns', campaignId, { status: 'lukket', closedAt: 5000 }, made.seq)] })
    expect(closed.rejected).toEqual([])
    expect((await anne.pullAll()).find((r) => r.record.id === campaignId)?.record).toMatchObject({ status: 'lukket', closedAt: 5000 })
  })

  it('a superbruger may fill their run but may not start, change or close a campaign', async () => {
    const { team, koordinator, anne } = await setup()
    const made = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [putOf(1, 'campaigns', 'camp1', team, koordinator.actor.id, { testers: [anne.actor.id] })] })
    const refused = await anne.pushOk({ clientId: 'anne-dev-01', mutations: [
      putOf(1, 'campaigns', 'camp2', team, anne.actor.id, { testers: [anne.actor.id] }),
      patchOf(2, 'campaigns', 'camp1', { status: 'lukket', closedAt: 5000 }, made.seq),
    ] })
    expect(refused.rejected.map((r) => r.reason)).toEqual(['forbidden', 'forbidden'])
  })

  it("a closed campaign's runs take no more answers or changes from anyone (an old app), while the koordinator may still cancel or delete a run", async () => {
    const { team, koordinator, anne } = await setup()
    const campaignId = '0192a7c0-0000-7000-8000-0000000000c2'
    const runId = campaignRunId(campaignId as CampaignId, anne.actor.id as PersonId)
    const otherRun = campaignRunId(campaignId as CampaignId, 'colleague-ib' as PersonId)
    const subject = (refId: string) => ({ kind: 'person', refId, label: refId })
    const made = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      putOf(1, 'campaigns', campaignId, team, koordinator.actor.id, { testers: [anne.actor.id, 'colleague-ib'] }),
      putOf(2, 'checklistRuns', runId, team, koordinator.actor.id, { campaignId, subject: subject(anne.actor.id) }),
      putOf(3, 'checklistRuns', otherRun, team, koordinator.actor.id, { campaignId, subject: subject('colleague-ib') }),
    ] })
    const answered = await anne.pushOk({ clientId: 'anne-dev-01', mutations: [
      putOf(1, 'checklistAnswers', 'ans-1', team, anne.actor.id, { runId, itemKey: 'mail', value: true }),
    ] })
    expect(answered.rejected).toEqual([])
    await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [patchOf(4, 'campaigns', campaignId, { status: 'lukket', closedAt: 5000 }, made.seq)] })

    // Anne's phone, offline while it was closed, sends what she did meanwhile.
    const late = await anne.pushOk({ clientId: 'anne-dev-01', mutations: [
      patchOf(2, 'checklistAnswers', 'ans-1', { value: false }, answered.seq),
      putOf(3, 'checklistAnswers', 'ans-2', team, anne.actor.id, { runId, itemKey: 'print', value: true }),
      patchOf(4, 'checklistRuns', runId, { status: 'fuldført', completedAt: 6000 }, made.seq),
    ] })
    expect(late.rejected.map((r) => [r.table, r.reason])).toEqual([
      ['checklistAnswers', 'campaign_closed'], ['checklistAnswers', 'campaign_closed'], ['checklistRuns', 'campaign_closed'],
    ])
    // Nor may the koordinator fill in or complete a run of it (the app does not offer it either).
    const koordLate = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      putOf(5, 'checklistAnswers', 'ans-3', team, koordinator.actor.id, { runId: otherRun, itemKey: 'mail', value: true }),
      patchOf(6, 'checklistRuns', otherRun, { status: 'fuldført', completedAt: 6000 }, made.seq),
      patchOf(7, 'checklistRuns', runId, { campaignId: null }, made.seq),
    ] })
    expect(koordLate.rejected.map((r) => r.reason)).toEqual(['campaign_closed', 'campaign_closed', 'campaign_closed'])
    const records = await anne.pullAll()
    expect(records.find((r) => r.record.id === 'ans-1')?.record).toMatchObject({ value: true })
    expect(records.some((r) => r.record.id === 'ans-2' || r.record.id === 'ans-3')).toBe(false)
    expect(records.find((r) => r.record.id === runId)?.record).toMatchObject({ status: 'i gang', campaignId })

    // What the app lets the koordinator do on a closed campaign's run: cancel it, or delete it with its answers.
    const kept = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      patchOf(8, 'checklistRuns', otherRun, { status: 'annulleret', updatedAt: 7000 }, made.seq),
      deleteOf(9, 'checklistAnswers', 'ans-1', answered.seq),
      deleteOf(10, 'checklistRuns', runId, made.seq),
    ] })
    expect(kept.rejected).toEqual([])
    const after = await anne.pullAll()
    expect(after.find((r) => r.record.id === otherRun)?.record).toMatchObject({ status: 'annulleret' })
    expect(after.find((r) => r.record.id === runId)?.record.deletedAt).not.toBeNull()
  })

  it('an answer sent in the same push as the close, after it, is refused; one before it counts', async () => {
    const { team, koordinator } = await setup()
    const campaignId = '0192a7c0-0000-7000-8000-0000000000c3'
    const runId = campaignRunId(campaignId as CampaignId, koordinator.actor.id as PersonId)
    const made = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      putOf(1, 'campaigns', campaignId, team, koordinator.actor.id, { testers: [koordinator.actor.id] }),
      putOf(2, 'checklistRuns', runId, team, koordinator.actor.id, { campaignId, subject: { kind: 'person', refId: koordinator.actor.id, label: 'K' } }),
      putOf(3, 'checklistAnswers', 'ans-before', team, koordinator.actor.id, { runId, itemKey: 'mail', value: true }),
    ] })
    expect(made.rejected).toEqual([])
    const closing = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      patchOf(4, 'campaigns', campaignId, { status: 'lukket', closedAt: 5000 }, made.seq),
      putOf(5, 'checklistAnswers', 'ans-after', team, koordinator.actor.id, { runId, itemKey: 'print', value: true }),
    ] })
    expect(closing.rejected.map((r) => [r.recordId, r.reason])).toEqual([['ans-after', 'campaign_closed']])
  })

  it('two koordinators starting the same test offline keep both campaigns and every tester\'s run (nothing is merged away)', async () => {
    const { team, koordinator, anne } = await setup()
    const other = await server().user('koordinator', [team])
    const same = { name: 'Acadre 24.2 – brugertest', templateId: 'tpl1', testers: [anne.actor.id] }
    const pushes = [[koordinator, 'koord-dev-1', '0192a7c0-0000-7000-8000-0000000000d1'], [other, 'koord-dev-2', '0192a7c0-0000-7000-8000-0000000000d2']] as const
    for (const [who, clientId, campaignId] of pushes) {
      const runId = campaignRunId(campaignId as CampaignId, anne.actor.id as PersonId)
      const made = await who.pushOk({ clientId, mutations: [
        putOf(1, 'campaigns', campaignId, team, who.actor.id, same),
        putOf(2, 'checklistRuns', runId, team, who.actor.id, { campaignId, subject: { kind: 'person', refId: anne.actor.id, label: 'Anne' } }),
      ] })
      expect(made.rejected).toEqual([])
    }
    const pulled = await anne.pullAll()
    expect(pulled.filter((r) => r.table === 'campaigns').map((r) => r.record.id).sort()).toEqual(pushes.map((p) => p[2]).sort())
    expect(pulled.filter((r) => r.table === 'checklistRuns')).toHaveLength(2)
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no testers', { testers: [] }, /fields\.testers: a campaign needs at least one tester/],
    ['an empty name', { name: '   ' }, /fields\.name: a campaign needs a name/],
    ['a tester twice', { testers: ['p1', 'p1'] }, /fields\.testers: each tester once/],
    ['no deadline', { deadline: '' }, /fields\.deadline/],
  ])('refuses a campaign with %s, storing nothing', async (_name, extra, reason) => {
    const { team, koordinator, anne } = await setup()
    const response = await koordinator.push({ clientId: 'koord-dev-1', mutations: [putOf(1, 'campaigns', 'camp1', team, koordinator.actor.id, extra)] })
    expect(response.statusCode).toBe(400)
    expect(response.json().details).toMatch(reason)
    expect((await anne.pullAll()).some((r) => r.record.id === 'camp1')).toBe(false)
  })
})
