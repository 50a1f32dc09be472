import { expect, it } from 'vitest'
import { campaignRunId } from '../../src/domain/campaign.ts'
import type { CampaignId, PersonId } from '../../src/domain/records/fields.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer } from './support/harness.ts'

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
